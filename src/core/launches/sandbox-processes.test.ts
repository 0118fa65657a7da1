import { describe, expect, it } from 'vitest'

import { mergeProcessNames, sandboxProcessNames } from './sandbox-processes'

describe("the Local sandbox's process names", () => {
  it('lists what the active builds publish, and not a work-in-progress draft', () => {
    const names = sandboxProcessNames()
    expect(names).toContain('[DOCS]customer_onboarding')
    expect(names).toContain('loan request')
    expect(names).toContain('refund request')
    expect(names).not.toContain('draft_feature')
    expect(new Set(names).size).toBe(names.length)
  })

  it('adds them after the names from history, filtered by the typed prefix', () => {
    expect(mergeProcessNames(['loan request'], ['loan request', 'parallel_checks'])).toEqual([
      'loan request',
      'parallel_checks'
    ])
    expect(mergeProcessNames([], ['loan request', 'Parallel_checks'], 'par')).toEqual([
      'Parallel_checks'
    ])
    expect(mergeProcessNames(['a', 'b'], ['c', 'd'], undefined, 3)).toEqual(['a', 'b', 'c'])
  })
})
