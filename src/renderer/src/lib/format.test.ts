import { describe, expect, it } from 'vitest'

import { formatBytes, formatDuration, hostAndPath, shortId } from './format'
import { readableTextOn } from './profile-colors'
import { errorOffset } from './json-position'

describe('formatters', () => {
  it('formats durations and sizes', () => {
    expect(formatDuration(245)).toBe('245 ms')
    expect(formatDuration(1240)).toBe('1.24 s')
    expect(formatDuration(undefined)).toBe('—')
    expect(formatBytes(812)).toBe('812 B')
    expect(formatBytes(1024 * 1024)).toBe('1.00 MB')
  })

  it('shortens ids and URLs', () => {
    expect(shortId('3f1c2a9e-1111-4222')).toBe('3f1c2a9e')
    expect(hostAndPath('https://admin.example.com/rtm/')).toBe('admin.example.com/rtm')
  })

  it('picks readable text for each profile swatch', () => {
    expect(readableTextOn('#f59e0b')).toBe('#111318')
    expect(readableTextOn('#3b82f6')).toBe('#111318')
    expect(readableTextOn('#1e3a8a')).toBe('#ffffff')
  })

  it('finds the offset of a "line L, column C" payload error', () => {
    expect(
      errorOffset('{\n  "a": ,\n}', 'Invalid JSON at line 2, column 8: expected a value')
    ).toBe(9)
    expect(errorOffset('{}', 'no position')).toBeUndefined()
  })
})
