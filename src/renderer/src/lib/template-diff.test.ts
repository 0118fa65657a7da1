import { describe, expect, it } from 'vitest'

import { sideBySide } from './template-diff'

describe('sideBySide', () => {
  it('faces unchanged lines and pairs changed ones', () => {
    const rows = sideBySide('{\n  "id": "a",\n  "n": 1\n}', '{\n  "id": "b",\n  "n": 1\n}')
    expect(rows).toEqual([
      { left: { text: '{', changed: false }, right: { text: '{', changed: false } },
      {
        left: { text: '  "id": "a",', changed: true },
        right: { text: '  "id": "b",', changed: true }
      },
      { left: { text: '  "n": 1', changed: false }, right: { text: '  "n": 1', changed: false } },
      { left: { text: '}', changed: false }, right: { text: '}', changed: false } }
    ])
  })

  it('leaves a side empty where lines were only added or removed', () => {
    const rows = sideBySide('a\nb', 'a\nb\nc')
    expect(rows.at(-1)).toEqual({ right: { text: 'c', changed: true } })
    expect(sideBySide('x', 'x').every((r) => !r.left?.changed && !r.right?.changed)).toBe(true)
  })
})
