import { describe, expect, it } from 'vitest'

import {
  formatBytes,
  formatDateTime,
  formatDuration,
  formatFullTimestamp,
  formatListTime,
  hostAndPath,
  shortId
} from './format'
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

describe('dates and times', () => {
  // A fixed instant, read in the runner's time zone: assertions use parts that hold everywhere.
  const iso = '2026-03-04T05:06:07.089Z'
  const d = new Date(iso)

  it('writes one locale-aware date-time format', () => {
    const us = formatDateTime(iso, 'en-US')
    const gb = formatDateTime(iso, 'en-GB')
    expect(us).toContain(String(d.getFullYear()))
    expect(us).toMatch(/Mar \d{1,2}, 2026/)
    expect(gb).toMatch(/\d{1,2} Mar 2026/)
    expect(us).toContain(`${String(d.getMinutes()).padStart(2, '0')}:07`)
    expect(formatDateTime(undefined)).toBe('—')
    expect(formatDateTime('not a date')).toBe('not a date')
  })

  it('shortens list times to the time today and drops the year this year', () => {
    const sameDay = new Date(d)
    expect(formatListTime(iso, sameDay, 'en-GB')).toMatch(/^\d{2}:06:07$/)
    const laterThisYear = new Date(d.getFullYear(), 11, 31, 12)
    const listed = formatListTime(iso, laterThisYear, 'en-US')
    expect(listed).toMatch(/^Mar \d{1,2}, \d{2}:06 [AP]M$/)
    expect(formatListTime(iso, new Date(2030, 0, 1), 'en-US')).toContain('2026')
  })

  it('gives the full timestamp for a hover, with milliseconds and the zone', () => {
    const full = formatFullTimestamp(iso, 'en-US')
    expect(full).toMatch(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)/)
    expect(full).toContain('March')
    expect(full).toContain('07.089')
  })
})
