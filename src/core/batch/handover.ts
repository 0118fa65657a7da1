/**
 * The rows a batch run has handed over: each is recorded as pending in the ledger (those handed
 * over in one turn together), waits for a free slot, and is sent at once when one frees; once the
 * run stops, rows recorded but not sent are recorded as not sent instead. A row's request never
 * leaves before its record is durable, and no more than `concurrency` requests are ever out.
 */
import type { LaunchRecord } from '../../shared/domain'
import { NOT_SENT_ERROR, outcomeOfError, outcomeOfRecord } from './outcome'
import type { LiveCounts, RecordedRow, RecordRow, ResolvedRow, RowOutcome } from './types'

/** What the hand-over needs of its run. */
export interface HandoverHost {
  readonly concurrency: number
  readonly counts: LiveCounts
  /** Aborts the requests out (a cancel that does not wait for them). */
  readonly abort: AbortSignal
  isStopping(): boolean
  /** A row's final outcome (counted, and may stop the run). */
  finish(outcome: RowOutcome): void
  /** A slot freed: look at the run again (stop, send, read on). */
  poke(): void
  /** Rows left the hand-over: the reading loop may go on. */
  moved(): void
}

export interface HandoverEvents {
  /** A row's ledger record is durably pending: it will be sent or abandoned. */
  onRecorded?(row: number): void
  /** A row's request is leaving (its record is pending already). */
  onSending?(row: number): void
}

/** A row handed over: being recorded, then recorded (or refused), until it is sent or abandoned. */
interface HandedRow {
  row: number
  key: string | undefined
  recorded?: RecordedRow
  /** Recording it failed: nothing was sent. */
  refused?: { error: unknown }
}

export class Handover {
  /** Rows holding a slot: their request is out, or their outcome is not yet known. */
  busy = 0
  /** Work not yet ended: rows being recorded, sent or abandoned. */
  private readonly inflight = new Set<Promise<void>>()
  /** Rows handed over and not yet sent, in row order (being recorded, or waiting for a slot). */
  private readonly handed: HandedRow[] = []
  /** Rows handed over in this turn, recorded together at its end. */
  private readonly toRecord: { handed: HandedRow; resolved: ResolvedRow }[] = []
  private dispatching = false
  private dispatchAgain = false

  constructor(
    private readonly host: HandoverHost,
    private readonly recordRow: RecordRow,
    private readonly events: HandoverEvents = {}
  ) {}

  /** Rows handed over and not yet sent. */
  get waiting(): number {
    return this.handed.length
  }

  /** Resolves once every row handed over has its outcome (rows may still arrive meanwhile). */
  async drain(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all(this.inflight)
  }

  /**
   * Hand the row over: it is recorded as pending with the others handed over in this turn (their
   * records go to the ledger together), and sent when it reaches a free slot (dispatch).
   */
  handOver(resolved: ResolvedRow, key: string | undefined): void {
    const handed: HandedRow = { row: resolved.row, key }
    this.handed.push(handed)
    this.toRecord.push({ handed, resolved })
    if (this.toRecord.length > 1) return
    this.track(
      new Promise<void>((done) =>
        process.nextTick(() => {
          this.recordHanded()
          done()
        })
      )
    )
  }

  private recordHanded(): void {
    for (const { handed, resolved } of this.toRecord.splice(0)) {
      if (this.host.isStopping()) {
        // Stopped before its record was written: nothing to complete.
        this.handed.splice(this.handed.indexOf(handed), 1)
        this.host.finish({ row: handed.row, status: 'not-sent', sent: false, ...keyed(handed.key) })
        continue
      }
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
    this.dispatch()
  }

  /**
   * Send recorded rows, in row order, while slots are free; once the run stops, abandon them
   * instead. A pause holds only what is not yet handed over.
   */
  dispatch(): void {
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
            this.host.finish(outcomeOfError(head.row, head.refused.error, head.key))
          } else if (head.recorded && this.host.isStopping()) {
            this.handed.shift()
            this.abandon(head, head.recorded)
          } else if (head.recorded && this.busy < this.host.concurrency) {
            this.handed.shift()
            this.send(head, head.recorded)
          } else break
        }
      } while (this.dispatchAgain)
    } finally {
      this.dispatching = false
    }
    this.host.moved()
  }

  private send(handed: HandedRow, recorded: RecordedRow): void {
    const { row, key } = handed
    const { counts } = this.host
    counts.inFlight++
    this.busy++
    this.events.onSending?.(row)
    let ended = false
    const end = (outcome: RowOutcome): void => {
      if (ended) return
      ended = true
      counts.inFlight--
      this.host.finish(outcome)
      this.busy--
      this.host.poke()
    }
    // A row FlowX started ends with its answer: the completion is written in the background
    // and the slot goes to the next row. A failed or unknown row ends once it is recorded,
    // so max failures counts it before anything more is sent.
    const answered = (record: LaunchRecord): void => {
      if (record.status === 'started') end(outcomeOfRecord(row, record, key))
    }
    // A launcher that throws at once is caught like one that rejects.
    const sending = new Promise<LaunchRecord>((done) =>
      done(recorded.send(this.host.abort, answered))
    )
    this.track(
      sending.then(
        (record) => end(outcomeOfRecord(row, record, key)),
        (error: unknown) => end(outcomeOfError(row, error, key))
      )
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
        (record) => this.host.finish({ ...outcome, recordId: record.id }),
        () => this.host.finish(outcome)
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
}

export function keyed(key: string | undefined): { key?: string } {
  return key !== undefined ? { key } : {}
}
