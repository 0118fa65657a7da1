/**
 * `flowx-launcher`: the headless command line over the same core and data directory as the app.
 * Built as out/main/cli.js (CommonJS); bin/flowx-launcher.cjs and `npm run cli` run it.
 */
import { Command, CommanderError, Option } from 'commander'

import { version } from '../../package.json'
import { SANDBOX_IDS } from '../sandbox/fixture'
import type { BuildInfoFlags } from './commands/build-info'
import type { CheckFlags } from './commands/check'
import type { HistoryFlags } from './commands/history'
import type { PruneFlags } from './commands/history-prune'
import type { ExportFlags, ImportFlags, ProfilesFlags } from './commands/profiles'
import type { ReportFlags } from './commands/report'
import type { SandboxFlags } from './commands/sandbox'
import type { StartFlags } from './commands/start'
import type { CurlFlags } from './commands/curl'
import type { LibraryFlags } from './commands/library'
import type { ReplayFlags } from './commands/replay'
import type { RunFlags } from './commands/run'
import type { BatchFlags } from './commands/batch'
import {
  CLIENT_SECRET_ENV,
  CliContext,
  PASSWORD_ENV,
  PROXY_PASSWORD_ENV,
  toAppError,
  TOKEN_ENV,
  type CliIo,
  type CliOverrides
} from './context'
import { DATA_DIR_ENV } from './data-dir'
import { EXIT } from './exit-codes'
import type { TextSink } from './output'
import type { PayloadSource } from './read-payload'

export type { CliIo, CliOverrides } from './context'

/** The login client FlowX's own apps use for the password grant (as in connection.ts). */
const DEFAULT_LOGIN_CLIENT = SANDBOX_IDS.publicClientId

/** commander's collector for a repeatable option. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

const FOOTER = `
Environment (secrets are never taken as flags):
  ${TOKEN_ENV}          bearer token (ad hoc, or a profile that uses a pasted token)
  ${CLIENT_SECRET_ENV}  client secret for --client-id, or a profile's client credentials
  ${PASSWORD_ENV}       password for --username, or a profile's password grant
  ${DATA_DIR_ENV}  data directory shared with the app (--data-dir wins)
  ${PROXY_PASSWORD_ENV}  proxy password (a profile's manual proxy, or the user in HTTPS_PROXY)
  HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY (or lower-case)
                       the "System" proxy of a profile or --base-url, read as curl reads them

Exit codes:
  0    the process started (check: no item failed)
  1    FlowX answered with an error (HTTP error status, redirect) (check: an item failed)
  2    invalid input, or no token from the identity provider: nothing was sent or recorded
  3    network error, timeout, cancel, unreadable answer or TLS: check FlowX before retrying
  130  interrupted (Ctrl+C) while the call was in flight; the history records the outcome`

const EXAMPLES = `
Examples (from a clone after npm run build; npx finds the command there):
  npx flowx-launcher sandbox                    # a local FlowX: its URL, ids and a demo token
  FLOWX_TOKEN=… npx flowx-launcher start --base-url https://admin.example.com/rtm \\
      --workspace 2ae77b6a-… --app dbe0ab87-… --process onboarding --data '{"customerId":"C-1"}'
  npx flowx-launcher start --profile staging --process onboarding --data @payload.json
  npx flowx-launcher check --profile staging    # runtime, certificate, route, token, clock
  npx flowx-launcher history --status failed --limit 20
  npx flowx-launcher profiles export --out team.json`

const CHECK_EXAMPLES = `
Examples:
  npx flowx-launcher check --profile staging
  FLOWX_TOKEN=… npx flowx-launcher check --base-url https://admin.example.com/rtm
  FLOWX_CLIENT_SECRET=… npx flowx-launcher check --base-url https://admin.example.com/rtm \\
      --issuer https://kc.example.com/realms/flowx --client-id flowx-launcher --json`

/** Flags that would carry a secret, refused before commander (whose error would echo the value). */
const SECRET_FLAGS: ReadonlyArray<[flag: string, env: string, what: string]> = [
  ['--token', TOKEN_ENV, 'token'],
  ['--client-secret', CLIENT_SECRET_ENV, 'client secret'],
  ['--password', PASSWORD_ENV, 'password']
]

