import { describe, expect, it } from 'vitest'

import { listKeyTarget, scrollToRow } from './list-keys'

describe('list keys', () => {
  it('moves by row, page and to the ends, within the list', () => {
    expect(listKeyTarget('ArrowDown', -1, 5)).toBe(0)
    expect(listKeyTarget('ArrowDown', 4, 5)).toBe(4)
    expect(listKeyTarget('ArrowUp', 0, 5)).toBe(0)
    expect(listKeyTarget('ArrowUp', 3, 5)).toBe(2)
    expect(listKeyTarget('PageDown', 1, 50, 10)).toBe(11)
    expect(listKeyTarget('PageUp', 5, 50, 10)).toBe(0)
    expect(listKeyTarget('Home', 30, 50)).toBe(0)
    expect(listKeyTarget('End', 3, 50)).toBe(49)
    expect(listKeyTarget('Enter', 3, 50)).toBeUndefined()
    expect(listKeyTarget('ArrowDown', 0, 0)).toBeUndefined()
  })

  it('scrolls just enough to show a row', () => {
    expect(scrollToRow(0, 100, 360, 36)).toBe(0)
    expect(scrollToRow(20, 0, 360, 36)).toBe(21 * 36 - 360)
    expect(scrollToRow(5, 0, 360, 36)).toBe(0)
  })
})
