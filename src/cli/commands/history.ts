/**
 * `flowx-launcher history`: the ledger, newest first, as a table, one JSON object per line, or an
 * export of whole records (`--format csv|json [--out FILE]`).
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

import type { Ledger } from '../../core/history'
import { formatHistory, MAX_EXPORT, MAX_PAGE_SIZE, type HistoryFormat } from '../../core/history'
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
  batch?: string
  format?: string
  out?: string
  dataDir?: string
}

export const DEFAULT_HISTORY_LIMIT = 20
export const MAX_HISTORY_LIMIT = 10_000
const STATUSES: readonly LaunchStatus[] = ['pending', 'started', 'failed', 'unknown']
/** Launches made with `start --base-url` are recorded under this profile id, named by host. */
const AD_HOC_PROFILE_ID = 'cli'

/** Run `history`. */
export async function runHistory(ctx: CliContext, flags: HistoryFlags): Promise<ExitCode> {
  const format = parseFormat(flags.format, flags.out)
  // An export holds every match unless --limit says otherwise; the list shows 20 by default.
  const limit = format
    ? parseLimit(flags.limit ?? String(MAX_EXPORT), MAX_EXPORT)
    : parseLimit(flags.limit, MAX_HISTORY_LIMIT)
  const query: HistoryQuery = {
    status: parseStatus(flags.status),
    processName: bounded(flags.process, '--process'),
    text: bounded(flags.search, '--search'),
    ...(flags.ticket !== undefined ? { ticket: bounded(flags.ticket.trim(), '--ticket') } : {}),
    ...(flags.batch !== undefined ? { batchId: bounded(flags.batch.trim(), '--batch') } : {})
  }
  const core = await ctx.openCore(ctx.dataDir(flags.dataDir))
  try {
    let keep: (item: { profileName: string }) => boolean = () => true
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
    if (format) {
      const records = (await core.ledger.records(query, limit)).filter(keep)
      writeExport(
        ctx,
        format,
        formatHistory(format, records, new Date()),
        flags.out,
        records.length
      )
      return EXIT.STARTED
    }
    const items = await collect(core.ledger, query, limit, keep)
    if (flags.json) {
      // Each line also carries the template, the resolved values and the exact body sent.
      for (const item of items) {
        const full = await core.ledger.get(item.id)
        ctx.out.json({
          ...item,
          template: full?.template ?? null,
          variables: full?.variables ?? null,
          payload: full?.payload ?? null
        })
      }
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
  keep: (item: { profileName: string }) => boolean
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

function writeExport(
  ctx: CliContext,
  format: HistoryFormat,
  text: string,
  out: string | undefined,
  count: number
): void {
  if (out === undefined) {
    ctx.out.plain('stdout', text)
    return
  }
  const path = resolve(ctx.cwd, out)
  try {
    writeFileSync(path, text)
  } catch (error) {
    throw new CliError(
      `Could not write ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`,
      'Check that the folder exists and can be written.'
    )
  }
  ctx.out.err(`Exported ${count} launch${count === 1 ? '' : 'es'} to ${path} (${format}).`)
}

/** `--format csv|json`; `--out` alone picks the format from the file's extension. */
function parseFormat(text: string | undefined, out: string | undefined): HistoryFormat | undefined {
  const value = text ?? (out !== undefined ? out.split('.').pop() : undefined)
  if (value === undefined) return undefined
  const format = (['csv', 'json'] as const).find((f) => f === value.trim().toLowerCase())
  if (!format) throw new CliError('--format: csv or json (or --out FILE.csv / FILE.json).')
  return format
}

function parseLimit(text: string | undefined, max: number): number {
  if (text === undefined) return DEFAULT_HISTORY_LIMIT
  const value = Number(text.trim())
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new CliError(`--limit: a whole number from 1 to ${max}.`)
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
