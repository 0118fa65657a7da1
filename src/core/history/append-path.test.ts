import { statSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { LaunchCompletion, NewLaunch } from '../../shared/domain'
import { insertRaw, makeInstance, makeLaunch, makeTempLedgerDir } from './fixtures/launches'
import { LedgerHost, WRITES_PER_CHECKPOINT, WRITES_PER_UPKEEP } from './host'
import { LedgerFile } from './index'
import { MAX_DETAIL_CHARS } from './sanitize'
import { MIGRATIONS, SCHEMA_VERSION } from './schema'

const FINISHED = new Date('2025-01-01T00:00:01.250Z')
const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e'

let temp: ReturnType<typeof makeTempLedgerDir>

beforeEach(() => {
  temp = makeTempLedgerDir()
})

afterEach(() => {
  temp.cleanup()
})

/** Completions covering every field complete() writes, and the odd values it must normalise. */
const COMPLETIONS: Array<[Partial<NewLaunch>, LaunchCompletion]> = [
  [
    {},
    {
      status: 'started',
      httpStatus: 200,
      durationMs: 12.5,
      instance: makeInstance(UUID, ['1', '2'])
    }
  ],
  [
    { ticket: 'SUP-1', note: 'n', variables: { a: '1' }, template: '{"a":"{{a}}"}', batchRow: 3 },
    {
      status: 'failed',
      httpStatus: 400,
      durationMs: 3,
      error: {
        code: 'VALIDATION',
        message: 'no',
        httpStatus: 400,
        detail: 'x'.repeat(MAX_DETAIL_CHARS + 5)
      }
    }
  ],
  [
    { mode: 'workspace', workspaceId: 'ws-1', buildId: undefined, tlsVerification: 'off' },
    { status: 'unknown', durationMs: Number.NaN, httpStatus: 200.5, retriedAfter401: true }
  ],
  [
    // Values the type allows only by mistake are read back as the row reads them.
    { profileColor: 'mauve' as never, tlsVerification: 'sometimes' as never },
    {
      status: 'started',
      durationMs: 1,
      instance: {
        uuid: UUID,
        tokens: [{ id: 't', state: 'A', statusCurrentNode: 'B' }, 'junk']
      } as never,
      error: { code: 'NOT_A_CODE', message: 'odd', stack: 'secret' } as never
    }
  ]
]

describe('completing a launch', () => {
  it('returns exactly the record the file then holds, for launches begun here or elsewhere', () => {
    const here = LedgerFile.open(temp.file, { now: () => FINISHED })
    const elsewhere = LedgerFile.open(temp.file, { now: () => FINISHED })
    try {
      COMPLETIONS.forEach(([launch, completion], n) => {
        here.begin(makeLaunch({ id: `here-${n}`, ...launch }))
        elsewhere.begin(makeLaunch({ id: `there-${n}`, ...launch }))
        const mine = here.complete(`here-${n}`, completion)
        expect(mine).toEqual(here.get(`here-${n}`))
        // Begun by another connection (another process): read back from the row.
        const theirs = here.complete(`there-${n}`, completion)
        expect(theirs).toEqual(here.get(`there-${n}`))
        expect({ ...theirs, id: mine.id }).toEqual(mine)
      })
    } finally {
      here.close()
      elsewhere.close()
    }
  })

  it('reads the stored record when the launch was swept or completed in between', () => {
    const ledger = LedgerFile.open(temp.file, { now: () => FINISHED })
    try {
      ledger.begin(makeLaunch({ id: 'twice' }))
      const first = ledger.complete('twice', { status: 'failed', durationMs: 1 })
      expect(ledger.complete('twice', { status: 'started', durationMs: 2 })).toEqual(first)
    } finally {
      ledger.close()
    }
  })
})

describe('reads', () => {
  it('see the writes of the transaction they run in, and every commit after it', () => {
    const ledger = LedgerFile.open(temp.file, { now: () => FINISHED })
    try {
      ledger.batch(() => {
        ledger.begin(makeLaunch({ id: 'in-batch', ticket: 'SUP-7' }))
        expect(ledger.get('in-batch')?.status).toBe('pending')
        expect(ledger.count()).toBe(1)
      })
      ledger.complete('in-batch', {
        status: 'started',
        durationMs: 1,
        instance: makeInstance(UUID, ['9'])
      })
      expect(ledger.get('in-batch')?.status).toBe('started')
      expect(ledger.search({ ticket: 'SUP-7' }).items.map((item) => item.id)).toEqual(['in-batch'])
      expect(ledger.findByTokenId('9').map((record) => record.id)).toEqual(['in-batch'])
      expect(ledger.findByInstanceUuid(UUID.toUpperCase()).map((record) => record.id)).toEqual([
        'in-batch'
      ])
      expect(ledger.processNames()).toEqual(['customer_onboarding'])
      ledger.delete('in-batch')
      expect(ledger.count()).toBe(0)
      expect(ledger.get('in-batch')).toBeUndefined()
    } finally {
      ledger.close()
    }
  })
})

describe('the duplicate check', () => {
  it('holds for launches recorded before the payload index existed (schema 3 upgraded)', () => {
    const file = join(temp.dir, 'v3.db')
    const launch = makeLaunch({ id: 'old', startedAt: new Date().toISOString() })
    const v3 = new DatabaseSync(file)
    for (const migration of MIGRATIONS.slice(0, 3)) migration(v3)
    v3.exec('PRAGMA user_version = 3')
    insertRaw(v3, 'old', launch)
    v3.close()
    const ledger = LedgerFile.open(file)
    try {
      expect(ledger.schemaVersion).toBe(SCHEMA_VERSION)
      const since = new Date(Date.now() - 60_000).toISOString()
      const again = ledger.beginUnlessDuplicate(
        { ...launch, id: undefined, payload: ' { "customerEmail" : "alice@example.com" } ' },
        since
      )
      expect(again).toEqual({ duplicateOf: ledger.get('old') })
      const other = { ...launch, id: undefined, payload: '{"customerEmail":"bob@example.com"}' }
      expect('record' in ledger.beginUnlessDuplicate(other, since)).toBe(true)
      expect('duplicateOf' in ledger.beginUnlessDuplicate(other, since)).toBe(true)
    } finally {
      ledger.close()
    }
  })
})

describe('upkeep during a long run', () => {
  /** Begin `count` launches in groups of 20, as the worker receives them under load. */
  function run(host: LedgerHost, from: number, count: number): void {
    for (let n = from; n < from + count; n += 20) {
      const calls = Array.from({ length: 20 }, (_, k) => ({
        method: 'begin',
        args: [makeLaunch({ id: `run-${n + k}`, startedAt: new Date(n + k).toISOString() })]
      }))
      expect(host.callMany(calls).every((result) => result.ok)).toBe(true)
    }
  }

  /** Frames in the WAL now (a checkpoint that completed starts it again at the next write). */
  function walFrames(file: string): number {
    const db = new DatabaseSync(file)
    try {
      return Number(db.prepare('PRAGMA wal_checkpoint(PASSIVE)').get()?.log)
    } finally {
      db.close()
    }
  }

  it('indexes after a group commit, and checkpoints once the WAL has grown, without a quiet moment', () => {
    const host = new LedgerHost(LedgerFile.open(temp.file))
    try {
      const before = statSync(temp.file).size
      run(host, 0, WRITES_PER_UPKEEP * 2)
      const db = new DatabaseSync(temp.file)
      try {
        const indexed = db.prepare('SELECT indexed_upto AS n FROM fts_state').get()?.n
        expect(indexed).toBe(WRITES_PER_UPKEEP * 2)
      } finally {
        db.close()
      }
      // Nothing was copied into the file yet: the WAL keeps growing between checkpoints.
      expect(statSync(temp.file).size).toBe(before)
      run(host, WRITES_PER_UPKEEP * 2, WRITES_PER_CHECKPOINT - WRITES_PER_UPKEEP * 2)
      expect(statSync(temp.file).size).toBeGreaterThan(before)
      // The WAL was copied back after that group's commit, so the next write starts it again.
      host.call('begin', [makeLaunch({ id: 'after' })])
      const frames = walFrames(temp.file)
      expect(frames).toBeGreaterThan(0)
      expect(frames).toBeLessThan(40)
    } finally {
      host.close()
    }
  })
})
