import { afterEach, describe, expect, it } from 'vitest'

import { readRows } from './rows'
import { BatchScheduler, type SchedulerOptions } from './scheduler'
import { recordRows } from './launch-row'
import { templateRowResolver } from './template-rows'
import { customersCsv, ONBOARDING, openBatchBed, virtualClock, type BatchBed } from './test-batch'
import type { LaunchRecord } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import type { RecordRow, RowOutcome, RowResolver } from './types'

let bed: BatchBed | undefined
afterEach(async () => {
  await bed?.close()
  bed = undefined
})

function scheduler(
  b: BatchBed,
  rowsFile: string,
  options: SchedulerOptions,
  onOutcome?: (outcome: RowOutcome, s: BatchScheduler) => void
): { run: BatchScheduler; outcomes: RowOutcome[]; sentAt: number[]; recorded: number[] } {
  const outcomes: RowOutcome[] = []
  const sentAt: number[] = []
  const recorded: number[] = []
  const run: BatchScheduler = new BatchScheduler(
    readRows(rowsFile),
    templateRowResolver(ONBOARDING),
    recordRows(b.launches, b.connection, { batchId: 'b1' }),
    options,
    {
      onRecorded: (row) => recorded.push(row),
      onSending: () => sentAt.push(options.clock?.now() ?? 0),
      onOutcome: (outcome) => {
        outcomes.push(outcome)
        onOutcome?.(outcome, run)
      }
    }
  )
  return { run, outcomes, sentAt, recorded }
}

function rowsOf(outcomes: RowOutcome[]): number[] {
  return outcomes.map((o) => o.row).sort((a, b) => a - b)
}

