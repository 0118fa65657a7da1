/** The shapes of a batch run: rows in, one outcome per row out (DESIGN.md §8). */
import type { LiveCounts, ResolvedRow, RowError, BatchRow } from '../../shared/batch'
import type { LaunchRecord } from '../../shared/domain'

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
 * How a row is launched: writes the ledger record (pending before sending) and sends. `answered`
 * is called with the record as answered, just before its completion is written.
 */
export type LaunchOne = (
  resolved: ResolvedRow,
  signal: AbortSignal,
  answered: (record: LaunchRecord) => void
) => Promise<LaunchRecord>

export function emptyCounts(total = 0): LiveCounts {
  return { total, started: 0, failed: 0, unknown: 0, skipped: 0, notSent: 0, inFlight: 0 }
}
