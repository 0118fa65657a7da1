/**
 * Runs a batch: rows are read and resolved one at a time, at most `concurrency` are in flight,
 * starts are spaced by the optional rate limit, and the run stops after `maxFailures`. Pause holds
 * new starts; cancel starts nothing more and either lets in-flight rows finish or aborts them
 * (the launcher records those as unknown or failed-before-sending). Nothing is ever retried, and
 * every row ends with exactly one outcome: started, failed, unknown, skipped or not-sent.
 */
import type { BatchStatus, LaunchRecord } from '../../shared/domain'
import { systemClock, type BatchClock } from './clock'
import { outcomeOfError, outcomeOfRecord } from './outcome'
import { resolveRow } from './preview'
import type { ReadRow } from './rows'
import {
  emptyCounts,
  type BatchRow,
  type LiveCounts,
  type LaunchOne,
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
  clock?: BatchClock
  /** The row's key columns, for report names. */
  keyOf?: (row: BatchRow) => string | undefined
}

export interface SchedulerEvents {
  /** A row was handed to the launcher (its ledger record is written pending before it sends). */
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

export class BatchScheduler {
  readonly counts: LiveCounts = emptyCounts()
  private state: RunState = 'running'
  private stopReason: string | undefined
  private readonly abortAll = new AbortController()
  /** Ends a rate-limit wait when the run stops. */
  private readonly stopped = new AbortController()
  /** Wakes the loop when a slot frees, a pause ends or the run stops. */
  private wake: (() => void) | undefined
  /** Rows not yet ended (a started row's completion may still be on its way to the ledger). */
  private readonly inflight = new Set<Promise<void>>()
  /** Rows holding a slot: their request is out, or their outcome is not yet known. */
  private busy = 0
  private lastStartAt: number | undefined
  private readonly clock: BatchClock
  private readonly concurrency: number

  constructor(
    private readonly rows: AsyncIterable<ReadRow>,
    private readonly resolve: RowResolver,
    private readonly launchOne: LaunchOne,
    private readonly options: SchedulerOptions = {},
    private readonly events: SchedulerEvents = {}
  ) {
    this.clock = options.clock ?? systemClock
    this.concurrency = clampConcurrency(options.concurrency)
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
   * Start nothing more. In-flight rows finish, or with `abortInFlight` are aborted (recorded as
   * unknown when the request had left).
   */
  cancel(options: { abortInFlight?: boolean } = {}): void {
    if (!this.isStopping()) {
      this.state = 'cancelling'
      this.stopReason = 'Cancelled by the user.'
    }
    if (options.abortInFlight) this.abortAll.abort()
    this.poke()
  }

  /** Run to the end (or the stop); resolves once every in-flight row has its outcome. */
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
            ...(key !== undefined ? { key } : {})
          })
          continue
        }
        if (!(await this.waitForTurn())) {
          this.finish({ row: read.row, status: 'not-sent', sent: false, ...keyed(key) })
          continue
        }
        this.counts.inFlight++
        this.busy++
        this.events.onSending?.(read.row)
        const { resolved } = resolution
        const row = read.row
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
          done(this.launchOne(resolved, this.abortAll.signal, answered))
        )
        this.launch(row, sending, key, end)
      }
    } finally {
      await Promise.all(this.inflight)
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

  /** Wait for a free slot, the end of a pause and the rate limit; false when the run stops. */
  private async waitForTurn(): Promise<boolean> {
    for (;;) {
      if (this.isStopping()) return false
      if (this.state === 'paused' || this.busy >= this.concurrency) {
        await new Promise<void>((resolve) => (this.wake = resolve))
        continue
      }
      const gap = this.rateGapMs()
      if (gap > 0) {
        await this.clock.sleep(gap, this.stopped.signal)
        // Paused or cancelled while waiting: look again.
        continue
      }
      this.lastStartAt = this.clock.now()
      return true
    }
  }

  private rateGapMs(): number {
    const rate = this.options.ratePerSec
    if (!rate || this.lastStartAt === undefined) return 0
    return this.lastStartAt + 1000 / rate - this.clock.now()
  }

  private launch(
    row: number,
    sending: Promise<LaunchRecord>,
    key: string | undefined,
    end: (outcome: RowOutcome) => void
  ): void {
    const task: Promise<void> = sending
      .then(
        (record) => outcomeOfRecord(row, record, key),
        (error: unknown) => outcomeOfError(row, error, key)
      )
      .then(end)
      .finally(() => {
        this.inflight.delete(task)
        this.poke()
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

  private poke(): void {
    if (this.isStopping()) this.stopped.abort()
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
