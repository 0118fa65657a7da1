import { describe, expect, it } from 'vitest'

import { emptyCounts } from '../../core/batch/types'
import { Capture } from '../test-support'
import { ProgressBar, rowJson } from './batch-report'

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
})
