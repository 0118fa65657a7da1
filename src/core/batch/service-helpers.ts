/** Small pieces of the batch service: which rows a rerun takes, counts kept, row keys. */
import { AppFailure } from '../../shared/errors'
import { RowsFileError, type ReadRow } from './rows'
import type { BatchRow, LiveCounts, RowOutcome } from './types'

export function isRerunnable(outcome: RowOutcome): boolean {
  return !outcome.sent && (outcome.status === 'failed' || outcome.status === 'not-sent')
}

export function sortRows(rows: Map<number, RowOutcome>): RowOutcome[] {
  return [...rows.values()].sort((a, b) => a.row - b.row)
}

/**
 * The rows a rerun would send. Without `chosen`: those that failed before anything was sent or were
 * never sent. Chosen rows may include unknown ones, each picked by the user.
 */
export function rerunSelection(
  rows: Map<number, RowOutcome>,
  chosen: readonly number[] | undefined
): number[] {
  if (!chosen)
    return sortRows(rows)
      .filter(isRerunnable)
      .map((r) => r.row)
  for (const row of chosen) {
    const outcome = rows.get(row)
    if (!outcome || outcome.status === 'started' || outcome.status === 'skipped') {
      throw new AppFailure(
        'INVALID_INPUT',
        `Row ${row} cannot be run again: ${outcome ? `it ${outcome.status === 'started' ? 'started' : 'was skipped'}` : 'it is not in this batch'}.`
      )
    }
  }
  return [...new Set(chosen)].sort((a, b) => a - b)
}

export function keptCounts(counts: LiveCounts): Omit<LiveCounts, 'inFlight'> {
  const { inFlight: _inFlight, ...kept } = counts
  return kept
}

export async function* onlyRows(
  rows: AsyncIterable<ReadRow>,
  only: ReadonlySet<number> | undefined
): AsyncGenerator<ReadRow> {
  for await (const row of rows) if (!only || only.has(row.row)) yield row
}

/** A row's key for reports: its key columns' values (default the first column), kept short. */
export function keyColumns(columns: string[] | undefined): (row: BatchRow) => string | undefined {
  return (row) => {
    const names = columns?.length ? columns : Object.keys(row.values).slice(0, 1)
    const key = names
      .map((name) => row.values[name] ?? '')
      .filter((v) => v !== '')
      .join(' ')
      .replace(/\s+/g, ' ')
      .slice(0, 60)
    return key || undefined
  }
}

export async function wrapFileErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (error instanceof RowsFileError) throw new AppFailure('INVALID_INPUT', error.message)
    throw error
  }
}
