/**
 * The commands that look and start nothing: a launch's `curl`, the connection `check`, the
 * `history` (and its `prune`), a `build-info`, and the support `report`. Each handler is loaded
 * when its command runs.
 */
import { CHECK_EXAMPLES, FOOTER } from '../help-text'
import type { BuildInfoFlags } from './build-info'
import type { CheckFlags } from './check'
import type { CurlFlags } from './curl'
import { authOptions, dataDir, type CommandKit } from './define-options'
import type { HistoryFlags } from './history'
import type { PruneFlags } from './history-prune'
import type { ReportFlags } from './report'

/** Defines curl, check, history, build-info and report (in this order, the order of the help). */
export function defineInspectCommands({ ctx, setExit, command }: CommandKit): void {
  command('curl')
    .description('print the cURL command of a launch of the history (bash)')
    .argument('<id>', 'launch id or instance uuid')
    .option('--mode <mode>', 'placeholders ($FLOWX_TOKEN, default), redacted, or resolved')
    .option('--yes', 'resolved mode: print the real token')
    .option('--confirm <name>', 'resolved mode on a protected profile: its name')
    .addOption(dataDir())
    .action(async (id: string, flags: CurlFlags) =>
      setExit(await (await import('./curl')).runCurl(ctx, id, flags))
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
      setExit(await (await import('./check')).runCheck(ctx, flags))
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
      setExit(await (await import('./history')).runHistory(ctx, flags))
    )
  history
    .command('prune')
    .description('remove old launches now (pending ones are kept); space is given back')
    .option('--older-than <age>', 'launches older than this: 90d, 12w, 6m, 1y')
    .option('--keep <n>', 'keep only the newest n launches')
    .option('--dry-run', 'only say how many would be removed')
    .addOption(dataDir())
    .action(async (flags: PruneFlags) =>
      setExit(await (await import('./history-prune')).runPrune(ctx, flags))
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
      setExit(await (await import('./build-info')).runBuildInfo(ctx, flags))
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
      setExit(await (await import('./report')).runReport(ctx, ids, flags))
    )
}
