/**
 * Batch results as files: CSV and JSON for people and scripts, JUnit XML for CI dashboards (one
 * testcase per row; failed and unknown rows are failures with the server's message). Testcase names
 * are the row number plus key columns, so the reports of `--shard` jobs merge without clashes.
 * Never a token: rows carry outcomes, not requests.
 */
import type { BatchRecord } from '../../shared/domain'
import type { RowOutcome } from './types'

export type ExportFormat = 'csv' | 'json' | 'junit'

/** What a report is about. */
export interface ReportHeader {
  batch: BatchRecord
  /** "customer onboarding on Staging": the suite's name. */
  title: string
  /** `2/4` when the run was one shard of the rows file. */
  shard?: string
}

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

export function rowsToCsv(rows: readonly RowOutcome[]): string {
  const lines = [CSV_COLUMNS.join(',')]
  for (const r of sortByRow(rows)) {
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
        r.recordId
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
  const failures = sorted.filter((r) => r.status === 'failed' || r.status === 'unknown').length
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
    if (r.status === 'started') {
      out.push(`${open}>`)
      out.push(`      <system-out>${xmlText(`instance ${r.instanceUuid ?? '?'}`)}</system-out>`)
      out.push('    </testcase>')
      continue
    }
    out.push(`${open}>`)
    const message =
      r.error?.message ?? (r.status === 'not-sent' ? 'Not sent: the run stopped first.' : r.status)
    if (r.status === 'failed' || r.status === 'unknown') {
      const type = r.status === 'unknown' ? 'UNKNOWN_OUTCOME' : (r.error?.code ?? 'FAILED')
      const detail = [
        r.status === 'unknown' ? 'Outcome unknown: check FlowX before running this row again.' : '',
        r.httpStatus !== undefined ? `HTTP ${r.httpStatus}` : '',
        r.error?.hint ?? '',
        r.recordId ? `history entry ${r.recordId}` : ''
      ]
        .filter(Boolean)
        .join('\n')
      out.push(
        `      <failure message="${xmlText(message)}" type="${xmlText(type)}">${xmlText(detail)}</failure>`
      )
    } else {
      out.push(`      <skipped message="${xmlText(message)}"/>`)
    }
    out.push('    </testcase>')
  }
  out.push('  </testsuite>', '</testsuites>', '')
  return out.join('\n')
}

function property(name: string, value: string): string[] {
  return [`      <property name="${xmlText(name)}" value="${xmlText(value)}"/>`]
}

function sortByRow(rows: readonly RowOutcome[]): RowOutcome[] {
  return [...rows].sort((a, b) => a.row - b.row)
}

/** The report text in a format. */
export function exportRows(
  format: ExportFormat,
  header: ReportHeader,
  rows: readonly RowOutcome[]
): string {
  if (format === 'csv') return rowsToCsv(rows)
  if (format === 'json') return rowsToJson(header, rows)
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
