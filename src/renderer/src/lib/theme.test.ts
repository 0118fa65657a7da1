import { describe, expect, it } from 'vitest'

import { sizesAt, themeOverrides } from './theme'

describe('theme sizes', () => {
  it('hands Naive px sizes scaled by the text size (its select menu measures them in script)', () => {
    expect(sizesAt(100)).toMatchObject({
      fontSize: '14px',
      heightMedium: '34px',
      heightSmall: '28px'
    })
    expect(sizesAt(150)).toMatchObject({ fontSize: '21px', heightMedium: '51px' })
    expect(themeOverrides('dark', 200).common?.heightLarge).toBe('80px')
  })
})
