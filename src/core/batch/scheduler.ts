/**
 * Runs a batch: rows are read and resolved one at a time, at most `concurrency` are in flight,
 * starts are spaced by the optional rate limit, and the run stops after `maxFailures`. Pause holds
 * new starts; cancel starts nothing more and either lets in-flight rows finish or aborts them
 * (the launcher records those as unknown or failed-before-sending). Nothing is ever retried, and
 * every row ends with exactly one outcome: started, failed, unknown, skipped or not-sent.
 *
 * A row's ledger record is durably pending before its request leaves. So that this write is not on
 * the path of every row, a few rows are recorded ahead while the slots are busy (the lookahead):
 * when a slot frees, the next row's request leaves at once. Those rows are handed over: a pause
 * lets them go, a stop records them as not sent, and a crash leaves them pending (unknown).
 */
import type { BatchStatus } from '../../shared/domain'
import { systemClock, type BatchClock } from './clock'
import { expectationOf, judged, type Expectation } from './expectations'
import { Handover, keyed, type HandoverEvents } from './handover'
import { resolveRow } from './preview'
import type { ReadRow } from './rows'
import {
  emptyCounts,
  type BatchRow,
  type LiveCounts,
  type RecordRow,
  type RowOutcome,
  type RowResolver
} from './types'

export const DEFAULT_CONCURRENCY = 4
export const MAX_CONCURRENCY = 64

export interface SchedulerOptions {
  concurrency?: number
  /** Starts per second at most. */
  ratePerSec?: number
  /** Stop starting rows once this many have failed or ended unknown. */
  maxFailures?: number
  /** Rows recorded ahead of a free slot at most (default lookaheadFor(concurrency)). */
  lookahead?: number
  /** Once the lookahead is full, rows are handed over again by this many (default refillFor). */
  refill?: number
  clock?: BatchClock
  /** The row's key columns, for report names. */
  keyOf?: (row: BatchRow) => string | undefined
  /**
   * The column holding each row's expected outcome: every outcome is judged against it, and
   * `maxFailures` counts the rows that did not meet it (a row expected to fail does not stop the
   * run). The resolver must refuse rows whose expectation cannot be read (withExpectations).
   */
  expectColumn?: string
}

export interface SchedulerEvents extends HandoverEvents {
  /** A row's final outcome. */
  onOutcome?(outcome: RowOutcome): void
}

export interface SchedulerResult {
  state: Extract<BatchStatus, 'done' | 'cancelled' | 'stopped'>
  stopReason?: string
  counts: LiveCounts
}

type RunState = 'running' | 'paused' | 'cancelling' | 'stopped' | 'done' | 'cancelled'

export class BatchScheduler {
  readonly counts: LiveCounts = emptyCounts()
  private state: RunState = 'running'
  private stopReason: string | undefined
  private readonly abortAll = new AbortController()
  /** Ends a rate-limit wait when the run stops. */
  private readonly stopped = new AbortController()
  /** Wakes the reading loop when a slot frees, a pause ends or the run stops. */
  private wake: (() => void) | undefined
  /** The rows handed over: being recorded, waiting for a slot, or out. */
  private readonly handover: Handover
  private lastStartAt: number | undefined
  /** Handing over rows (until the lookahead is full), or waiting for room for `refill` rows. */
  private filling = true
  private readonly refill: number
  private readonly clock: BatchClock
  private readonly concurrency: number
  private readonly lookahead: number
  /** Expected outcomes of the rows handed over, until each has its outcome. */
  private readonly expectations = new Map<number, Expectation>()

  constructor(
    private readonly rows: AsyncIterable<ReadRow>,
    private readonly resolve: RowResolver,
    recordRow: RecordRow,
    private readonly options: SchedulerOptions = {},
    private readonly events: SchedulerEvents = {}
  ) {
    this.clock = options.clock ?? systemClock
    if (options.expectColumn !== undefined) this.counts.unexpected = 0
    this.concurrency = clampConcurrency(options.concurrency)
    this.handover = new Handover(
      {
        concurrency: this.concurrency,
        counts: this.counts,
        abort: this.abortAll.signal,
        isStopping: () => this.isStopping(),
        finish: (outcome) => this.finish(outcome),
        poke: () => this.poke(),
        moved: () => this.wakeReader()
      },
      recordRow,
      events
    )
    // A rate-limited run waits between starts anyway: each row is recorded when its turn comes.
    this.lookahead = options.ratePerSec
      ? 0
      : Math.min(this.concurrency, Math.max(0, options.lookahead ?? lookaheadFor(this.concurrency)))
    this.refill = Math.max(1, options.refill ?? refillFor(this.lookahead))
  }

  /** The run as the ledger names it ('cancelling' is still running). */
  get status(): BatchStatus {
    if (this.state === 'cancelling') return 'running'
    return this.state
  }

  pause(): boolean {
    if (this.state !== 'running') return false
    this.state = 'paused'
    return true
  }

  resume(): boolean {
    if (this.state !== 'paused') return false
    this.state = 'running'
    this.poke()
    return true
  }

  /**
   * Start nothing more: rows recorded ahead are recorded as not sent. In-flight rows finish, or
   * with `abortInFlight` are aborted (recorded as unknown when the request had left).
   */
  cancel(options: { abortInFlight?: boolean } = {}): void {
    if (!this.isStopping()) {
      this.state = 'cancelling'
      this.stopReason = 'Cancelled by the user.'
    }
    if (options.abortInFlight) this.abortAll.abort()
    this.poke()
  }

