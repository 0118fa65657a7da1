import { afterEach, describe, expect, it } from 'vitest'

import { readRows } from './rows'
import { BatchScheduler, type SchedulerOptions } from './scheduler'
import { launchRows } from './launch-row'
import { templateRowResolver } from './template-rows'
import { customersCsv, ONBOARDING, openBatchBed, virtualClock, type BatchBed } from './test-batch'
import type { RowOutcome } from './types'

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
): { run: BatchScheduler; outcomes: RowOutcome[]; sentAt: number[] } {
  const outcomes: RowOutcome[] = []
  const sentAt: number[] = []
  const run: BatchScheduler = new BatchScheduler(
    readRows(rowsFile),
    templateRowResolver(ONBOARDING),
    launchRows(b.launches, b.connection, { batchId: 'b1' }),
    options,
    {
      onSending: () => sentAt.push(options.clock?.now() ?? 0),
      onOutcome: (outcome) => {
        outcomes.push(outcome)
        onOutcome?.(outcome, run)
      }
    }
  )
  return { run, outcomes, sentAt }
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

  it('pause holds new starts until resume', async () => {
    bed = await openBatchBed()
    const b = bed
    let sentWhilePaused = -1
    const { run } = scheduler(
      b,
      b.file('r.csv', customersCsv(5)),
      { concurrency: 1 },
      (outcome, s) => {
        if (outcome.row !== 2) return
        s.pause()
        const before = b.sandbox.requests.length
        setTimeout(() => {
          sentWhilePaused = b.sandbox.requests.length - before
          s.resume()
        }, 100)
      }
    )
    const result = await run.run()
    expect(sentWhilePaused).toBe(0)
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
