/**
 * A batch run as a short Markdown summary for a CI job's page (GitHub Actions' job summary, a merge
 * request note): the verdict, the counts, and the rows that did not pass, each with why and its
 * history entry. Rows carry outcomes, never a request or a token.
 */
import { isFailure, sortByRow, type ReportHeader } from './report-rows'
import type { RowOutcome } from './types'

/** Rows listed by name at most; the count says how many more. */
export const MAX_LISTED_ROWS = 50

/** A table cell: one line, no table syntax, no markup a page would render. */
export function markdownCell(value: string | number | undefined): string {
  if (value === undefined || value === '') return ''
  return String(value)
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\|`*_[\]])/g, '\\$1')
    .trim()
}

/** Whether a row needs a look: it failed its testcase, or was never sent. */
function needsLook(r: RowOutcome): boolean {
  return isFailure(r) || r.status === 'skipped' || r.status === 'not-sent'
}

function rowName(r: RowOutcome): string {
  return r.key ? `${r.row} [${r.key}]` : String(r.row)
}

function why(r: RowOutcome): string {
  if (r.status === 'started')
    return `Expected ${r.expected ?? 'a refusal'}, but the process started.`
  if (r.status === 'not-sent') return r.error?.message ?? 'Not sent: the run stopped first.'
  if (r.status === 'unknown') {
    return `Outcome unknown: check FlowX before running this row again. ${r.error?.message ?? ''}`
  }
  return r.error?.message ?? r.status
}

export function rowsToMarkdown(header: ReportHeader, rows: readonly RowOutcome[]): string {
  const { batch } = header
  const sorted = sortByRow(rows)
  const look = sorted.filter(needsLook)
  const judged = sorted.some((r) => r.expected !== undefined)
  const unknown = sorted.some((r) => r.status === 'unknown')
  const mark = look.length === 0 ? '✅' : unknown ? '⚠️' : '❌'
  const shard = header.shard ? ` (shard ${markdownCell(header.shard)})` : ''
  const counts: Array<[string, number]> = [
    ['Started', batch.started],
    ['Failed', batch.failed],
    ['Unknown', batch.unknown],
    ...(judged
      ? ([['Not as expected', sorted.filter((r) => r.asExpected === false).length]] as Array<
          [string, number]
        >)
      : []),
    ['Skipped', batch.skipped],
    ['Not sent', batch.notSent],
    ['Rows', batch.total]
  ]
  const out = [
    `### ${mark} ${markdownCell(header.title)}${shard}`,
    '',
    `Batch \`${batch.id}\` · ${markdownCell(batch.status)} · ${markdownCell(batch.createdAt.slice(0, 19).replace('T', ' '))} UTC${batch.rowsFile ? ` · ${markdownCell(batch.rowsFile)}` : ''}`,
    '',
    `| ${counts.map(([label]) => label).join(' | ')} |`,
    `|${counts.map(() => '---:').join('|')}|`,
    `| ${counts.map(([, n]) => n).join(' | ')} |`,
    ''
  ]
  if (look.length === 0) {
    out.push(
      judged ? 'Every row sent got its expected outcome.' : 'Every row started a process.',
      ''
    )
    return out.join('\n')
  }
  const listed = look.slice(0, MAX_LISTED_ROWS)
  out.push(
    `Rows that did not pass${look.length > listed.length ? ` (the first ${listed.length} of ${look.length})` : ''}:`,
    '',
    `| Row | Status | HTTP |${judged ? ' Expected |' : ''} Why | History entry |`,
    `|---|---|---|${judged ? '---|' : ''}---|---|`
  )
  for (const r of listed) {
    const cells = [
      markdownCell(rowName(r)),
      markdownCell(r.status),
      markdownCell(r.httpStatus),
      ...(judged ? [markdownCell(r.expected)] : []),
      markdownCell(why(r)),
      r.recordId ? `\`${markdownCell(r.recordId)}\`` : ''
    ]
    out.push(`| ${cells.join(' | ')} |`)
  }
  out.push('')
  return out.join('\n')
}