  /** Run to the end (or the stop); resolves once every row handed over has its outcome. */
  async run(): Promise<SchedulerResult> {
    const iterator = this.rows[Symbol.asyncIterator]()
    try {
      for (;;) {
        const next = await iterator.next()
        if (next.done) break
        const read = next.value
        this.counts.total++
        const key = this.options.keyOf?.(read)
        const resolution = resolveRow(read, this.resolve)
        this.expect(read)
        if (!resolution.ok) {
          this.finish({
            row: read.row,
            status: 'skipped',
            sent: false,
            error: {
              code: 'INVALID_INPUT',
              message: resolution.errors.map((e) => e.message).join(' ')
            },
            ...keyed(key)
          })
          continue
        }
        if (!(await this.waitForTurn())) {
          this.finish({ row: read.row, status: 'not-sent', sent: false, ...keyed(key) })
          continue
        }
        this.handover.handOver(resolution.resolved, key)
      }
    } finally {
      // Rows being recorded when the reading ended are sent (or abandoned) after it.
      await this.handover.drain()
    }
    const state =
      this.state === 'cancelling' ? 'cancelled' : this.state === 'stopped' ? 'stopped' : 'done'
    this.state = state
    return {
      state,
      counts: { ...this.counts },
      ...(this.stopReason ? { stopReason: this.stopReason } : {})
    }
  }

  /**
   * Wait until the next row may be handed over: the run is not paused, and rows handed over but
   * not sent stay within the free slots plus the lookahead; once that is full, the rows are handed
   * over again by groups of `refill`, so their records go to the ledger together. With a rate
   * limit: a slot is free, nothing is waiting and the rate allows a start. False when the run stops.
   */
  private async waitForTurn(): Promise<boolean> {
    for (;;) {
      if (this.isStopping()) return false
      const free = this.concurrency - this.handover.busy
      const waiting = this.handover.waiting
      let full: boolean
      if (this.options.ratePerSec) full = free <= 0 || waiting > 0
      else {
        const room = free + this.lookahead - waiting
        if (room <= 0) this.filling = false
        else if (room >= this.refill) this.filling = true
        full = !this.filling
      }
      if (this.state === 'paused' || full) {
        await new Promise<void>((resolve) => (this.wake = resolve))
        continue
      }
      if (this.options.ratePerSec) {
        const gap = this.rateGapMs()
        if (gap > 0) {
          await this.clock.sleep(gap, this.stopped.signal)
          // Paused or cancelled while waiting: look again.
          continue
        }
        this.lastStartAt = this.clock.now()
      }
      return true
    }
  }

  private rateGapMs(): number {
    const rate = this.options.ratePerSec
    if (!rate || this.lastStartAt === undefined) return 0
    return this.lastStartAt + 1000 / rate - this.clock.now()
  }

  /** Note the row's expected outcome (the resolver has refused rows where it cannot be read). */
  private expect(read: BatchRow): void {
    const column = this.options.expectColumn
    if (column === undefined) return
    const expectation = expectationOf(read.values, column)
    if (expectation.ok) this.expectations.set(read.row, expectation.expectation)
  }

  private finish(given: RowOutcome): void {
    const expectation = this.expectations.get(given.row)
    this.expectations.delete(given.row)
    // A row with a record was judged from it (outcome.ts); the others are judged here.
    const outcome = given.expected === undefined ? judged(given, expectation) : given
    const field = outcome.status === 'not-sent' ? 'notSent' : outcome.status
    this.counts[field]++
    if (outcome.asExpected === false) this.counts.unexpected = (this.counts.unexpected ?? 0) + 1
    const { maxFailures } = this.options
    const failures = this.counts.unexpected ?? this.counts.failed + this.counts.unknown
    if (maxFailures !== undefined && !this.isStopping() && failures >= maxFailures) {
      this.state = 'stopped'
      // A rate-limit wait ends now.
      this.stopped.abort()
      const rows = `row${maxFailures === 1 ? '' : 's'}`
      this.stopReason =
        this.counts.unexpected === undefined
          ? `Stopped after ${maxFailures} failed or unknown ${rows}.`
          : `Stopped after ${maxFailures} ${rows} not as expected.`
    }
    this.events.onOutcome?.(outcome)
  }

  private isStopping(): boolean {
    return this.state === 'cancelling' || this.state === 'stopped'
  }

  /** Something changed (a slot freed, a pause ended, the run stopped): send, abandon, read on. */
  private poke(): void {
    if (this.isStopping()) this.stopped.abort()
    this.handover.dispatch()
  }

  private wakeReader(): void {
    const wake = this.wake
    this.wake = undefined
    wake?.()
  }
}

export function clampConcurrency(value: number | undefined): number {
  if (value === undefined) return DEFAULT_CONCURRENCY
  return Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(value)))
}

/** The most rows a run records ahead of a free slot, whatever its concurrency. */
export const MAX_LOOKAHEAD = 16

/**
 * Rows recorded ahead of a free slot by default: half the concurrency (at most 16), about twice
 * the slots that free during one ledger write when requests take tens of milliseconds.
 */
export function lookaheadFor(concurrency: number): number {
  return Math.min(MAX_LOOKAHEAD, Math.max(1, Math.ceil(concurrency / 2)))
}

/** Rows handed over together once the lookahead has room for them: a quarter of it. */
export function refillFor(lookahead: number): number {
  return Math.max(1, Math.ceil(lookahead / 4))
}
