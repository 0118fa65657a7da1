/**
 * Batch runs as the renderer, the CLI and core see them: row outcomes, the preview, live progress
 * and the view of a run. Plain data that crosses IPC; never a secret or a token.
 */
import type { BatchCounts, BatchRecord, BatchStatus, StartTarget } from './domain'
import type { AppError } from './errors'

/** One data row: its 1-based number in the rows file (header not counted) and its variables. */
export interface BatchRow {
  row: number
  values: Record<string, string>
}

/** Why a row cannot be sent. */
export interface RowError {
  kind:
    | 'unresolved'
    | 'invalid-json'
    | 'too-large'
    | 'invalid-target'
    | 'invalid-row'
    | 'invalid-expectation'
  message: string
}

/** A row made ready to send: everything resolved, nothing left to fill in. */
export interface ResolvedRow {
  row: number
  target: StartTarget
  /** The payload text to send, exactly as resolved. */
  payload: string
  /** The row's values and resolved built-ins, recorded with the launch. */
  variables: Record<string, string>
  /** Placeholders outside quotes whose value is not a JSON value (sent as strings). */
  sentAsText?: string[]
  /** The outcome the row expects, when the run has an expected-outcome column. */
  expected?: string
}

/** A row that sends values as text where the payload has them outside quotes (`{{amount}}` = `12,5`). */
export interface RowTextValues {
  row: number
  /** name → the value, sent as a JSON string. */
  values: Record<string, string>
}

/**
 * What became of a row. 'skipped': it could not be resolved and was never sent; 'not-sent': the
 * run stopped (cancel, max failures) before its turn; 'failed' with `sent: false` failed before
 * any byte left (token refused, connection refused), so it is safe to run again.
 */
export type RowStatus = 'started' | 'failed' | 'unknown' | 'skipped' | 'not-sent'

export interface RowOutcome {
  row: number
  status: RowStatus
  /** Whether the request may have reached FlowX. */
  sent: boolean
  /** The ledger record, when one was written. */
  recordId?: string
  httpStatus?: number
  durationMs?: number
  instanceUuid?: string
  tokenCount?: number
  error?: AppError
  /** The row's key columns (for report names), never the whole row. */
  key?: string
  /** The outcome the rows file expects of the row (`started`, `400`, `4xx | 5xx`…), when it says. */
  expected?: string
  /** Whether FlowX's answer met `expected`; absent for rows never sent (skipped, not sent). */
  asExpected?: boolean
}

/** A batch's counts while it runs: the kept counts plus the rows on their way. */
export interface LiveCounts extends BatchCounts {
  /** Sent and not yet answered. */
  inFlight: number
  /** Rows whose outcome did not meet their expected one; only in a run with expected outcomes. */
  unexpected?: number
}

export interface RowErrors {
  row: number
  errors: RowError[]
}

export interface BatchPreview {
  /** Rows read (in the shard, when there is one). */
  total: number
  /** Rows that resolve and would be sent. */
  sendable: number
  /** The first rows, resolved. */
  first: ResolvedRow[]
  /** Rows that would be skipped and why (the first MAX_LISTED_ERRORS). */
  errors: RowErrors[]
  /** How many rows have errors, listed or not. */
  errorCount: number
  /** Rows that would be sent with a value as text where the payload expects JSON (the first ones). */
  textValues: RowTextValues[]
  /** How many sendable rows do that, listed or not. */
  textValueCount: number
  /** Variable names of the first row (CSV header or first object's keys). */
  columns: string[]
  /** With an expected-outcome column: how many sendable rows expect each outcome, most first. */
  expectations?: Array<{ expected: string; rows: number }>
}

export interface BatchProgress {
  batchId: string
  status: BatchStatus
  counts: LiveCounts
  /** Rows that got their outcome since the previous event. */
  rows: RowOutcome[]
  elapsedMs: number
  /** Rows finished per second so far. */
  throughput: number
  /** Time left at the current throughput, when it can be told. */
  etaMs?: number
  /** Rows in the file (or shard) when known from the preview. */
  expected?: number
  stopReason?: string
}

export interface BatchView {
  batch: BatchRecord
  /** Every row's outcome so far, by row number. */
  rows: RowOutcome[]
  /** Only while the run is held in this session. */
  live?: Omit<BatchProgress, 'rows' | 'batchId'>
  /** Rows a "rerun failed" would send: failed or not sent, with nothing having left. */
  rerunnable: number
}
