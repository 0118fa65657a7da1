/**
 * Batch results as files: CSV and JSON for people and scripts, JUnit XML for CI dashboards (one
 * testcase per row; failed and unknown rows are failures with the server's message), and a
 * Markdown summary for a CI job's page (markdown-report.ts). Testcase names
 * are the row number plus key columns, so the reports of `--shard` jobs merge without clashes.
 * Never a token: rows carry outcomes, not requests.
 */
import { rowsToMarkdown } from './markdown-report'
import { isFailure, sortByRow, type ReportHeader } from './report-rows'
import type { RowOutcome } from './types'

export type { ReportHeader } from './report-rows'

export type ExportFormat = 'csv' | 'json' | 'junit' | 'markdown'

const CSV_COLUMNS = [
  'row',
  'key',
  'status',
  'httpStatus',
  'instanceUuid',
  'tokens',
  'durationMs',
  'errorCode',
  'error',
  'recordId'
] as const

function csvCell(value: string | number | undefined): string {
  if (value === undefined) return ''
  let text = String(value)
  // A cell that starts like a formula is not run by a spreadsheet that opens the file.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Columns added when the run had expected outcomes. */
const EXPECT_COLUMNS = ['expected', 'asExpected'] as const

export function rowsToCsv(rows: readonly RowOutcome[]): string {
  const expecting = rows.some((r) => r.expected !== undefined)
  const lines = [[...CSV_COLUMNS, ...(expecting ? EXPECT_COLUMNS : [])].join(',')]
  for (const r of sortByRow(rows)) {
    const verdict = r.asExpected === undefined ? undefined : r.asExpected ? 'yes' : 'no'
    lines.push(
      [
        r.row,
        r.key,
        r.status,
        r.httpStatus,
        r.instanceUuid,
        r.tokenCount,
        r.durationMs,
        r.error?.code,
        r.error?.message,
        r.recordId,
        ...(expecting ? [r.expected, verdict] : [])
      ]
        .map(csvCell)
        .join(',')
    )
  }
  return `${lines.join('\r\n')}\r\n`
}

export function rowsToJson(header: ReportHeader, rows: readonly RowOutcome[]): string {
  return `${JSON.stringify(
    {
      batch: header.batch,
      ...(header.shard ? { shard: header.shard } : {}),
      rows: sortByRow(rows)
    },
    null,
    2
  )}\n`
}

/** Characters XML 1.0 cannot carry at all are dropped; markup characters are escaped. */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** `row 12 [C-12]`: unique within the rows file, whichever shard ran it. */
export function testcaseName(outcome: RowOutcome): string {
  return outcome.key ? `row ${outcome.row} [${outcome.key}]` : `row ${outcome.row}`
}

function seconds(ms: number | undefined): string {
  return ((ms ?? 0) / 1000).toFixed(3)
}

export function rowsToJunit(header: ReportHeader, rows: readonly RowOutcome[]): string {
  const sorted = sortByRow(rows)
  const failures = sorted.filter(isFailure).length
  const skipped = sorted.filter((r) => r.status === 'skipped' || r.status === 'not-sent').length
  const time = seconds(sorted.reduce((sum, r) => sum + (r.durationMs ?? 0), 0))
  const { batch } = header
  const suiteName = header.shard ? `${header.title} (shard ${header.shard})` : header.title
  const classname = `flowx.batch.${header.title.replace(/[^A-Za-z0-9_.-]+/g, '_')}`
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlText(suiteName)}" tests="${sorted.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}">`,
    `  <testsuite name="${xmlText(suiteName)}" tests="${sorted.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}" timestamp="${batch.createdAt.slice(0, 19)}">`,
    '    <properties>',
    ...property('batchId', batch.id),
    ...property('profile', batch.profileName),
    ...(batch.savedLaunch ? property('savedLaunch', batch.savedLaunch) : []),
    ...(batch.rowsFile ? property('rowsFile', batch.rowsFile) : []),
    ...(header.shard ? property('shard', header.shard) : []),
    '    </properties>'
  ]
  for (const r of sorted) {
    const open = `    <testcase name="${xmlText(testcaseName(r))}" classname="${xmlText(classname)}" time="${seconds(r.durationMs)}"`
    out.push(`${open}>`)
    const passed = r.status !== 'skipped' && r.status !== 'not-sent' && !isFailure(r)
    if (passed) {
      out.push(`      <system-out>${xmlText(passedText(r))}</system-out>`)
      out.push('    </testcase>')
      continue
    }
    const message =
      r.error?.message ?? (r.status === 'not-sent' ? 'Not sent: the run stopped first.' : r.status)
    if (r.status === 'started') {
      // Started, but its row expected FlowX to refuse it.
      const detail = [`instance ${r.instanceUuid ?? '?'}`, historyLine(r)].filter(Boolean)
      out.push(
        failure(
          `Expected ${r.expected ?? 'a refusal'}, but the process started.`,
          'UNEXPECTED_OUTCOME',
          detail.join('\n')
        )
      )
    } else if (r.status === 'failed' || r.status === 'unknown') {
      const type = r.status === 'unknown' ? 'UNKNOWN_OUTCOME' : (r.error?.code ?? 'FAILED')
      const detail = [
        r.expected !== undefined ? `Expected ${r.expected}.` : '',
        r.status === 'unknown' ? 'Outcome unknown: check FlowX before running this row again.' : '',
        r.httpStatus !== undefined ? `HTTP ${r.httpStatus}` : '',
        r.error?.hint ?? '',
        historyLine(r)
      ]
        .filter(Boolean)
        .join('\n')
      out.push(failure(message, type, detail))
    } else {
      out.push(`      <skipped message="${xmlText(message)}"/>`)
    }
    out.push('    </testcase>')
  }
  out.push('  </testsuite>', '</testsuites>', '')
  return out.join('\n')
}

function failure(message: string, type: string, detail: string): string {
  return `      <failure message="${xmlText(message)}" type="${xmlText(type)}">${xmlText(detail)}</failure>`
}

function historyLine(r: RowOutcome): string {
  return r.recordId ? `history entry ${r.recordId}` : ''
}

/** What a passing testcase says: the instance started, or the refusal its row expected. */
function passedText(r: RowOutcome): string {
  if (r.status === 'started') return `instance ${r.instanceUuid ?? '?'}`
  const answer = r.httpStatus !== undefined ? `HTTP ${r.httpStatus}` : r.status
  const said = r.error?.message ? `: ${r.error.message}` : ''
  return `FlowX answered ${answer} as expected (${r.expected ?? 'failed'})${said}`
}

function property(name: string, value: string): string[] {
  return [`      <property name="${xmlText(name)}" value="${xmlText(value)}"/>`]
}

/** The report text in a format. */
export function exportRows(
  format: ExportFormat,
  header: ReportHeader,
  rows: readonly RowOutcome[]
): string {
  if (format === 'csv') return rowsToCsv(rows)
  if (format === 'json') return rowsToJson(header, rows)
  if (format === 'markdown') return rowsToMarkdown(header, rows)
  return rowsToJunit(header, rows)
}

/** The format a file name asks for: .csv, .json or .xml (JUnit). */
export function exportFormatOf(file: string): ExportFormat | undefined {
  const lower = file.toLowerCase()
  if (lower.endsWith('.csv')) return 'csv'
  if (lower.endsWith('.json')) return 'json'
  if (lower.endsWith('.xml')) return 'junit'
  return undefined
}
