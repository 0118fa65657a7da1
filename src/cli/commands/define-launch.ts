/**
 * The commands that start processes: `start`, `batch`, `run`, the saved launches of the
 * `library`, and `replay`. Each handler is loaded when its command runs.
 */
import { TOKEN_ENV } from '../context'
import { FOOTER } from '../help-text'
import type { BatchFlags } from './batch'
import { authOptions, collect, dataDir, type CommandKit } from './define-options'
import type { LibraryFlags } from './library'
import type { ReplayFlags } from './replay'
import type { RunFlags } from './run'
import type { StartFlags } from './start'

/** `--expect` of start, run and replay (batch names a column of expected outcomes instead). */
const EXPECT_HELP =
  'what FlowX should answer: started, failed, 400, 4xx or 400|404; exit 0 when it does'

/** Defines start, batch, run, library and replay (in this order, the order of the help). */
export function defineLaunchCommands({ ctx, setExit, command }: CommandKit): void {
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
    .option('--expect <outcome>', EXPECT_HELP)
  authOptions(start)
    .addOption(dataDir())
    .addHelpText('after', FOOTER)
    .action(async (flags: StartFlags) =>
      setExit(await (await import('./start')).runStart(ctx, flags))
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
    .option(
      '--var <name=value>',
      'a value for {{name}} in every row, over its column (repeat; ?Label=value answers a prompt)',
      collect
    )
    .option('--platform <name>', "Flowx-Platform header (default web, or the profile's)")
    .option('--concurrency <n>', 'rows in flight at once (default 4, at most 64)')
    .option('--rate <n>', 'at most this many starts per second')
    .option(
      '--max-failures <n>',
      'stop starting rows after this many failed or unknown (with --expect: not as expected)'
    )
    .option(
      '--expect <column>',
      "the column holding each row's expected outcome: started, failed, 400, 4xx, 400|404 (empty: started)"
    )
    .option('--shard <i/n>', "take this job's share of the rows, e.g. 2/4 (CI matrix)")
    .option(
      '--key <columns>',
      'columns naming a row in reports (comma-separated; default the first)'
    )
    .option('--junit <file>', 'write a JUnit XML report (one testcase per row)')
    .option(
      '--summary <file>',
      'append a Markdown summary (counts, rows that did not pass), e.g. "$GITHUB_STEP_SUMMARY"'
    )
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
      setExit(await (await import('./batch')).runBatch(ctx, savedLaunch, flags))
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
    .option('--expect <outcome>', EXPECT_HELP)
    .addOption(dataDir())
    .action(async (name: string, flags: RunFlags) =>
      setExit(await (await import('./run')).runRun(ctx, name, flags))
    )

  const library = command('library').description('the saved launches of the library')
  library
    .command('list', { isDefault: true })
    .description('list saved launches and playlists of every library folder (broken files too)')
    .option('--json', 'one JSON object per line')
    .addOption(dataDir())
    .action(async (flags: LibraryFlags) =>
      setExit(await (await import('./library')).runLibraryList(ctx, flags))
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
    .option('--expect <outcome>', EXPECT_HELP)
    .addOption(dataDir())
    .action(async (id: string, flags: ReplayFlags) =>
      setExit(await (await import('./replay')).runReplay(ctx, id, flags))
    )
}