/** Run the CLI on `argv` (the arguments after the script) and return the exit code. */
export async function runCli(
  argv: string[],
  io: CliIo,
  overrides: CliOverrides = {}
): Promise<number> {
  const ctx = new CliContext(io, version, overrides)
  for (const [flag, env, what] of SECRET_FLAGS) {
    if (argv.some((arg) => arg === flag || arg.startsWith(`${flag}=`))) {
      // Caught before commander, whose "unknown option" message would echo `--flag=<value>`.
      ctx.fail({
        message: `There is no ${flag} flag: set ${env} instead.`,
        hint: `A flag would leave the ${what} in shell history and process lists.`
      })
      return EXIT.INVALID_INPUT
    }
  }
  let exitCode: number = EXIT.STARTED
  const setExit = (code: number): void => {
    exitCode = code
  }
  // Only the command named first is built; anything else (`--help`, `help`, a typo) gets them
  // all, for the full help and commander's suggestions.
  const first = argv[0]
  let program = buildProgram(ctx, setExit, first?.startsWith('-') === false ? first : undefined)
  if (program.commands.length === 0) program = buildProgram(ctx, setExit)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (error) {
    // Help and --version end with a CommanderError of exit code 0; usage errors are already printed.
    if (error instanceof CommanderError)
      return error.exitCode === 0 ? EXIT.STARTED : EXIT.INVALID_INPUT
    ctx.fail(toAppError(error))
    return EXIT.INVALID_INPUT
  }
}

/**
 * What a command this run does not use is built as: every builder call returns it and does
 * nothing. Building all the commands with their options took a one-shot `start` about 4 ms.
 */
const unused: Command = new Proxy(Object.create(null) as object, {
  get: () => () => unused
}) as Command

