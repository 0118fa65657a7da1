import { describe, expect, it } from 'vitest'

import { fuzzyMatch } from './fuzzy'

function rank(query: string, items: string[]): string[] {
  return items
    .map((text) => ({ text, m: fuzzyMatch(query, text) }))
    .filter((x) => x.m)
    .sort((a, b) => b.m!.score - a.m!.score)
    .map((x) => x.text)
}

describe('palette fuzzy matching', () => {
  it('finds characters in order and refuses otherwise', () => {
    expect(fuzzyMatch('snd', 'Send the launch')?.positions).toEqual([0, 2, 3])
    expect(fuzzyMatch('dns', 'Send the launch')).toBeUndefined()
  })

  it('ranks a substring, then word starts, above scattered letters', () => {
    expect(rank('stag', ['Local sandbox', 'Switch to Staging', 'Start a tag'])).toEqual([
      'Switch to Staging',
      'Start a tag'
    ])
    expect(rank('tdm', ['Toggle demo mode', 'Toggle the diagram menu', 'Settings'])[0]).toBe(
      'Toggle demo mode'
    )
  })

  it('matches a uuid by its prefix', () => {
    const m = fuzzyMatch('3f1c2a', 'Launch 3f1c2a9e-1111-4222-8333-944455556666')
    expect(m?.positions[0]).toBe(7)
  })

  it('matches everything with an empty query', () => {
    expect(fuzzyMatch('  ', 'anything')).toEqual({ score: 0, positions: [] })
  })
})
