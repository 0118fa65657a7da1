// @vitest-environment happy-dom
import type { BatchProgress } from '@shared/batch'
import { flushPromises } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'

import { makeBatch, makePreview, makeRowOutcome } from '../test/fake-batch'
import { batchTestBed } from '../test/batch-bed'
import { failed, ok, type FakeFlowx } from '../test/fake-flowx'
import { useBatchStore } from './batch'

let flowx: FakeFlowx

beforeEach(async () => {
  flowx = await batchTestBed()
})

function progress(overrides: Partial<BatchProgress> = {}): BatchProgress {
  return {
    batchId: 'b1',
    status: 'running',
    counts: { total: 3, started: 1, failed: 0, unknown: 0, skipped: 0, notSent: 0, inFlight: 2 },
    rows: [],
    elapsedMs: 1000,
    throughput: 1,
    ...overrides
  }
}

async function picked() {
  const batch = useBatchStore()
  await batch.pickRows()
  return batch
}

describe('batch store', () => {
  it('picking a rows file previews it against the active profile and the launch form', async () => {
    const batch = await picked()
    expect(batch.rowsFile?.name).toBe('customers.csv')
    expect(flowx.batch.preview).toHaveBeenCalledWith(
      expect.objectContaining({
        profileId: 'p1',
        rowsFileId: 'f1',
        source: expect.objectContaining({ kind: 'form' })
      })
    )
    expect(batch.preview?.sendable).toBe(2)
  })

  it('starts with the options and the typed confirmation, then follows progress pushes', async () => {
    const batch = await picked()
    batch.options.maxFailures = 5
    expect(await batch.start({ name: 'Staging', count: 2 })).toBe(true)
    expect(flowx.batch.start).toHaveBeenCalledWith(
      expect.objectContaining({
        concurrency: 4,
        maxFailures: 5,
        confirmProfileName: 'Staging',
        confirmCount: 2
      })
    )
    expect(flowx.batch.onProgress).toHaveBeenCalledOnce()

    flowx.batch.emitProgress(progress({ rows: [makeRowOutcome({ row: 2 })] }))
    flowx.batch.emitProgress(progress({ batchId: 'other', rows: [makeRowOutcome({ row: 9 })] }))
    flowx.batch.emitProgress(
      progress({ rows: [makeRowOutcome({ row: 1, status: 'failed', sent: false })] })
    )
    expect(batch.rows.map((r) => r.row)).toEqual([1, 2])
    expect(batch.live?.counts.inFlight).toBe(2)
    expect(batch.rerunnable).toBe(1)
    batch.filter = 'failed'
    expect(batch.filtered.map((r) => r.row)).toEqual([1])
  })

  it('a refused start shows the reason and keeps the setup', async () => {
    const batch = await picked()
    flowx.batch.start.mockResolvedValueOnce(
      failed({ code: 'CONFIRMATION_REQUIRED', message: 'Type the profile name.' })
    )
    expect(await batch.start()).toBe(false)
    expect(batch.error?.message).toBe('Type the profile name.')
    expect(batch.current).toBeUndefined()
    expect(batch.rowsFile).toBeDefined()
  })

  it('fetches the final rows when a run ends, and reruns chosen rows', async () => {
    const batch = await picked()
    await batch.start()
    flowx.batch.get.mockResolvedValueOnce(
      ok({
        batch: makeBatch({ status: 'done', unknown: 1, started: 1, total: 2 }),
        rows: [makeRowOutcome({ row: 1 }), makeRowOutcome({ row: 2, status: 'unknown' })],
        rerunnable: 0
      })
    )
    flowx.batch.emitProgress(progress({ status: 'done' }))
    await flushPromises()
    expect(flowx.batch.get).toHaveBeenCalledWith({ id: 'b1' })
    expect(batch.rows).toHaveLength(2)
    expect(batch.live?.status).toBe('done')

    expect(await batch.rerun([2])).toBe(true)
    expect(flowx.batch.rerunFailed).toHaveBeenCalledWith({ id: 'b1', rows: [2] })
    expect(batch.current?.id).toBe('b2')
    expect(batch.rows).toEqual([])
  })

  it('previews and starts with the chosen expected-outcome column, and filters the misses', async () => {
    const batch = await picked()
    expect(flowx.batch.preview).toHaveBeenLastCalledWith(
      expect.not.objectContaining({ expectColumn: expect.anything() })
    )
    await batch.setExpectColumn('amount')
    expect(flowx.batch.preview).toHaveBeenLastCalledWith(
      expect.objectContaining({ rowsFileId: 'f1', expectColumn: 'amount' })
    )
    await batch.start()
    expect(flowx.batch.start).toHaveBeenCalledWith(
      expect.objectContaining({ expectColumn: 'amount' })
    )

    flowx.batch.emitProgress(
      progress({
        counts: { ...progress().counts, unexpected: 1 },
        rows: [
          makeRowOutcome({ row: 1, expected: 'started', asExpected: true }),
          makeRowOutcome({ row: 2, expected: '400', asExpected: false })
        ]
      })
    )
    expect(batch.judged).toBe(true)
    expect(batch.unexpected).toBe(1)
    batch.filter = 'unexpected'
    expect(batch.filtered.map((r) => r.row)).toEqual([2])

    await batch.setExpectColumn(undefined)
    expect(flowx.batch.preview).toHaveBeenLastCalledWith(
      expect.not.objectContaining({ expectColumn: expect.anything() })
    )
  })

  it('a new rows file keeps the expected-outcome column only if it has one of that name', async () => {
    const batch = await picked()
    await batch.setExpectColumn('amount')
    // The next file has the column: previewed once, with it.
    flowx.batch.preview.mockClear()
    await batch.pickRows()
    expect(flowx.batch.preview).toHaveBeenCalledOnce()
    expect(batch.expectColumn).toBe('amount')

    // This one has not: back to none, and the preview shown is the one without it.
    flowx.batch.preview.mockClear()
    flowx.batch.preview.mockResolvedValueOnce(
      ok(makePreview({ columns: ['customerId'], sendable: 0 }))
    )
    flowx.batch.preview.mockResolvedValueOnce(
      ok(makePreview({ columns: ['customerId'], sendable: 3 }))
    )
    await batch.pickRows()
    expect(batch.expectColumn).toBeUndefined()
    expect(flowx.batch.preview).toHaveBeenCalledTimes(2)
    expect(flowx.batch.preview).toHaveBeenLastCalledWith(
      expect.not.objectContaining({ expectColumn: expect.anything() })
    )
    expect(batch.preview?.sendable).toBe(3)
  })
})
