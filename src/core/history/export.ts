/**
 * History as files: CSV for spreadsheets, JSON for scripts. Whole records (template, variables,
 * ticket, note, batch row, the exact payload sent), never a token or a request header (the ledger
 * holds none). CSV cells that look like formulas are defused, so opening the file runs nothing.
 */
import type { LaunchRecord } from '../../shared/domain'

export type HistoryFormat = 'csv' | 'json'

/** The most launches one export writes. */
export const MAX_EXPORT = 1_000_000

const COLUMNS: ReadonlyArray<[string, (r: LaunchRecord) => string | number | undefined]> = [
  ['id', (r) => r.id],
  ['startedAt', (r) => r.startedAt],
  ['finishedAt', (r) => r.finishedAt],
  ['status', (r) => r.status],
  ['profile', (r) => r.profileName],
  ['mode', (r) => r.mode],
  ['workspaceId', (r) => r.workspaceId],
  ['appId', (r) => r.appId],
  ['buildId', (r) => r.buildId],
  ['processName', (r) => r.processName],
  ['baseUrl', (r) => r.baseUrl],
  ['path', (r) => r.path],
  ['httpStatus', (r) => r.httpStatus],
  ['durationMs', (r) => r.durationMs],
  ['instanceUuid', (r) => r.instance?.uuid],
  ['instanceState', (r) => r.instance?.state],
  ['tokens', (r) => r.instance?.tokens.map((t) => t.id).join(' ')],
  ['errorCode', (r) => r.error?.code],
  ['error', (r) => r.error?.message],
  ['ticket', (r) => r.ticket],
  ['note', (r) => r.note],
  ['savedLaunch', (r) => r.savedLaunch],
  ['batchId', (r) => r.batchId],
  ['batchRow', (r) => r.batchRow],
  ['expected', (r) => r.expected],
  ['replayOf', (r) => r.replayOf],
  ['launchedBy', (r) => r.launchedBy],
  ['tlsVerification', (r) => r.tlsVerification],
  ['template', (r) => r.template],
  ['variables', (r) => (r.variables ? JSON.stringify(r.variables) : undefined)],
  ['payload', (r) => r.payload]
]

/** One CSV cell (RFC 4180 quoting; a leading =, +, -, @, tab or CR is prefixed with '). */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The records as CSV text with a header row (CRLF line ends, as spreadsheets expect). */
export function historyToCsv(records: readonly LaunchRecord[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')]
  for (const record of records) lines.push(COLUMNS.map(([, get]) => csvCell(get(record))).join(','))
  return `${lines.join('\r\n')}\r\n`
}

/** The records as a JSON document: `{ exportedAt, count, launches: [...] }`. */
export function historyToJson(records: readonly LaunchRecord[], exportedAt: Date): string {
  return `${JSON.stringify({ exportedAt: exportedAt.toISOString(), count: records.length, launches: records }, null, 2)}\n`
}

/** The text of an export in `format`. */
export function formatHistory(
  format: HistoryFormat,
  records: readonly LaunchRecord[],
  now: Date
): string {
  return format === 'csv' ? historyToCsv(records) : historyToJson(records, now)
}
