/** What `batch` prints: one NDJSON line per row, a summary, a live progress bar, the preview. */
import type { BatchPreview, BatchProgress, RowOutcome } from '../../shared/batch'
import type { BatchRecord, LaunchRecord } from '../../shared/domain'
import { launchJson } from '../launch-report'
import { clean, type TextSink } from '../output'
import { shownValue } from '../../shared/templates/shown-value'

/** The `--json` line of one row: instance as in `start --json`, error with the server's message. */
export function rowJson(outcome: RowOutcome, record: LaunchRecord | undefined): object {
  const launch = record ? launchJson(record) : undefined
  const error =
    launch?.error ??
    (outcome.error
      ? {
          code: outcome.error.code,
          message: outcome.error.message,
          hint: outcome.error.hint ?? null,
          httpStatus: outcome.error.httpStatus ?? null
        }
      : null)
  return {
    row: outcome.row,
    // A row the run never reached is reported as skipped, with why.
    status: outcome.status === 'not-sent' ? 'skipped' : outcome.status,
    ...(outcome.key !== undefined ? { key: outcome.key } : {}),
    ...(outcome.expected !== undefined ? { expected: outcome.expected } : {}),
    ...(outcome.asExpected !== undefined ? { asExpected: outcome.asExpected } : {}),
    historyId: outcome.recordId ?? null,
    httpStatus: outcome.httpStatus ?? null,
    durationMs: outcome.durationMs ?? null,
    instance: launch?.instance ?? null,
    error:
      outcome.status === 'not-sent'
        ? {
            code: 'NOT_SENT',
            message: 'Not sent: the run stopped before this row.',
            hint: null,
            httpStatus: null
          }
        : error
  }
}

/** How long FlowX took to answer, over the rows it answered (an HTTP status came back). */
export interface AnswerTimes {
  count: number
  p50: number
  p95: number
  max: number
}

/** Collects the answer time of every answered row (numbers only: 8 bytes a row). */
export class AnswerClock {
  private readonly times: number[] = []

  add(outcome: RowOutcome): void {
    if (outcome.httpStatus !== undefined && outcome.durationMs !== undefined) {
      this.times.push(outcome.durationMs)
    }
  }

  /** Nearest-rank percentiles; undefined when no row was answered. */
  summary(): AnswerTimes | undefined {
    if (this.times.length === 0) return undefined
    const sorted = Float64Array.from(this.times).sort()
    const rank = (q: number): number => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]
    return { count: sorted.length, p50: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1] }
  }
}

/** How a run ended besides its counts: why it stopped, rows not as expected, answer times. */
export interface RunEnding {
  stopReason?: string | undefined
  /** Rows whose outcome was not the expected one (only a run with --expect). */
  unexpected?: number | undefined
  answers?: AnswerTimes | undefined
}

export function summaryJson(batch: BatchRecord, ending: RunEnding, durationMs: number): object {
  const { stopReason, unexpected, answers } = ending
  return {
    type: 'summary',
    batchId: batch.id,
    status: batch.status,
    ...(stopReason ? { stopReason } : {}),
    profile: batch.profileName,
    ...(batch.savedLaunch ? { savedLaunch: batch.savedLaunch } : {}),
    rowsFile: batch.rowsFile ?? null,
    total: batch.total,
    started: batch.started,
    failed: batch.failed,
    unknown: batch.unknown,
    skipped: batch.skipped,
    notSent: batch.notSent,
    ...(unexpected !== undefined ? { unexpected } : {}),
    durationMs: Math.round(durationMs),
    ...(answers
      ? { answerMs: { rows: answers.count, p50: answers.p50, p95: answers.p95, max: answers.max } }
      : {})
  }
}

export function summaryText(batch: BatchRecord, ending: RunEnding): string[] {
  const { stopReason, unexpected, answers } = ending
  const lines = [
    `Batch ${batch.id} ${batch.status}: ${batch.started} started, ${batch.failed} failed, ${batch.unknown} unknown, ${batch.skipped} skipped, ${batch.notSent} not sent (of ${batch.total}).`
  ]
  if (unexpected !== undefined) {
    const judged = batch.started + batch.failed + batch.unknown
    lines.push(
      unexpected === 0
        ? `Every one of ${judged} row${judged === 1 ? '' : 's'} sent got its expected outcome.`
        : `${unexpected} of ${judged} row${judged === 1 ? '' : 's'} sent did not get the expected outcome.`
    )
  }
  if (answers) {
    const rows = `${answers.count} row${answers.count === 1 ? '' : 's'}`
    lines.push(
      `FlowX answered ${rows}: median ${answers.p50} ms, 95th percentile ${answers.p95} ms, slowest ${answers.max} ms.`
    )
  }
  if (stopReason) lines.push(stopReason)
  if (batch.unknown > 0) {
    lines.push(
      'Rows with an unknown outcome may have started a process: check FlowX before running them again.'
    )
  }
  lines.push(`History: flowx-launcher history --batch ${batch.id}`)
  return lines
}

