/** What the batch reports (export.ts, markdown-report.ts) share: their header and the row rules. */
import type { BatchRecord } from '../../shared/domain'
import type { RowOutcome } from './types'

/** What a report is about. */
export interface ReportHeader {
  batch: BatchRecord
  /** "customer onboarding on Staging": the suite's name. */
  title: string
  /** `2/4` when the run was one shard of the rows file. */
  shard?: string
}

/**
 * Whether a row fails its testcase: it did not get its expected outcome, or (without one) it was
 * not started. Skipped and not-sent rows are skipped testcases.
 */
export function isFailure(r: RowOutcome): boolean {
  if (r.status === 'skipped' || r.status === 'not-sent') return false
  return r.asExpected === undefined ? r.status !== 'started' : !r.asExpected
}

export function sortByRow(rows: readonly RowOutcome[]): RowOutcome[] {
  return [...rows].sort((a, b) => a.row - b.row)
}
