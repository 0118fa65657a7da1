import { describe, expect, it } from 'vitest'

import { batchColumns } from './batch-columns'

const names = (widthPx: number, judged: boolean, remPx = 16) =>
  batchColumns(widthPx, remPx, judged).columns.map((c) => c.name)

describe('batch columns', () => {
  it('shows every column before the list is measured, the expected outcome only in a judged run', () => {
    expect(names(0, false)).toEqual([
      'row',
      'key',
      'status',
      'http',
      'instance',
      'tokens',
      'duration',
      'error',
      'action'
    ])
    expect(names(0, true)).toContain('expected')
  })

  it('drops Tokens and Duration, then Key and Instance, as the list narrows', () => {
    expect(names(900, false)).toContain('tokens')
    // A judged run needs its Expected column too: at the same width Tokens and Duration go.
    expect(names(900, true)).toEqual([
      'row',
      'key',
      'status',
      'http',
      'expected',
      'instance',
      'error',
      'action'
    ])
    expect(names(500, true)).toEqual(['row', 'status', 'http', 'expected', 'error', 'action'])
    // Larger text needs more room: 900 px at 150 % text is a narrow list.
    expect(names(900, true, 24)).toEqual(names(500, true))
  })

  it('builds one grid track per column shown, the error taking what is left', () => {
    const layout = batchColumns(500, 16, false)
    expect(layout.grid).toBe('3.5rem 5.5rem 3rem minmax(0, 1fr) 5.5rem')
    expect(layout.shows('error')).toBe(true)
    expect(layout.shows('key')).toBe(false)
  })
})