/** The program; with `only`, the other top-level commands are left out. */
function buildProgram(ctx: CliContext, setExit: (code: number) => void, only?: string): Command {
  const program = new Command('flowx-launcher')
    .description('Start FlowX.AI processes with the FlowX Launcher profiles and history.')
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.out.plain('stdout', text),
      writeErr: (text) => ctx.out.plain('stderr', text)
    })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXAMPLES)
    .addHelpText('after', FOOTER)
    .hook('preAction', (_program, command) => ctx.commandStarted(command))
  const command = (name: string): Command =>
    only === undefined || name === only ? program.command(name) : unused
  const dataDir = (): Option =>
    new Option('--data-dir <dir>', `data directory (default: $${DATA_DIR_ENV}, else the app's)`)
  const authOptions = (command: Command): Command =>
    command
      .option('--issuer <url>', 'identity provider realm, e.g. https://kc.example.com/realms/flowx')
      .option('--client-id <id>', `client (client credentials with $${CLIENT_SECRET_ENV})`)
      .option(
        '--username <name>',
        `password grant as this user ($${PASSWORD_ENV}; client default ${DEFAULT_LOGIN_CLIENT})`
      )

  const start = command('start')
    .description(
      `start a process instance (token from $${TOKEN_ENV}, or fetched with the auth flags or profile)`
    )
    .option('--base-url <url>', 'runtime base URL, usually ending in /rtm')
    .option('--profile <name>', "a stored profile's base URL, sign-in, platform and default ids")
    .option('--build <id>', 'start on this pinned build')
    .option('--workspace <id>', 'start on the active build of the app in this workspace')
    .option('--app <id>', 'application id')
    .option('--process <name>', 'process definition name, e.g. "[DOCS]customer_onboarding"')
    .option('--data <json>', 'payload: JSON text, @file, or - for standard input (default {})')
    .option('--platform <name>', "Flowx-Platform header (default web, or the profile's)")
    .option('--timeout <seconds>', 'total time allowed for the call (default 120)')
    .option('--confirm <name>', 'the profile name, required to start in a protected profile')
    .option('--json', 'print the outcome as one JSON object on one line')
    .option(
      '--var <name=value>',
      'a value for {{name}} (repeat; ?Label=value answers a prompt)',
      collect
    )
    .option('--save-as <name>', 'also save the launch, as written, to the library')
    .option('--dry-run', 'print the resolved URL and payload; send nothing')
    .option('--ticket <ref>', 'ticket reference kept with the launch')
    .option('--note <text>', 'a note kept with the launch')
  authOptions(start)
    .addOption(dataDir())
    .addHelpText('after', FOOTER)
    .action(async (flags: StartFlags) =>
      setExit(await (await import('./commands/start')).runStart(ctx, flags))
    )

  const batch = command('batch')
    .description(
      'start one process per row of a rows file (CSV, JSON, NDJSON); rows fill {{variables}}'
    )
    .argument(
      '[saved-launch]',
      'a saved launch name or .launch.json file (or use the target flags)'
    )
    .requiredOption(
      '--rows <file>',
      'rows file: .csv (header = variable names), .json array, .ndjson/.jsonl'
    )
    .option('--base-url <url>', 'runtime base URL, usually ending in /rtm')
    .option(
      '--profile <name>',
      "a stored profile's base URL, sign-in, platform, variables and default ids"
    )
    .option('--build <id>', 'start on this pinned build')
    .option('--workspace <id>', 'start on the active build of the app in this workspace')
    .option('--app <id>', 'application id')
    .option('--process <name>', 'process definition name')
    .option('--data <json>', 'payload template: JSON text with {{variables}}, or @file')
    .option('--platform <name>', "Flowx-Platform header (default web, or the profile's)")
    .option('--concurrency <n>', 'rows in flight at once (default 4, at most 64)')
    .option('--rate <n>', 'at most this many starts per second')
    .option('--max-failures <n>', 'stop starting rows after this many failed or unknown')
    .option('--shard <i/n>', "take this job's share of the rows, e.g. 2/4 (CI matrix)")
    .option(
      '--key <columns>',
      'columns naming a row in reports (comma-separated; default the first)'
    )
    .option('--junit <file>', 'write a JUnit XML report (one testcase per row)')
    .option('--out <file>', 'write the results as .csv or .json')
    .option('--dry-run', 'resolve every row and show the first ones and the errors; send nothing')
    .option('--yes', 'start without asking (required without a terminal)')
    .option('--confirm <name>', 'the profile name, required to start in a protected profile')
    .option(
      '--count <n>',
      'the number of processes, required with --confirm for a protected profile'
    )
    .option('--timeout <seconds>', 'total time allowed for each call (default 120)')
    .option('--json', 'one JSON line per row, then a summary line')
  authOptions(batch)
    .addOption(dataDir())
    .addHelpText('after', FOOTER)
    .action(async (savedLaunch: string | undefined, flags: BatchFlags) =>
      setExit(await (await import('./commands/batch')).runBatch(ctx, savedLaunch, flags))
    )

  command('run')
    .description('start a saved launch of the library on a profile ({{variables}} resolved)')
    .argument('<name-or-file>', 'a saved launch name, file name, or path to a .launch.json file')
    .option('--profile <name>', 'the profile to run it on (default: the active one)')
    .option(
      '--var <name=value>',
      'a value for {{name}} (repeat; ?Label=value answers a prompt)',
      collect
    )
    .option('--dry-run', 'print the resolved URL and payload; send nothing')
    .option('--json', 'print the outcome as one JSON object on one line')
    .option('--confirm <name>', 'the profile name, required to start in a protected profile')
    .option('--ticket <ref>', 'ticket reference kept with the launch')
    .option('--note <text>', 'a note kept with the launch')
    .option('--platform <name>', "Flowx-Platform header (default: the profile's)")
    .option('--timeout <seconds>', 'total time allowed for the call (default 120)')
    .addOption(dataDir())
    .action(async (name: string, flags: RunFlags) =>
      setExit(await (await import('./commands/run')).runRun(ctx, name, flags))
    )

  const library = command('library').description('the saved launches of the library')
  library
    .command('list', { isDefault: true })
    .description('list saved launches and playlists of every library folder (broken files too)')
    .option('--json', 'one JSON object per line')
    .addOption(dataDir())
    .action(async (flags: LibraryFlags) =>
      setExit(await (await import('./commands/library')).runLibraryList(ctx, flags))
    )

  command('replay')
    .description('start a launch of the history again: exactly, --fresh, or --to-profile')
    .argument('<id>', 'launch id or instance uuid')
    .option('--fresh', 'resolve its template again (new {{$uuid}}s and timestamps)')
    .option('--to-profile <name>', "on another profile, ids remapped through that profile's values")
    .option('--var <name=value>', 'a value for {{name}} (repeat)', collect)
    .option('--dry-run', 'print what would change (URL, ids, values, payload); send nothing')
    .option('--json', 'print the outcome as one JSON object on one line')
    .option('--confirm <name>', 'the profile name, required to start in a protected profile')
    .option('--timeout <seconds>', 'total time allowed for the call (default 120)')
    .addOption(dataDir())
    .action(async (id: string, flags: ReplayFlags) =>
      setExit(await (await import('./commands/replay')).runReplay(ctx, id, flags))
    )

  command('curl')
    .description('print the cURL command of a launch of the history (bash)')
    .argument('<id>', 'launch id or instance uuid')
    .option('--mode <mode>', 'placeholders ($FLOWX_TOKEN, default), redacted, or resolved')
    .option('--yes', 'resolved mode: print the real token')
    .option('--confirm <name>', 'resolved mode on a protected profile: its name')
    .addOption(dataDir())
    .action(async (id: string, flags: CurlFlags) =>
      setExit(await (await import('./commands/curl')).runCurl(ctx, id, flags))
    )

  const check = command('check')
    .description('check the runtime, certificate, route, token and clock; starts nothing')
    .option('--base-url <url>', 'runtime base URL, usually ending in /rtm')
    .option('--profile <name>', 'a stored profile')
    .option('--json', 'print the report as one JSON object on one line')
  authOptions(check)
    .addOption(dataDir())
    .addHelpText('after', CHECK_EXAMPLES)
    .addHelpText('after', FOOTER)
    .action(async (flags: CheckFlags) =>
      setExit(await (await import('./commands/check')).runCheck(ctx, flags))
    )

  const history = command('history')
    .description('list launches, newest first')
    .option('--limit <n>', 'how many (default 20)')
    .option('--profile <name>', 'only this profile (or the host of --base-url launches)')
    .option('--status <status>', 'only pending, started, failed or unknown')
    .option('--process <name>', 'only this process name')
    .option('--search <text>', 'instance uuid, token id, or words in names and ids')
    .option('--ticket <ref>', 'only launches carrying this ticket reference')
    .option('--batch <id>', 'only the rows of this batch run')
    .option('--json', 'one JSON object per line')
    .option('--format <format>', 'export whole records (payload, variables…): csv or json')
    .option('--out <file>', 'write the export to this file (default: stdout)')
    .addOption(dataDir())
    .action(async (flags: HistoryFlags) =>
      setExit(await (await import('./commands/history')).runHistory(ctx, flags))
    )
  history
    .command('prune')
    .description('remove old launches now (pending ones are kept); space is given back')
    .option('--older-than <age>', 'launches older than this: 90d, 12w, 6m, 1y')
    .option('--keep <n>', 'keep only the newest n launches')
    .option('--dry-run', 'only say how many would be removed')
    .addOption(dataDir())
    .action(async (flags: PruneFlags) =>
      setExit(await (await import('./commands/history-prune')).runPrune(ctx, flags))
    )

  const buildInfo = command('build-info')
    .description(
      "show the build FlowX uses for an app (or --instance UUID's build), with the profile's token"
    )
    .option('--base-url <url>', 'runtime base URL, usually ending in /rtm')
    .option('--profile <name>', 'a stored profile (its default workspace and app ids apply)')
    .option('--workspace <id>', 'workspace id (FlowX 5.x and later)')
    .option('--app <id>', 'application (project) id')
    .option('--instance <uuid>', 'the build a launched process instance runs on')
    .option('--json', 'print the build-info fields as FlowX returned them, on one line')
  authOptions(buildInfo)
    .addOption(dataDir())
    .addHelpText('after', FOOTER)
    .action(async (flags: BuildInfoFlags) =>
      setExit(await (await import('./commands/build-info')).runBuildInfo(ctx, flags))
    )

  command('report')
    .description('a launch report for a support ticket (Markdown or HTML); never a secret')
    .argument('[ids...]', 'launch ids (from `history --json`), instead of --ticket')
    .option('--ticket <ref>', 'every launch carrying this ticket reference')
    .option('--format <md|html>', 'md (default, for Jira or ServiceNow) or html (print to PDF)')
    .option('--no-payload', 'leave the payloads out')
    .option('--mask-hosts', 'replace host names with host-1, host-2…')
    .option('--out <file>', 'write the report here (default: standard output)')
    .addOption(dataDir())
    .action(async (ids: string[], flags: ReportFlags) =>
      setExit(await (await import('./commands/report')).runReport(ctx, ids, flags))
    )

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
      setExit(await (await import('./commands/sandbox')).runSandbox(ctx, flags))
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
      setExit(await (await import('./commands/profiles')).runProfiles(ctx, flags))
    )
  profiles
    .command('export')
    .description('write profiles to a file for a colleague: settings only, no secret values')
    .option('--out <file>', 'write here (default: standard output)')
    .option('--profile <name...>', 'only these profiles (default: all but the Local sandbox)')
    .addOption(dataDir())
    .action(async (flags: ExportFlags) =>
      setExit(await (await import('./commands/profiles')).runExport(ctx, flags))
    )
  profiles
    .command('import')
    .description('add the profiles of an export file and list the secrets to enter')
    .argument('<file>', 'the export file')
    .addOption(dataDir())
    .action(async (file: string, flags: ImportFlags) =>
      setExit(await (await import('./commands/profiles')).runImport(ctx, file, flags))
    )

  return program
}

