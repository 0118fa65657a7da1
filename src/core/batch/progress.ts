/**
 * Live progress of a running batch, throttled: at most one event per interval with the counts and
 * only the rows that changed since the last event, so a renderer stays smooth at 1,000 rows/s.
 */
import type { BatchProgress, LiveCounts, RowOutcome } from './types'

export const PROGRESS_INTERVAL_MS = 100

/** Gathers changed rows and sends them at most once per interval; `flush` sends at once. */
export class ProgressThrottle {
  private changed: RowOutcome[] = []
  private timer: NodeJS.Timeout | undefined
  private last = 0

  constructor(
    private readonly snapshot: (rows: RowOutcome[]) => BatchProgress,
    private readonly emit: (progress: BatchProgress) => void,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
    private readonly now: () => number = () => performance.now()
  ) {}

  /** Something changed (a row's outcome, a pause): send soon. */
  touch(row?: RowOutcome): void {
    if (row) this.changed.push(row)
    if (this.timer) return
    const wait = Math.max(0, this.last + this.intervalMs - this.now())
    this.timer = setTimeout(() => this.flush(), wait)
  }

  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.last = this.now()
    const rows = this.changed
    this.changed = []
    this.emit(this.snapshot(rows))
  }

  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }
}

/**
 * Throughput and ETA from counts and elapsed time. Throughput counts rows that went out (started,
 * failed, unknown); rows skipped or never sent take no time and would inflate it.
 */
export function pace(
  counts: LiveCounts,
  elapsedMs: number,
  expected: number | undefined
): { throughput: number; etaMs?: number } {
  const sent = counts.started + counts.failed + counts.unknown
  const done = sent + counts.skipped + counts.notSent
  const throughput = elapsedMs > 0 ? (sent * 1000) / elapsedMs : 0
  if (expected === undefined || throughput === 0) return { throughput }
  return { throughput, etaMs: (Math.max(0, expected - done) / throughput) * 1000 }
}
