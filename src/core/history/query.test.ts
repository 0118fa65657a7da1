import { describe, expect, it } from 'vitest'

import { AppFailure } from '../../shared/errors'
import {
  buildSearch,
  classifyText,
  clampLimit,
  decodeCursor,
  encodeCursor,
  normalizeTimestamp
} from './query'

describe('classifyText', () => {
  it('treats a UUID or a number as an exact id', () => {
    const uuid = '0F8FAD5B-D9CB-469F-A165-70867728950E'
    // A uuid inside a payload is indexed as one compact token: either form matches.
    expect(classifyText(` ${uuid} `)).toEqual({
      kind: 'exact',
      value: uuid,
      fts: `("${uuid}" OR "${uuid.replaceAll('-', '')}")`
    })
    expect(classifyText('2112691')).toEqual({ kind: 'exact', value: '2112691', fts: '"2112691"' })
  })

  it('quotes each word and prefix-matches it', () => {
    expect(classifyText('loan "appl')).toEqual({
      kind: 'words',
      fts: '"loan"* """appl"*',
      words: ['loan', '"appl']
    })
    expect(classifyText('NEAR(a b)')).toEqual({
      kind: 'words',
      fts: '"NEAR(a"* "b)"*',
      words: ['NEAR(a', 'b)']
    })
  })

  it('lets one word also be a launch id, and a hex fragment the start of a uuid', () => {
    expect(classifyText('kyc')).toEqual({
      kind: 'words',
      fts: '"kyc"*',
      words: ['kyc'],
      single: 'kyc'
    })
    expect(classifyText('0f8fad5b-d9')).toEqual({
      kind: 'words',
      fts: '("0f8fad5b-d9"* OR "0f8fad5bd9"*)',
      words: ['0f8fad5b-d9'],
      single: '0f8fad5b-d9',
      uuidStart: '0f8fad5b-d9'
    })
  })

  it('falls back to an escaped substring without letters or digits, and to nothing when empty', () => {
    expect(classifyText('[%_')).toEqual({ kind: 'like', pattern: '%[\\%\\_%' })
    expect(classifyText('  ')).toEqual({ kind: 'none' })
    expect(classifyText(undefined)).toEqual({ kind: 'none' })
  })
})

describe('cursors', () => {
  it('round-trips a page key', () => {
    const key = { startedAt: '2025-01-01T00:00:00.000Z', id: 'a_b-1' }
    expect(decodeCursor(encodeCursor(key))).toEqual(key)
    expect(encodeCursor(key)).toMatch(/^[A-Za-z0-9_-]+$/)
  })

  it('refuses anything else', () => {
    for (const cursor of ['%%%', Buffer.from('{"a":1}').toString('base64url'), '']) {
      expect(() => decodeCursor(cursor)).toThrow(AppFailure)
    }
  })
})

describe('normalizeTimestamp and clampLimit', () => {
  it('stores instants in UTC with milliseconds and refuses the rest', () => {
    expect(normalizeTimestamp('2025-03-01T12:00:00+02:00', 'From')).toBe('2025-03-01T10:00:00.000Z')
    expect(() => normalizeTimestamp('soon', 'From')).toThrow('From is not an ISO date-time.')
    expect(() => normalizeTimestamp('+010000-01-01T00:00:00Z', 'To')).toThrow(AppFailure)
  })

  it('keeps page sizes between 1 and 500', () => {
    expect(clampLimit(undefined, 50)).toBe(50)
    expect(clampLimit(Number.NaN, 50)).toBe(50)
    expect(clampLimit(0, 50)).toBe(1)
    expect(clampLimit(12.7, 50)).toBe(12)
    expect(clampLimit(9999, 50)).toBe(500)
  })
})

describe('buildSearch', () => {
  it('asks for one row more than the page, newest first', () => {
    const { sql, params, limit } = buildSearch({ profileId: 'dev', limit: 10 }, () => false)
    expect(sql).toContain('WHERE l.profile_id = ?')
    expect(sql).toMatch(/ORDER BY l.started_at DESC, l.id DESC LIMIT \?$/)
    expect(params).toEqual(['dev', 11])
    expect(limit).toBe(10)
  })

  it('walks the time index only when the words match many launches', () => {
    expect(buildSearch({ text: 'onboard' }, () => true).sql).toContain('+l.seq IN (')
    expect(buildSearch({ text: 'onboard' }, () => false).sql).not.toContain('+l.seq')
    let asked = false
    buildSearch({ profileId: 'dev' }, () => (asked = true))
    expect(asked).toBe(false)
  })
})
