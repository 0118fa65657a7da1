/**
 * The local setup: the FlowX-compatible `sandbox`, and the `profiles` (list, export, import).
 * Each handler is loaded when its command runs.
 */
import { dataDir, type CommandKit } from './define-options'
import type { ExportFlags, ImportFlags, ProfilesFlags } from './profiles'
import type { SandboxFlags } from './sandbox'

/** Defines sandbox and profiles (in this order, the order of the help). */
export function defineSetupCommands({ ctx, setExit, command }: CommandKit): void {
  command('sandbox')
    .description('run the local FlowX-compatible sandbox on 127.0.0.1 until Ctrl+C')
    .option('--port <n>', 'port to listen on (default 47210, else any free port)')
    .option('--flowx4', 'act as a FlowX 4.x runtime (no workspace routes)')
    .option(
      '--trust-issuer <url...>',
      "the runtime trusts only these issuers and refuses the sandbox's own tokens (401)"
    )
    .addOption(dataDir().hideHelp())
    .action(async (flags: SandboxFlags) =>
      setExit(await (await import('./sandbox')).runSandbox(ctx, flags))
    )

  const profiles = command('profiles').description(
    'list, export or import profiles (never a secret value)'
  )
  profiles
    .command('list', { isDefault: true })
    .description('list stored profiles: settings, sign-in, and each secret as set / not set')
    .option('--json', 'one JSON object per line')
    .addOption(dataDir())
    .action(async (flags: ProfilesFlags) =>
      setExit(await (await import('./profiles')).runProfiles(ctx, flags))
    )
  profiles
    .command('export')
    .description('write profiles to a file for a colleague: settings only, no secret values')
    .option('--out <file>', 'write here (default: standard output)')
    .option('--profile <name...>', 'only these profiles (default: all but the Local sandbox)')
    .addOption(dataDir())
    .action(async (flags: ExportFlags) =>
      setExit(await (await import('./profiles')).runExport(ctx, flags))
    )
  profiles
    .command('import')
    .description('add the profiles of an export file and list the secrets to enter')
    .argument('<file>', 'the export file')
    .addOption(dataDir())
    .action(async (file: string, flags: ImportFlags) =>
      setExit(await (await import('./profiles')).runImport(ctx, file, flags))
    )
}
