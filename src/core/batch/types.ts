/** The shapes of a batch run: rows in, one outcome per row out (DESIGN.md §8). */
import type { BatchCounts, LaunchRecord, StartTarget } from '../../shared/domain'
import type { AppError } from '../../shared/errors'

/** One data row: its 1-based number in the rows file (header not counted) and its variables. */
export interface BatchRow {
  row: number
  values: Record<string, string>
}

/** Why a row cannot be sent. */
export interface RowError {
  kind: 'unresolved' | 'invalid-json' | 'too-large' | 'invalid-target' | 'invalid-row'
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
}

export type RowResolution =
  { ok: true; resolved: ResolvedRow } | { ok: false; row: number; errors: RowError[] }

/** Turns a row into what is sent; pure apart from per-row built-ins ($uuid…). */
export type RowResolver = (row: BatchRow) => RowResolution

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
}

/** A batch's counts while it runs: the kept counts plus the rows on their way. */
export interface LiveCounts extends BatchCounts {
  /** Sent and not yet answered. */
  inFlight: number
}

/** How a row is launched: writes the ledger record (pending before sending) and sends. */
export type LaunchOne = (resolved: ResolvedRow, signal: AbortSignal) => Promise<LaunchRecord>

export function emptyCounts(total = 0): LiveCounts {
  return { total, started: 0, failed: 0, unknown: 0, skipped: 0, notSent: 0, inFlight: 0 }
}