/** Run with the real process: argv, streams, environment and signals. */
export async function main(): Promise<void> {
  // Node loads its whole fetch implementation (undici, about 50 ms of CPU) the first time anything
  // reads the global FormData, and axios reads it as it loads, only to recognise FormData bodies
  // (which it also does by their tag). The CLI never sends one: its process goes without, so no
  // command pays for it. (A plain write replaces Node's lazy global without loading it.)
  Reflect.set(globalThis, 'FormData', undefined)
  process.stdout.on('error', ignoreClosedPipe)
  // Node makes process.stdin and process.stderr on first use, and making them cost a one-shot
  // start several milliseconds (stdin above all), for streams a start that succeeds never uses.
  let stderr: NodeJS.WriteStream | undefined
  const openStderr = (): NodeJS.WriteStream => {
    if (stderr === undefined) {
      stderr = process.stderr
      stderr.on('error', ignoreClosedPipe)
    }
    return stderr
  }
  // isTTY tells `batch` whether to draw its progress bar and whether a person can answer.
  const errors: TextSink & { readonly isTTY: boolean } = {
    write: (text: string) => openStderr().write(text),
    get isTTY() {
      return openStderr().isTTY === true
    }
  }
  // Only read for `--data -` and `batch`'s question, so other commands never open (and wait on)
  // stdin.
  const input: PayloadSource & { readonly isTTY: boolean } = {
    [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator](),
    get isTTY() {
      return process.stdin.isTTY === true
    }
  }
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: errors,
    stdin: input,
    env: process.env
  })
}

/** The reader went away (`history --json | head`): drop the rest of the output, finish the command. */
function ignoreClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error
}

// Run when executed directly (`node out/main/cli.js`); the bin script calls main() itself.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  void main()
}
