/** The shapes of a batch run: rows in, one outcome per row out (DESIGN.md §8). */
import type { LiveCounts, ResolvedRow, RowError, BatchRow } from '../../shared/batch'
import type { LaunchRecord } from '../../shared/domain'
import type { AppError } from '../../shared/errors'

export type {
  BatchRow,
  BatchPreview,
  BatchProgress,
  BatchView,
  LiveCounts,
  ResolvedRow,
  RowError,
  RowErrors,
  RowOutcome,
  RowStatus
} from '../../shared/batch'

export type RowResolution =
  { ok: true; resolved: ResolvedRow } | { ok: false; row: number; errors: RowError[] }

/** Turns a row into what is sent; pure apart from per-row built-ins ($uuid…). */
export type RowResolver = (row: BatchRow) => RowResolution

/**
 * A row recorded as pending in the ledger, its request not sent yet. It leaves once: `send` calls
 * FlowX (`answered` gets the record as answered, just before its completion is written); `abandon`
 * records that nothing was sent, with `error`.
 */
export interface RecordedRow {
  send(signal: AbortSignal, answered: (record: LaunchRecord) => void): Promise<LaunchRecord>
  abandon(error: AppError): Promise<LaunchRecord>
}

/** How a row is launched: its ledger record is written pending first; its request leaves later. */
export type RecordRow = (resolved: ResolvedRow) => Promise<RecordedRow>

export function emptyCounts(total = 0): LiveCounts {
  return { total, started: 0, failed: 0, unknown: 0, skipped: 0, notSent: 0, inFlight: 0 }
}