/** One human line for a row that did not start, or not as its row expected (stderr). */
export function rowProblemText(outcome: RowOutcome): string {
  const what = outcome.status === 'not-sent' ? 'not sent' : outcome.status
  const key = outcome.key ? ` [${clean(outcome.key)}]` : ''
  const http = outcome.httpStatus !== undefined ? ` HTTP ${outcome.httpStatus}` : ''
  const expected =
    outcome.asExpected === false ? ` (expected ${clean(outcome.expected ?? 'started')})` : ''
  const message = outcome.error ? `: ${clean(outcome.error.message)}` : ''
  return `row ${outcome.row}${key} ${what}${http}${expected}${message}`
}

/** The dry-run report: how many rows, the first resolved, every row error. */
export function previewText(preview: BatchPreview): string[] {
  const lines = [
    `${preview.total} row${preview.total === 1 ? '' : 's'}: ${preview.sendable} would be sent, ${preview.errorCount} skipped.`
  ]
  if (preview.expectations) {
    const each = preview.expectations.map(({ expected, rows }) => `${rows} ${clean(expected)}`)
    lines.push(`Expected outcomes: ${each.join(', ')}.`)
  }
  for (const row of preview.first) {
    const target = row.target
    const ids =
      target.mode === 'build' ? `build ${target.buildId}` : `workspace ${target.workspaceId}`
    lines.push(`row ${row.row}: ${clean(target.processName)} on ${ids}, app ${target.appId}`)
    lines.push(
      `  ${clean(row.payload.length > 400 ? `${row.payload.slice(0, 400)}…` : row.payload)}`
    )
  }
  for (const row of preview.errors) {
    for (const error of row.errors) lines.push(`row ${row.row} skipped: ${clean(error.message)}`)
  }
  if (preview.errorCount > preview.errors.length) {
    lines.push(`… and ${preview.errorCount - preview.errors.length} more rows with errors.`)
  }
  for (const row of preview.textValues) {
    const values = Object.entries(row.values).map(
      ([name, value]) => `{{${name}}} = ${JSON.stringify(shownValue(value))}`
    )
    lines.push(
      `row ${row.row} sends as text: ${clean(values.join(', '))} (outside quotes in the payload, but not a number, true, false, null or JSON)`
    )
  }
  if (preview.textValueCount > preview.textValues.length) {
    lines.push(
      `… and ${preview.textValueCount - preview.textValues.length} more rows that send a value as text.`
    )
  }
  return lines
}

/** A one-line progress bar redrawn in place on a terminal's stderr. */
export class ProgressBar {
  private drawn = false

  constructor(
    private readonly sink: TextSink,
    private readonly width = 24
  ) {}

  update(progress: BatchProgress): void {
    const { counts } = progress
    const done = counts.started + counts.failed + counts.unknown + counts.skipped + counts.notSent
    const total = progress.expected ?? Math.max(counts.total, done)
    const share = total > 0 ? Math.min(1, done / total) : 0
    const filled = Math.round(share * this.width)
    const bar = `${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}`
    const eta = progress.etaMs !== undefined ? ` · ETA ${formatSeconds(progress.etaMs)}` : ''
    const paused = progress.status === 'paused' ? ' · paused' : ''
    const unexpected =
      counts.unexpected !== undefined ? ` · not as expected ${counts.unexpected}` : ''
    this.sink.write(
      `\r\x1b[2K[${bar}] ${done}/${total} · started ${counts.started} · failed ${counts.failed} · unknown ${counts.unknown}${unexpected} · in flight ${counts.inFlight} · ${progress.throughput.toFixed(1)}/s${eta}${paused}`
    )
    this.drawn = true
  }

  /** Clear the bar before other text goes to the same stream. */
  clear(): void {
    if (this.drawn) this.sink.write('\r\x1b[2K')
    this.drawn = false
  }
}

function formatSeconds(ms: number): string {
  const s = Math.ceil(ms / 1000)
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`
}
