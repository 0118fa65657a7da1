import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'

import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { NewLaunch } from '../../shared/domain'
import { StatementCache } from './database'
import { DUPLICATE_SCAN, canonicalPayload, payloadKey } from './duplicates'
import { insertRaw, makeLaunch, makeTempLedgerDir } from './fixtures/launches'
import { LedgerHost } from './host'
import { LedgerFile } from './index'
import { RecentPayloads } from './recent-payloads'
import { MIGRATIONS, SCHEMA_VERSION } from './schema'

let temp: ReturnType<typeof makeTempLedgerDir>

beforeEach(() => {
  temp = makeTempLedgerDir()
})

afterEach(() => {
  temp.cleanup()
})

const minutesAgo = (n: number): string => new Date(Date.now() - n * 60_000).toISOString()

/** A launch started now with `payload`, no id (the ledger gives one). */
function launchOf(payload: string, overrides: Partial<NewLaunch> = {}): NewLaunch {
  return makeLaunch({ startedAt: new Date().toISOString(), payload, ...overrides })
}

describe('the duplicate check', () => {
  it('holds for launches of a schema 4 file, which loses its payload index', () => {
    const file = join(temp.dir, 'v4.db')
    const v4 = new DatabaseSync(file)
    for (const migration of MIGRATIONS.slice(0, 4)) migration(v4)
    v4.exec('PRAGMA user_version = 4')
    insertRaw(v4, 'old', launchOf('{"customerEmail":"alice@example.com"}'))
    v4.close()
    const ledger = LedgerFile.open(file)
    try {
      expect(ledger.schemaVersion).toBe(SCHEMA_VERSION)
      const again = ledger.beginUnlessDuplicate(
        launchOf(' { "customerEmail" : "alice@example.com" } '),
        minutesAgo(1)
      )
      expect(again).toEqual({ duplicateOf: ledger.get('old') })
      const other = launchOf('{"customerEmail":"bob@example.com"}')
      expect('record' in ledger.beginUnlessDuplicate(other, minutesAgo(1))).toBe(true)
      expect('duplicateOf' in ledger.beginUnlessDuplicate(other, minutesAgo(1))).toBe(true)
    } finally {
      ledger.close()
    }
    const db = new DatabaseSync(file)
    try {
      const names = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index'")
        .all()
        .map((row) => row.name)
      expect(names).not.toContain('launches_payload')
      expect(names).toContain('launches_profile')
    } finally {
      db.close()
    }
  })

  it('sees what another connection (another process) recorded or changed in between', () => {
    const app = LedgerFile.open(temp.file)
    const cli = LedgerFile.open(temp.file)
    try {
      const since = minutesAgo(1)
      const first = app.beginUnlessDuplicate(launchOf('{"a":1}'), since)
      expect('record' in first).toBe(true)
      // The other connection's own launch, after this one has remembered its window.
      const theirs = cli.beginUnlessDuplicate(launchOf('{"b":2}'), since)
      expect('record' in cli.beginUnlessDuplicate(launchOf('{"a":1}'), since)).toBe(false)
      expect(app.beginUnlessDuplicate(launchOf('{"b":2}'), since)).toEqual({
        duplicateOf: 'record' in theirs ? theirs.record : undefined
      })
      // A launch that failed elsewhere is safe to send again; one deleted from the file is gone.
      if ('record' in first) cli.complete(first.record.id, { status: 'failed', durationMs: 1 })
      expect('record' in app.beginUnlessDuplicate(launchOf('{"a":1}'), since)).toBe(true)
    } finally {
      app.close()
      cli.close()
    }
  })

  it('is not fooled when another process removes the newest launch and its row number is reused', () => {
    const app = LedgerFile.open(temp.file)
    const cli = LedgerFile.open(temp.file)
    try {
      const since = minutesAgo(1)
      expect('record' in app.beginUnlessDuplicate(launchOf('{"n":1}', { id: 'mine' }), since)).toBe(
        true
      )
      const raw = new DatabaseSync(temp.file)
      try {
        raw.prepare('DELETE FROM launches WHERE id = ?').run('mine')
      } finally {
        raw.close()
      }
      // The next row takes the number the deleted one had.
      cli.begin(launchOf('{"n":2}', { id: 'theirs' }))
      expect(app.beginUnlessDuplicate(launchOf('{"n":2}'), since)).toEqual({
        duplicateOf: app.get('theirs')
      })
      expect('record' in app.beginUnlessDuplicate(launchOf('{"n":1}'), since)).toBe(true)
    } finally {
      app.close()
      cli.close()
    }
  })

  it('answers a window older than the launches it remembers from the file', () => {
    const cli = LedgerFile.open(temp.file)
    cli.begin(launchOf('{"old":true}', { id: 'hours-ago', startedAt: minutesAgo(120) }))
    cli.close()
    const app = LedgerFile.open(temp.file)
    try {
      // Remembers the last few minutes only…
      expect('record' in app.beginUnlessDuplicate(launchOf('{"new":true}'), minutesAgo(1))).toBe(
        true
      )
      // …so a three-hour window is read from the file.
      expect(app.beginUnlessDuplicate(launchOf('{"old":true}'), minutesAgo(180))).toEqual({
        duplicateOf: app.get('hours-ago')
      })
      expect('record' in app.beginUnlessDuplicate(launchOf('{"old":true}'), minutesAgo(60))).toBe(
        true
      )
    } finally {
      app.close()
    }
  })

  it('forgets a launch whose transaction was rolled back', () => {
    const ledger = LedgerFile.open(temp.file)
    try {
      const since = minutesAgo(1)
      expect('record' in ledger.beginUnlessDuplicate(launchOf('{"warm":1}'), since)).toBe(true)
      expect(() =>
        ledger.batch(() => {
          ledger.begin(launchOf('{"x":1}', { id: 'undone' }))
          throw new Error('the caller gave up')
        })
      ).toThrow('the caller gave up')
      expect(ledger.get('undone')).toBeUndefined()
      expect('record' in ledger.beginUnlessDuplicate(launchOf('{"x":1}'), since)).toBe(true)
    } finally {
      ledger.close()
    }
  })

  it('holds within one group commit, also when another call of the group fails', () => {
    const host = new LedgerHost(LedgerFile.open(temp.file))
    try {
      const since = minutesAgo(1)
      host.call('begin', [launchOf('{"taken":1}', { id: 'taken' })])
      const results = host.callMany([
        { method: 'beginUnlessDuplicate', args: [launchOf('{"a":1}'), since] },
        { method: 'begin', args: [launchOf('{"b":1}', { id: 'taken' })] },
        { method: 'beginUnlessDuplicate', args: [launchOf('{ "a": 1 }'), since] },
        { method: 'count', args: [] }
      ])
      expect(results.map((result) => result.ok)).toEqual([true, false, true, true])
      const [first, , second, count] = results.map((result) => (result.ok ? result.value : null))
      expect(second).toEqual({ duplicateOf: (first as { record: unknown }).record })
      expect(count).toBe(2)
      expect(host.file.get((first as { record: { id: string } }).record.id)?.status).toBe('pending')
    } finally {
      host.close()
    }
  })

  it('reads a window the memory does not cover through the profile index', () => {
    LedgerFile.open(temp.file).close()
    const db = new DatabaseSync(temp.file)
    try {
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${DUPLICATE_SCAN}`)
        .all(...Array.from({ length: 8 }, () => 'x'))
        .map((row) => String(row.detail))
      expect(plan.join('\n')).toMatch(
        /USING INDEX launches_profile \(profile_id=\? AND started_at>\?\)/
      )
    } finally {
      db.close()
    }
  })
})

describe('the memory of recent payloads', () => {
  it('forgets the oldest beyond its size, and then says the window is not covered', () => {
    LedgerFile.open(temp.file).close()
    const db = new DatabaseSync(temp.file)
    try {
      const times = [minutesAgo(3), minutesAgo(2), minutesAgo(1)]
      times.forEach((startedAt, n) => insertRaw(db, `l${n}`, launchOf('{"same":1}', { startedAt })))
      const recent = new RecentPayloads(new StatementCache(db), 2)
      const key = payloadKey('{"same":1}')
      // Loading three launches into room for two forgets the oldest…
      expect(recent.candidates(key, minutesAgo(4))).toBeUndefined()
      expect(recent.size).toBe(2)
      // …so only windows starting after it are answered, newest first.
      expect(recent.candidates(key, minutesAgo(2.5))?.map(({ id }) => id)).toEqual(['l2', 'l1'])
      expect(recent.candidates(payloadKey('{"other":1}'), minutesAgo(2.5))).toEqual([])
    } finally {
      db.close()
    }
  })
})

describe('the memory of recent payloads, over time', () => {
  it('forgets launches started long before the windows it is asked about, and then says so', () => {
    LedgerFile.open(temp.file).close()
    const db = new DatabaseSync(temp.file)
    try {
      insertRaw(db, 'early', launchOf('{"same":1}', { startedAt: minutesAgo(30) }))
      const recent = new RecentPayloads(new StatementCache(db))
      const key = payloadKey('{"same":1}')
      expect(recent.candidates(key, minutesAgo(31))?.map(({ id }) => id)).toEqual(['early'])
      // Checks of the last minute, for a while: the launch of half an hour ago is let go…
      for (let n = 0; n < 100; n++) expect(recent.candidates(key, minutesAgo(1))).toEqual([])
      expect(recent.size).toBe(0)
      // …so a window reaching back to it is left to the file.
      expect(recent.candidates(key, minutesAgo(31))).toBeUndefined()
    } finally {
      db.close()
    }
  })
})

describe('payload keys', () => {
  /** How keys were made before (launches already in the file carry keys made this way). */
  function earlierCanonical(text: string): string {
    if (text.trim() === '') return '{}'
    return JSON.stringify(JSON.parse(text), (_key, value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
              a < b ? -1 : a > b ? 1 : 0
            )
          )
        : value
    )
  }

  it('are the keys earlier versions wrote, for any JSON', () => {
    const cases = [
      '{"b":1,"a":{"d":[3,{"z":1,"y":2}],"c":null}}',
      '{"10":1,"9":2,"b":3,"a":4,"01":5,"-1":6,"4294967295":7,"4294967294":8}',
      '{"__proto__":{"x":1},"constructor":2}',
      '{"é":1,"e":2,"😀":3,"ｚ":4}',
      '[1,"two",{"b":true,"a":false},[],{}]',
      '{"n":-0,"big":1e300,"small":5e-324,"s":"line\\nbreak \\"quoted\\" \\u2028"}',
      '"just a string"',
      '42',
      '   '
    ]
    for (const text of cases) expect(canonicalPayload(text)).toBe(earlierCanonical(text))
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (text) => {
        expect(canonicalPayload(text)).toBe(earlierCanonical(text))
      }),
      { numRuns: 300 }
    )
  })

  it('do not depend on key order or spacing, and do on every value', () => {
    expect(payloadKey('{"a":1,"b":[1,2]}')).toBe(payloadKey(' { "b" : [1, 2], "a" : 1 } '))
    expect(payloadKey('{"a":1,"b":[1,2]}')).not.toBe(payloadKey('{"a":1,"b":[2,1]}'))
    expect(payloadKey('not json')).not.toBe(payloadKey('not  json'))
    expect(payloadKey('{"a":1}')).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })
})
