/** `flowx-launcher history`: the ledger, newest first, as a table or one JSON object per line. */
import type { Ledger } from '../../core/history'
import { MAX_PAGE_SIZE } from '../../core/history'
import type { HistoryQuery, LaunchStatus, LaunchSummary } from '../../shared/domain'
import { CliError, type CliContext } from '../context'
import { EXIT, type ExitCode } from '../exit-codes'
import { localTime, table } from '../output'

/** The flags of `history`, as commander hands them over. */
export interface HistoryFlags {
  json?: boolean
  limit?: string
  profile?: string
  status?: string
  process?: string
  search?: string
  ticket?: string
  dataDir?: string
}

export const DEFAULT_HISTORY_LIMIT = 20
export const MAX_HISTORY_LIMIT = 10_000
const STATUSES: readonly LaunchStatus[] = ['pending', 'started', 'failed', 'unknown']
/** Launches made with `start --base-url` are recorded under this profile id, named by host. */
const AD_HOC_PROFILE_ID = 'cli'

/** Run `history`. */
export async function runHistory(ctx: CliContext, flags: HistoryFlags): Promise<ExitCode> {
  const limit = parseLimit(flags.limit)
  const query: HistoryQuery = {
    status: parseStatus(flags.status),
    processName: bounded(flags.process, '--process'),
    text: bounded(flags.search, '--search'),
    ...(flags.ticket !== undefined ? { ticket: bounded(flags.ticket.trim(), '--ticket') } : {})
  }
  const core = await ctx.openCore(ctx.dataDir(flags.dataDir))
  try {
    let keep: (item: LaunchSummary) => boolean = () => true
    if (flags.profile !== undefined) {
      const profile = core.profiles.findByName(flags.profile)
      if (profile) {
        query.profileId = profile.id
      } else {
        // Not a stored profile: match the host name `start --base-url` records instead.
        const host = flags.profile.trim().toLowerCase()
        query.profileId = AD_HOC_PROFILE_ID
        keep = (item) => item.profileName.toLowerCase() === host
      }
    }
    const items = await collect(core.ledger, query, limit, keep)
    if (flags.json) {
      for (const item of items) ctx.out.json(item)
    } else if (items.length === 0) {
      ctx.out.out('No launches found.')
    } else {
      ctx.out.out(...historyTable(items))
    }
    return EXIT.STARTED
  } finally {
    await core.close()
  }
}

/** Up to `limit` matching summaries, newest first, paging through the ledger as needed. */
async function collect(
  ledger: Ledger,
  query: HistoryQuery,
  limit: number,
  keep: (item: LaunchSummary) => boolean
): Promise<LaunchSummary[]> {
  const found: LaunchSummary[] = []
  let cursor: string | undefined
  do {
    const page = await ledger.search({ ...query, cursor, limit: MAX_PAGE_SIZE })
    for (const item of page.items) if (keep(item) && found.length < limit) found.push(item)
    cursor = page.nextCursor
  } while (cursor !== undefined && found.length < limit)
  return found
}

/** The text table: one launch per row. */
export function historyTable(items: LaunchSummary[]): string[] {
  return table(
    ['TIME', 'PROFILE', 'MODE', 'PROCESS', 'STATUS', 'INSTANCE', 'TOKENS'],
    items.map((item) => [
      localTime(item.startedAt),
      item.profileName,
      item.mode,
      item.processName,
      item.error && item.status !== 'started' ? `${item.status} ${item.error.code}` : item.status,
      item.instanceUuid ?? '-',
      String(item.tokenCount)
    ])
  )
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_HISTORY_LIMIT
  const value = Number(text.trim())
  if (!Number.isInteger(value) || value < 1 || value > MAX_HISTORY_LIMIT) {
    throw new CliError(`--limit: a whole number from 1 to ${MAX_HISTORY_LIMIT}.`)
  }
  return value
}

function parseStatus(text: string | undefined): LaunchStatus | undefined {
  if (text === undefined) return undefined
  const status = STATUSES.find((s) => s === text.trim().toLowerCase())
  if (!status) throw new CliError(`--status: one of ${STATUSES.join(', ')}.`)
  return status
}

/** The ledger takes at most 200 characters for names and search text (HistoryQuerySchema). */
function bounded(text: string | undefined, flag: string): string | undefined {
  if (text === undefined) return undefined
  if (text.length > 200) throw new CliError(`${flag}: at most 200 characters.`)
  return text
}
