import { describe, expect, it } from 'vitest'

import { pace } from './progress'
import { emptyCounts } from './types'

describe('pace', () => {
  it('measures throughput over rows that went out, and the ETA over what is left', () => {
    const counts = { ...emptyCounts(), started: 40, failed: 5, unknown: 5, skipped: 50, total: 100 }
    expect(pace(counts, 10_000, 200)).toEqual({ throughput: 5, etaMs: 20_000 })
  })

  it('has no ETA before anything went out or without an expected count', () => {
    expect(pace(emptyCounts(), 1000, 10)).toEqual({ throughput: 0 })
    expect(pace({ ...emptyCounts(), started: 2 }, 1000, undefined)).toEqual({ throughput: 2 })
  })
})
