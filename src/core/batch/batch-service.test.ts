import { afterEach, describe, expect, it } from 'vitest'

import { SANDBOX_IDS } from '../../sandbox'
import type { BatchProgress } from '../../shared/batch'
import { BatchService, type BatchSpec } from './batch-service'
import { customersCsv, ONBOARDING, openBatchBed, type BatchBed } from './test-batch'

let bed: BatchBed | undefined
afterEach(async () => {
  await bed?.close()
  bed = undefined
})

function service(b: BatchBed, progressIntervalMs = 50): BatchService {
  return new BatchService({
    ledger: b.ledger,
    launches: b.launches,
    launchedBy: 'tester',
    progressIntervalMs
  })
}

function spec(b: BatchBed, rows: number): BatchSpec {
  return {
    rowsFile: b.file('customers.csv', customersCsv(rows)),
    source: ONBOARDING,
    savedLaunch: 'Onboarding'
  }
}

function customerIds(b: BatchBed, from = 0): string[] {
  return b.sandbox.requests
    .slice(from)
    .map((r) => (JSON.parse(r.body) as { customerId: string }).customerId)
    .sort()
}

describe('batch service', () => {
  it('keeps a summary and tags every row’s ledger record with the batch and row number', async () => {
    bed = await openBatchBed()
    const batches = service(bed)
    const started = await batches.start(spec(bed, 3), bed.connection)
    expect(started).toMatchObject({
      status: 'running',
      launchedBy: 'tester',
      rowsFile: 'customers.csv'
    })
    const done = await batches.wait(started.id)
    expect(done).toMatchObject({ status: 'done', total: 3, started: 3, savedLaunch: 'Onboarding' })
    expect(await bed.ledger.getBatch(started.id)).toMatchObject({ status: 'done', started: 3 })
    const records = await bed.ledger.records({ batchId: started.id }, 10)
    expect(records.map((r) => r.batchRow).sort()).toEqual([1, 2, 3])
    for (const r of records) {
      expect(r.savedLaunch).toBe('Onboarding')
      expect(r.variables?.customerId).toBe(`C-${r.batchRow}`)
    }
    expect((await batches.list()).map((b) => b.id)).toContain(started.id)
  })

  it('a run with expected outcomes is judged the same when read back in a later session', async () => {
    bed = await openBatchBed()
    const loan = { ...ONBOARDING.template, processName: 'loan request' }
    const rows = bed.file(
      'loans.csv',
      'customerId,amount,expected\nC-1,100,\nC-2,null,400\nC-3,200,4xx\nC-4,300,oops\n'
    )
    const run: BatchSpec = { rowsFile: rows, source: { template: loan }, expectColumn: 'expected' }
    const preview = await service(bed).preview(run)
    expect(preview.expectations).toEqual([
      { expected: '400', rows: 1 },
      { expected: '4xx', rows: 1 },
      { expected: 'started', rows: 1 }
    ])
    expect(preview.errors).toEqual([
      {
        row: 4,
        errors: [
          {
            kind: 'invalid-expectation',
            message: expect.stringContaining('The expected outcome “oops” is not one of')
          }
        ]
      }
    ])
    const batches = service(bed)
    const started = await batches.start(run, bed.connection)
    await batches.wait(started.id)
    const verdicts = (view: {
      rows: Array<{ row: number; expected?: string; asExpected?: boolean }>
    }) => view.rows.map((r) => [r.row, r.expected, r.asExpected])
    const live = await batches.get(started.id)
    expect(live.live?.counts.unexpected).toBe(1)
    expect(verdicts(live)).toEqual([
      [1, 'started', true],
      [2, '400', true],
      [3, '4xx', false],
      [4, undefined, undefined]
    ])
    // Another session: the run is only in the ledger.
    const later = await service(bed).get(started.id)
    expect(later.live).toBeUndefined()
    expect(verdicts(later)).toEqual(verdicts(live).slice(0, 3))
    const junit = (await service(bed).export(started.id, 'junit')).text
    expect(junit).toContain('failures="1"')
    expect(junit).toContain('Expected 4xx, but the process started.')
  })

  it('rerun failed sends only rows that failed before anything was sent', async () => {
    bed = await openBatchBed()
    const b = bed
    const batches = service(b)
    // Rows 1–2 fail with HTTP 500 (sent), then the run stops: rows 3–6 were never sent.
    b.sandbox.setFaults({ failStatus: 500 })
    const first = await batches.start(spec(b, 6), b.connection, { concurrency: 1, maxFailures: 2 })
    expect(await batches.wait(first.id)).toMatchObject({ status: 'stopped', failed: 2, notSent: 4 })
    expect(batches.rerunRows(first.id)).toEqual([3, 4, 5, 6])

    b.sandbox.setFaults(undefined)
    const before = b.sandbox.requests.length
    const rerun = await batches.rerun(first.id)
    expect(await batches.wait(rerun.id)).toMatchObject({ status: 'done', started: 4, total: 4 })
    expect(customerIds(b, before)).toEqual(['C-3', 'C-4', 'C-5', 'C-6'])
  })

  it('a token refused before sending makes rows rerunnable; unknown rows only when chosen', async () => {
    bed = await openBatchBed()
    const b = bed
    const batches = service(b)
    const withLogin = {
      ...b.connection,
      token: undefined,
      credentials: {
        kind: 'client-credentials' as const,
        issuer: b.sandbox.issuer,
        clientId: SANDBOX_IDS.clientId,
        clientSecret: SANDBOX_IDS.clientSecret
      }
    }
    b.sandbox.setFaults({ idpDown: true })
    const first = await batches.start(spec(b, 3), withLogin)
    expect(await batches.wait(first.id)).toMatchObject({ failed: 3 })
    expect(b.sandbox.requests.filter((r) => r.rawPath.includes('/start'))).toHaveLength(0)
    expect(batches.rerunRows(first.id)).toEqual([1, 2, 3])

    // Now a connection reset after sending: unknown rows are never in the default rerun.
    b.sandbox.setFaults({ reset: true })
    const second = await batches.start(spec(b, 2), b.connection)
    expect(await batches.wait(second.id)).toMatchObject({ unknown: 2 })
    expect(batches.rerunRows(second.id)).toEqual([])
    await expect(batches.rerun(second.id)).rejects.toThrow(/No row of this batch failed before/)
    b.sandbox.setFaults(undefined)
    const before = b.sandbox.requests.length
    const chosen = await batches.rerun(second.id, [2])
    expect(await batches.wait(chosen.id)).toMatchObject({ started: 1, total: 1 })
    expect(customerIds(b, before)).toEqual(['C-2'])
  })

  it('pauses and resumes a run, and exports its rows', async () => {
    bed = await openBatchBed()
    const b = bed
    const batches = service(b)
    b.sandbox.setFaults({ hang: true })
    const run = await batches.start(spec(b, 5), b.connection, { concurrency: 2 })
    await b.sandbox.waitForRequests(2)
    expect(await batches.pause(run.id)).toMatchObject({ status: 'paused' })
    expect((await b.ledger.getBatch(run.id))?.status).toBe('paused')
    b.sandbox.setFaults(undefined)
    batches.cancel(run.id, true)
    const ended = await batches.wait(run.id)
    expect(ended).toMatchObject({ status: 'cancelled', unknown: 2, notSent: 3 })
    const { text, fileName } = await batches.export(run.id, 'junit')
    expect(fileName).toMatch(/^customers-\d{4}-\d{2}-\d{2}-results\.junit\.xml$/)
    expect(text.match(/<testcase /g)).toHaveLength(5)
    expect(text).toContain('type="UNKNOWN_OUTCOME"')
  })

  it('resume lets a paused run finish', async () => {
    bed = await openBatchBed()
    const batches = service(bed)
    const run = await batches.start(spec(bed, 4), bed.connection, { concurrency: 1 })
    await batches.pause(run.id)
    const view = await batches.get(run.id)
    expect(view.live?.status).toBe('paused')
    await batches.resume(run.id)
    expect(await batches.wait(run.id)).toMatchObject({ status: 'done', started: 4 })
  })

  it('pushes throttled progress: counts, changed rows only, and a last event when it ends', async () => {
    bed = await openBatchBed()
    const batches = service(bed, 60_000)
    const events: BatchProgress[] = []
    batches.onProgress((p) => events.push(p))
    const run = await batches.start(spec(bed, 30), bed.connection, { concurrency: 8 })
    await batches.wait(run.id)
    // With a long interval only the first change and the end are pushed, not one per row.
    expect(events.length).toBeLessThanOrEqual(3)
    const last = events.at(-1)
    expect(last).toMatchObject({ batchId: run.id, status: 'done' })
    expect(last?.counts).toMatchObject({ started: 30, inFlight: 0 })
    const rowsSeen = events.flatMap((e) => e.rows.map((r) => r.row))
    expect(rowsSeen.sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
  })

  it('a past batch is read back from the ledger', async () => {
    bed = await openBatchBed()
    const first = service(bed)
    const run = await first.start(spec(bed, 2), bed.connection)
    await first.wait(run.id)
    const view = await service(bed).get(run.id)
    expect(view.batch).toMatchObject({ id: run.id, status: 'done' })
    expect(view.rows.map((r) => [r.row, r.status])).toEqual([
      [1, 'started'],
      [2, 'started']
    ])
    expect(view.live).toBeUndefined()
  })

  it('keeps the newest ended runs in memory; older ones are read back from the ledger', async () => {
    bed = await openBatchBed()
    const batches = service(bed)
    const ids: string[] = []
    for (let i = 0; i < 12; i++) {
      const run = await batches.start(spec(bed, 1), bed.connection)
      await batches.wait(run.id)
      ids.push(run.id)
    }
    const oldest = await batches.get(ids[0] ?? '')
    expect(oldest.live).toBeUndefined()
    expect(oldest.rows.map((r) => r.status)).toEqual(['started'])
    expect(() => batches.rerunRows(ids[0] ?? '')).toThrow(/not open in this session/)
    expect((await batches.get(ids[11] ?? '')).live?.status).toBe('done')
  })
})
