import { describe, expect, it } from 'vitest'

import { emptyCounts } from '../../core/batch/types'
import { Capture } from '../test-support'
import { AnswerClock, ProgressBar, rowJson } from './batch-report'

describe('batch report', () => {
  it('draws the progress bar in place on one line, and clears it', () => {
    const sink = new Capture()
    const bar = new ProgressBar(sink, 10)
    bar.update({
      batchId: 'b1',
      status: 'running',
      counts: { ...emptyCounts(), total: 10, started: 4, failed: 1, inFlight: 2 },
      rows: [],
      elapsedMs: 1000,
      throughput: 5,
      etaMs: 61_000,
      expected: 10
    })
    expect(sink.text).toBe(
      '\r\x1b[2K[#####-----] 5/10 · started 4 · failed 1 · unknown 0 · in flight 2 · 5.0/s · ETA 1m01s'
    )
    bar.clear()
    expect(sink.text.endsWith('\r\x1b[2K')).toBe(true)
    expect(sink.text).not.toContain('\n')
  })

  it('counts the rows not as expected on the bar of a run with expected outcomes', () => {
    const sink = new Capture()
    new ProgressBar(sink, 4).update({
      batchId: 'b1',
      status: 'running',
      counts: { ...emptyCounts(), total: 4, started: 1, failed: 3, unexpected: 1, inFlight: 0 },
      rows: [],
      elapsedMs: 1000,
      throughput: 4,
      expected: 4
    })
    expect(sink.text).toContain('· failed 3 · unknown 0 · not as expected 1 · in flight 0')
  })

  it('reports a row the run never reached as skipped, saying why', () => {
    expect(rowJson({ row: 4, status: 'not-sent', sent: false, key: 'C-4' }, undefined)).toEqual({
      row: 4,
      status: 'skipped',
      key: 'C-4',
      historyId: null,
      httpStatus: null,
      durationMs: null,
      instance: null,
      error: {
        code: 'NOT_SENT',
        message: 'Not sent: the run stopped before this row.',
        hint: null,
        httpStatus: null
      }
    })
  })

  it('times the answered rows only, with nearest-rank percentiles', () => {
    const clock = new AnswerClock()
    expect(clock.summary()).toBeUndefined()
    // 1..20 ms answered (out of order), plus rows FlowX never answered.
    for (const ms of [20, 3, 7, 1, 15, 9, 12, 2, 18, 5, 11, 4, 19, 6, 14, 8, 17, 10, 16, 13]) {
      clock.add({ row: ms, status: 'started', sent: true, httpStatus: 200, durationMs: ms })
    }
    clock.add({ row: 21, status: 'unknown', sent: true, durationMs: 30_000 })
    clock.add({ row: 22, status: 'skipped', sent: false })
    expect(clock.summary()).toEqual({ count: 20, p50: 10, p95: 19, max: 20 })
  })
})
