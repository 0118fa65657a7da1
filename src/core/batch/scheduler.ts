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
import type { BatchStatus, LaunchRecord } from '../../shared/domain'
import { systemClock, type BatchClock } from './clock'
import { NOT_SENT_ERROR, outcomeOfError, outcomeOfRecord } from './outcome'
import { resolveRow } from './preview'
import type { ReadRow } from './rows'
import {
  emptyCounts,
  type BatchRow,
  type LiveCounts,
  type RecordedRow,
  type RecordRow,
  type ResolvedRow,
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
  clock?: BatchClock
  /** The row's key columns, for report names. */
  keyOf?: (row: BatchRow) => string | undefined
}

export interface SchedulerEvents {
  /** A row's ledger record is durably pending: it is handed over and will be sent or abandoned. */
  onRecorded?(row: number): void
  /** A row's request is leaving (its record is pending already). */
  onSending?(row: number): void
  /** A row's final outcome. */
  onOutcome?(outcome: RowOutcome): void
}

export interface SchedulerResult {
  state: Extract<BatchStatus, 'done' | 'cancelled' | 'stopped'>
  stopReason?: string
  counts: LiveCounts
}

type RunState = 'running' | 'paused' | 'cancelling' | 'stopped' | 'done' | 'cancelled'

/** A row handed over: being recorded, then recorded (or refused), until it is sent or abandoned. */
interface HandedRow {
  row: number
  key: string | undefined
  recorded?: RecordedRow
  /** Recording it failed: nothing was sent. */
  refused?: { error: unknown }
}

export class BatchScheduler {
  readonly counts: LiveCounts = emptyCounts()
  private state: RunState = 'running'
  private stopReason: string | undefined
  private readonly abortAll = new AbortController()
  /** Ends a rate-limit wait when the run stops. */
  private readonly stopped = new AbortController()
  /** Wakes the reading loop when a slot frees, a pause ends or the run stops. */
  private wake: (() => void) | undefined
  /** Work not yet ended: rows being recorded, sent or abandoned. */
  private readonly inflight = new Set<Promise<void>>()
  /** Rows handed over and not yet sent, in row order (being recorded, or waiting for a slot). */
  private readonly handed: HandedRow[] = []
  /** Rows holding a slot: their request is out, or their outcome is not yet known. */
  private busy = 0
  private lastStartAt: number | undefined
  private dispatching = false
  private dispatchAgain = false
  private readonly clock: BatchClock
  private readonly concurrency: number
  private readonly lookahead: number