describe('batch scheduler over real HTTP', () => {
  it('never has more requests in flight than the cap, and starts every row', async () => {
    bed = await openBatchBed({ latencyMs: 20 })
    const { run, outcomes } = scheduler(bed, bed.file('r.csv', customersCsv(40)), {
      concurrency: 4
    })
    const result = await run.run()
    expect(result.state).toBe('done')
    expect(result.counts).toMatchObject({ total: 40, started: 40, failed: 0, inFlight: 0 })
    expect(bed.sandbox.inFlight().max).toBeLessThanOrEqual(4)
    expect(bed.sandbox.inFlight().max).toBeGreaterThan(1)
    expect(rowsOf(outcomes)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    // Each row carried its own values.
    const bodies = bed.sandbox.requests.map((r) => JSON.parse(r.body) as { customerId: string })
    expect(new Set(bodies.map((b) => b.customerId)).size).toBe(40)
  })

  it('spaces starts by the rate limit (virtual clock)', async () => {
    bed = await openBatchBed()
    const clock = virtualClock()
    const { run, sentAt } = scheduler(bed, bed.file('r.csv', customersCsv(6)), {
      concurrency: 8,
      ratePerSec: 4,
      clock
    })
    await run.run()
    expect(sentAt).toHaveLength(6)
    const gaps = sentAt.slice(1).map((t, i) => t - (sentAt[i] ?? 0))
    expect(gaps).toEqual([250, 250, 250, 250, 250])
  })

  it('stops after max failures: nothing more is sent, the rest is not-sent', async () => {
    bed = await openBatchBed({ failStatus: 500 })
    const { run, outcomes } = scheduler(bed, bed.file('r.csv', customersCsv(10)), {
      concurrency: 1,
      maxFailures: 3
    })
    const result = await run.run()
    expect(result.state).toBe('stopped')
    expect(result.stopReason).toBe('Stopped after 3 failed or unknown rows.')
    expect(result.counts).toMatchObject({ failed: 3, notSent: 7, started: 0 })
    expect(bed.sandbox.requests).toHaveLength(3)
    expect(outcomes.find((o) => o.row === 1)?.error?.httpStatus).toBe(500)
  })

  it('cancel mid-run: in-flight rows are recorded unknown, nothing new starts, no row is lost', async () => {
    bed = await openBatchBed({ latencyMs: 600_000 })
    const b = bed
    const { run, outcomes } = scheduler(b, b.file('r.csv', customersCsv(12)), { concurrency: 3 })
    const running = run.run()
    await b.sandbox.waitForRequests(3)
    run.cancel({ abortInFlight: true })
    const result = await running
    expect(result.state).toBe('cancelled')
    expect(result.counts).toMatchObject({ total: 12, unknown: 3, notSent: 9, inFlight: 0 })
    expect(rowsOf(outcomes)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    expect(b.sandbox.requests).toHaveLength(3)
    for (const o of outcomes.filter((x) => x.status === 'unknown')) {
      expect((await b.ledger.get(o.recordId ?? ''))?.status).toBe('unknown')
    }
  })

  it('cancel without aborting lets in-flight rows finish', async () => {
    bed = await openBatchBed({ latencyMs: 30 })
    const { run } = scheduler(
      bed,
      bed.file('r.csv', customersCsv(10)),
      { concurrency: 2 },
      (outcome, s) => {
        if (outcome.row === 1) s.cancel()
      }
    )
    const result = await run.run()
    expect(result.state).toBe('cancelled')
    // Row 2 was in flight with row 1 and finished; nothing after them was sent.
    expect(result.counts.started).toBe(2)
    expect(result.counts.notSent).toBe(8)
  })

  it('pause holds new starts until resume; a row handed over before it still goes', async () => {
    bed = await openBatchBed()
    const b = bed
    const ids = (from: number): string[] =>
      b.sandbox.requests
        .slice(from)
        .map((r) => (JSON.parse(r.body) as { customerId: string }).customerId)
    let sentWhilePaused: string[] | undefined
    let recordedWhilePaused: number[] | undefined
    const { run, recorded } = scheduler(
      b,
      b.file('r.csv', customersCsv(5)),
      { concurrency: 1 },
      (outcome, s) => {
        if (outcome.row !== 2) return
        s.pause()
        const before = b.sandbox.requests.length
        setTimeout(() => {
          sentWhilePaused = ids(before)
          recordedWhilePaused = [...recorded]
          s.resume()
        }, 100)
      }
    )
    const result = await run.run()
    // At c=1 the lookahead is one row: row 3 may have been handed over before the pause (it goes
    // when the slot frees); rows 4 and 5 are neither recorded nor sent while paused.
    expect(['C-3']).toEqual(expect.arrayContaining(sentWhilePaused ?? ['never resumed']))
    expect(recordedWhilePaused?.filter((row) => row > 3)).toEqual([])
    expect(result.counts.started).toBe(5)
  })

  it('skips rows that do not resolve or exceed 1 MB, sending the others', async () => {
    bed = await openBatchBed()
    const rows = [
      { customerId: 'C-1', amount: 10 },
      { customerId: 'C-2' },
      { customerId: 'C-3', amount: '12345678901234567890' },
      { customerId: 'C-4', amount: 'x'.repeat(1024 * 1024 + 1) },
      { customerId: 'C-5', amount: 50 }
    ]
    const file = bed.file('r.ndjson', rows.map((r) => JSON.stringify(r)).join('\n'))
    const { run, outcomes } = scheduler(bed, file, {})
    const result = await run.run()
    expect(result.counts).toMatchObject({ started: 3, skipped: 2 })
    expect(bed.sandbox.requests).toHaveLength(3)
    const skipped = outcomes.filter((o) => o.status === 'skipped').sort((a, b) => a.row - b.row)
    expect(skipped.map((o) => o.row)).toEqual([2, 4])
    expect(skipped[0]?.error?.message).toMatch(/amount/)
    expect(skipped[1]?.error?.message).toMatch(/1 MB/)
    // A 64-bit number from a row is sent as written, never rounded.
    expect(bed.sandbox.requests.some((r) => r.body.includes('"amount":12345678901234567890'))).toBe(
      true
    )
  })
})

describe('batch scheduler slots', () => {
  /**
   * Rows 1…n, recorded at once; a launcher whose answers and ledger completions the test gives
   * out, and which keeps the rows recorded and abandoned.
   */
  function controlled(count: number) {
    const rows = (async function* () {
      for (let row = 1; row <= count; row++) yield { row, values: { customerId: `C-${row}` } }
    })()
    const calls: {
      row: number
      answer(status: LaunchRecord['status']): void
      complete(): void
    }[] = []
    const recorded: number[] = []
    const abandoned: { row: number; message: string }[] = []
    const called: (() => void)[] = []
    const recordRow: RecordRow = async (resolved) => {
      recorded.push(resolved.row)
      let record = { id: `id-${resolved.row}`, status: 'pending' } as LaunchRecord
      return {
        send: (_signal, answered) =>
          new Promise<LaunchRecord>((done) => {
            calls.push({
              row: resolved.row,
              answer: (status) => {
                record = { ...record, status, durationMs: 1 }
                answered(record)
              },
              complete: () => done(record)
            })
            called.shift()?.()
          }),
        abandon: async (error) => {
          abandoned.push({ row: resolved.row, message: error.message })
          return { ...record, status: 'failed', error }
        }
      }
    }
    const nextCall = (): Promise<void> => new Promise((resolve) => called.push(resolve))
    const resolve: RowResolver = (row) => ({
      ok: true,
      resolved: { row: row.row, target: ONBOARDING_TARGET, payload: '{}', variables: row.values }
    })
    return { rows, calls, recorded, abandoned, recordRow, nextCall, resolve }
  }
  /** Every promise chain of the run has settled (nothing here waits on I/O or timers). */
  const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
  const ONBOARDING_TARGET = { mode: 'build' as const, appId: 'a', buildId: 'b', processName: 'p' }

  it('a started row frees its slot with the answer, before its completion is recorded', async () => {
    const c = controlled(2)
    const outcomes: RowOutcome[] = []
    const run = new BatchScheduler(
      c.rows,
      c.resolve,
      c.recordRow,
      { concurrency: 1 },
      { onOutcome: (o) => outcomes.push(o) }
    )
    const first = c.nextCall()
    const result = run.run()
    await first
    const second = c.nextCall()
    c.calls[0].answer('started')
    // Row 1 is answered, not yet recorded: row 2 goes out, and row 1's outcome is known.
    await second
    expect(c.calls.map((x) => x.row)).toEqual([1, 2])
    expect(outcomes.map((o) => [o.row, o.status])).toEqual([[1, 'started']])
    c.calls[1].answer('started')
    c.calls[1].complete()
    let ended = false
    void result.then(() => (ended = true))
    await settled()
    // The run waits for row 1's completion to be recorded.
    expect(ended).toBe(false)
    c.calls[0].complete()
    expect((await result).counts).toMatchObject({ started: 2, inFlight: 0 })
    expect(outcomes).toHaveLength(2)
  })

  it('a failed row keeps its slot until it is recorded (max failures counts it first)', async () => {
    const c = controlled(3)
    const run = new BatchScheduler(c.rows, c.resolve, c.recordRow, {
      concurrency: 1,
      maxFailures: 1
    })
    const first = c.nextCall()
    const result = run.run()
    await first
    c.calls[0].answer('failed')
    await settled()
    expect(c.calls).toHaveLength(1)
    c.calls[0].complete()
    const done = await result
    expect(done.state).toBe('stopped')
    expect(c.calls).toHaveLength(1)
    expect(done.counts).toMatchObject({ failed: 1, notSent: 2 })
  })

  it('records at most the lookahead ahead of busy slots, and a freed slot sends the next row at once', async () => {
    const c = controlled(20)
    const run = new BatchScheduler(c.rows, c.resolve, c.recordRow, {
      concurrency: 4,
      lookahead: 2
    })
    const result = run.run()
    await settled()
    // Four rows out, two more recorded and waiting: nothing else is read ahead.
    expect(c.calls.map((x) => x.row)).toEqual([1, 2, 3, 4])
    expect(c.recorded).toEqual([1, 2, 3, 4, 5, 6])
    c.calls[0].answer('started')
    // Row 5 was recorded already: it leaves with row 1's answer, before anything is written.
    expect(c.calls.map((x) => x.row)).toEqual([1, 2, 3, 4, 5])
    await settled()
    expect(c.recorded).toEqual([1, 2, 3, 4, 5, 6, 7])
    c.calls[1].answer('started')
    c.calls[2].answer('started')
    await settled()
    expect(c.calls.map((x) => x.row)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(c.recorded).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    run.cancel()
    await settled()
    // The rows recorded ahead never leave: their records say nothing was sent.
    expect(c.abandoned).toEqual([
      { row: 8, message: 'The batch stopped before this row was sent; nothing was sent.' },
      { row: 9, message: 'The batch stopped before this row was sent; nothing was sent.' }
    ])
    for (const call of c.calls.slice(3)) call.answer('started')
    for (const call of c.calls) call.complete()
    const done = await result
    expect(done.state).toBe('cancelled')
    expect(done.counts).toMatchObject({ total: 20, started: 7, notSent: 13, inFlight: 0 })
    expect(c.calls).toHaveLength(7)
  })

  it('refills the lookahead by groups recorded together, never past it', async () => {
    const c = controlled(20)
    const run = new BatchScheduler(c.rows, c.resolve, c.recordRow, {
      concurrency: 4,
      lookahead: 4,
      refill: 2
    })
    const result = run.run()
    await settled()
    expect(c.calls.map((x) => x.row)).toEqual([1, 2, 3, 4])
    expect(c.recorded).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    c.calls[0].answer('started')
    await settled()
    // One row of room: not enough for a group of two, so nothing is recorded yet.
    expect(c.calls.map((x) => x.row)).toEqual([1, 2, 3, 4, 5])
    expect(c.recorded).toHaveLength(8)
    c.calls[1].answer('started')
    await settled()
    expect(c.calls.map((x) => x.row)).toEqual([1, 2, 3, 4, 5, 6])
    expect(c.recorded).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    run.cancel()
    for (const call of c.calls.slice(2)) call.answer('started')
    for (const call of c.calls) call.complete()
    expect((await result).counts).toMatchObject({ started: 6, notSent: 14 })
    expect(c.abandoned.map((a) => a.row)).toEqual([7, 8, 9, 10])
  })

  it('a rate-limited run records each row only when its turn comes', async () => {
    const c = controlled(10)
    const clock = virtualClock()
    const run = new BatchScheduler(c.rows, c.resolve, c.recordRow, {
      concurrency: 4,
      ratePerSec: 10,
      clock
    })
    const result = run.run()
    await settled()
    expect(c.calls.map((x) => x.row)).toEqual([1, 2, 3, 4])
    expect(c.recorded).toEqual([1, 2, 3, 4])
    expect(clock.slept).toEqual([100, 100, 100])
    run.cancel()
    for (const call of c.calls) call.answer('started')
    for (const call of c.calls) call.complete()
    expect((await result).counts).toMatchObject({ started: 4, notSent: 6 })
    expect(c.abandoned).toEqual([])
  })

  it('pause lets the rows recorded ahead go and records nothing more until resume', async () => {
    const c = controlled(6)
    const outcomes: RowOutcome[] = []
    const run = new BatchScheduler(
      c.rows,
      c.resolve,
      c.recordRow,
      { concurrency: 2, lookahead: 1 },
      { onOutcome: (o) => outcomes.push(o) }
    )
    const result = run.run()
    await settled()
    expect(c.recorded).toEqual([1, 2, 3])
    expect(run.pause()).toBe(true)
    c.calls[0].answer('started')
    c.calls[1].answer('started')
    await settled()
    // Row 3 was handed over before the pause: it went with the first free slot; row 4 waits.
    expect(c.calls.map((x) => x.row)).toEqual([1, 2, 3])
    expect(c.recorded).toEqual([1, 2, 3])
    expect(run.resume()).toBe(true)
    await settled()
    expect(c.recorded).toEqual([1, 2, 3, 4, 5])
    expect(c.calls.map((x) => x.row)).toEqual([1, 2, 3, 4])
    for (let i = 2; i < 6; i++) {
      c.calls[i].answer('started')
      await settled()
    }
    for (const call of c.calls) call.complete()
    expect((await result).counts).toMatchObject({ started: 6, notSent: 0 })
    expect(c.abandoned).toEqual([])
  })

  it('a max-failures stop abandons the rows recorded ahead; a refused record takes no slot', async () => {
    const c = controlled(6)
    const refusing: RecordRow = (resolved) =>
      resolved.row === 2
        ? Promise.reject(new AppFailure('AUTH_FAILED', 'The identity provider refused.'))
        : c.recordRow(resolved)
    const outcomes: RowOutcome[] = []
    const run = new BatchScheduler(
      c.rows,
      c.resolve,
      refusing,
      { concurrency: 1, lookahead: 1, maxFailures: 2 },
      { onOutcome: (o) => outcomes.push(o) }
    )
    const result = run.run()
    await settled()
    // Row 2 failed before anything was sent, without a slot; row 3 is recorded ahead of row 1.
    expect(c.calls.map((x) => x.row)).toEqual([1])
    expect(c.recorded).toEqual([1, 3])
    c.calls[0].answer('failed')
    c.calls[0].complete()
    const done = await result
    expect(done.state).toBe('stopped')
    expect(c.calls).toHaveLength(1)
    expect(c.abandoned.map((a) => a.row)).toEqual([3])
    expect(done.counts).toMatchObject({ total: 6, failed: 2, notSent: 4 })
    const byRow = new Map(outcomes.map((o) => [o.row, o]))
    expect(byRow.get(2)).toMatchObject({ status: 'failed', sent: false })
    expect(byRow.get(3)).toMatchObject({ status: 'not-sent', sent: false, recordId: 'id-3' })
    expect(outcomes).toHaveLength(6)
  })
})