  constructor(
    private readonly rows: AsyncIterable<ReadRow>,
    private readonly resolve: RowResolver,
    private readonly recordRow: RecordRow,
    private readonly options: SchedulerOptions = {},
    private readonly events: SchedulerEvents = {}
  ) {
    this.clock = options.clock ?? systemClock
    this.concurrency = clampConcurrency(options.concurrency)
    // A rate-limited run waits between starts anyway: each row is recorded when its turn comes.
    this.lookahead = options.ratePerSec
      ? 0
      : Math.min(this.concurrency, Math.max(0, options.lookahead ?? lookaheadFor(this.concurrency)))
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
        this.handOver(resolution.resolved, key)
      }
    } finally {
      // Rows being recorded when the reading ended are sent (or abandoned) after it.
      while (this.inflight.size > 0) await Promise.all(this.inflight)
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
   * not sent do not exceed the free slots plus the lookahead (with a rate limit: a slot is free,
   * nothing is waiting and the rate allows a start). False when the run stops.
   */
  private async waitForTurn(): Promise<boolean> {
    for (;;) {
      if (this.isStopping()) return false
      const free = this.concurrency - this.busy
      const full = this.options.ratePerSec
        ? free <= 0 || this.handed.length > 0
        : this.handed.length >= free + this.lookahead
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

  /** Record the row as pending; it is sent when it reaches a free slot (dispatch). */
  private handOver(resolved: ResolvedRow, key: string | undefined): void {
    const handed: HandedRow = { row: resolved.row, key }
    this.handed.push(handed)
    // A recorder that throws at once is caught like one that rejects.
    const recording = new Promise<RecordedRow>((done) => done(this.recordRow(resolved)))
    this.track(
      recording.then(
        (recorded) => {
          handed.recorded = recorded
          this.events.onRecorded?.(handed.row)
        },
        (error: unknown) => {
          handed.refused = { error }
        }
      ),
      () => this.dispatch()
    )
  }

  /**
   * Send recorded rows, in row order, while slots are free; once the run stops, abandon them
   * instead. A pause holds only what is not yet handed over.
   */
  private dispatch(): void {
    if (this.dispatching) {
      this.dispatchAgain = true
      return
    }
    this.dispatching = true
    try {
      do {
        this.dispatchAgain = false
        for (;;) {
          const head = this.handed[0]
          if (!head || (!head.recorded && !head.refused)) break
          if (head.refused) {
            // Nothing was recorded, nothing sent: the row fails without taking a slot.
            this.handed.shift()
            this.finish(outcomeOfError(head.row, head.refused.error, head.key))
          } else if (head.recorded && this.isStopping()) {
            this.handed.shift()
            this.abandon(head, head.recorded)
          } else if (head.recorded && this.busy < this.concurrency) {
            this.handed.shift()
            this.send(head, head.recorded)
          } else break
        }
      } while (this.dispatchAgain)
    } finally {
      this.dispatching = false
    }
    this.wakeReader()
  }

  private send(handed: HandedRow, recorded: RecordedRow): void {
    const { row, key } = handed
    this.counts.inFlight++
    this.busy++
    this.events.onSending?.(row)
    let ended = false
    const end = (outcome: RowOutcome): void => {
      if (ended) return
      ended = true
      this.counts.inFlight--
      this.finish(outcome)
      this.busy--
      this.poke()
    }
    // A row FlowX started ends with its answer: the completion is written in the background
    // and the slot goes to the next row. A failed or unknown row ends once it is recorded,
    // so max failures counts it before anything more is sent.
    const answered = (record: LaunchRecord): void => {
      if (record.status === 'started') end(outcomeOfRecord(row, record, key))
    }
    // A launcher that throws at once is caught like one that rejects.
    const sending = new Promise<LaunchRecord>((done) =>
      done(recorded.send(this.abortAll.signal, answered))
    )
    this.track(
      sending.then(
        (record) => end(outcomeOfRecord(row, record, key)),
        (error: unknown) => end(outcomeOfError(row, error, key))
      ),
      () => this.poke()
    )
  }

  /** The run stopped before this recorded row left: its record says nothing was sent. */
  private abandon(handed: HandedRow, recorded: RecordedRow): void {
    const outcome: RowOutcome = {
      row: handed.row,
      status: 'not-sent',
      sent: false,
      error: NOT_SENT_ERROR,
      ...keyed(handed.key)
    }
    // A ledger that cannot take the completion leaves the record pending: unknown, never resent.
    const abandoning = new Promise<LaunchRecord>((done) => done(recorded.abandon(NOT_SENT_ERROR)))
    this.track(
      abandoning.then(
        (record) => this.finish({ ...outcome, recordId: record.id }),
        () => this.finish(outcome)
      )
    )
  }

  /** Keep `work` until it ends (the run waits for it), then call `after`. */
  private track(work: Promise<void>, after?: () => void): void {
    const task: Promise<void> = work.finally(() => {
      this.inflight.delete(task)
      after?.()
    })
    this.inflight.add(task)
  }

  private finish(outcome: RowOutcome): void {
    const field = outcome.status === 'not-sent' ? 'notSent' : outcome.status
    this.counts[field]++
    const { maxFailures } = this.options
    if (
      maxFailures !== undefined &&
      !this.isStopping() &&
      this.counts.failed + this.counts.unknown >= maxFailures
    ) {
      this.state = 'stopped'
      this.stopReason = `Stopped after ${maxFailures} failed or unknown row${maxFailures === 1 ? '' : 's'}.`
    }
    this.events.onOutcome?.(outcome)
  }

  private isStopping(): boolean {
    return this.state === 'cancelling' || this.state === 'stopped'
  }

  /** Something changed (a slot freed, a pause ended, the run stopped): send, abandon, read on. */
  private poke(): void {
    if (this.isStopping()) this.stopped.abort()
    this.dispatch()
  }

  private wakeReader(): void {
    const wake = this.wake
    this.wake = undefined
    wake?.()
  }
}

function keyed(key: string | undefined): { key?: string } {
  return key !== undefined ? { key } : {}
}

export function clampConcurrency(value: number | undefined): number {
  if (value === undefined) return DEFAULT_CONCURRENCY
  return Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(value)))
}

/**
 * Rows recorded ahead of a free slot by default: about the slots that free during one ledger
 * write when requests are short, and never more than the concurrency.
 */
export function lookaheadFor(concurrency: number): number {
  return Math.min(concurrency, Math.max(1, Math.ceil(concurrency / 4)))
}
