import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { LaunchCompletion, NewLaunch } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { makeInstance, makeLaunch, makeTempLedgerDir } from './fixtures/launches'
import { LedgerFile } from './index'
import { PAGE_SIZE } from './database'
import { MAX_DETAIL_CHARS } from './sanitize'
import { MIGRATIONS } from './schema'

const FINISHED = new Date('2025-01-01T00:00:01.250Z')
const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e'

let temp: ReturnType<typeof makeTempLedgerDir>
let ledger: LedgerFile

beforeEach(() => {
  temp = makeTempLedgerDir()
  ledger = LedgerFile.open(temp.file, { now: () => FINISHED })
})

afterEach(() => {
  ledger.close()
  temp.cleanup()
})

function failureOf(fn: () => unknown): AppFailure {
  try {
    fn()
  } catch (error) {
    if (error instanceof AppFailure) return error
    throw error
  }
  throw new Error('expected an AppFailure')
}

const started: LaunchCompletion = {
  status: 'started',
  httpStatus: 200,
  durationMs: 1250,
  instance: makeInstance(UUID, ['2112691', '2112692'])
}

describe('Ledger begin and complete', () => {
  it('creates a new history file with small pages (fewer WAL bytes per launch)', () => {
    ledger.begin(makeLaunch())
    const db = new DatabaseSync(temp.file, { readOnly: true })
    try {
      expect(db.prepare('PRAGMA page_size').get()?.page_size).toBe(PAGE_SIZE)
      expect(db.prepare('PRAGMA auto_vacuum').get()?.auto_vacuum).toBe(2)
    } finally {
      db.close()
    }
  })

  it('records a launch as pending, then completes it', () => {
    const launch = makeLaunch({ id: 'launch-1' })
    const pending = ledger.begin(launch)
    const { id: _id, ...fields } = launch
    expect(pending).toEqual({ ...fields, id: 'launch-1', status: 'pending' })

    const done = ledger.complete('launch-1', started)
    expect(done).toEqual({
      ...pending,
      status: 'started',
      finishedAt: FINISHED.toISOString(),
      httpStatus: 200,
      durationMs: 1250,
      instance: started.instance
    })
    expect(ledger.get('launch-1')).toEqual(done)
    expect(ledger.findByInstanceUuid(UUID)).toEqual([done])
    expect(ledger.findByTokenId('2112692')).toEqual([done])
    expect(ledger.count()).toBe(1)
  })

  it('keeps workspace launches and failures with their error', () => {
    const launch = makeLaunch({ mode: 'workspace', workspaceId: 'wks-1', buildId: undefined })
    const { id } = ledger.begin(launch)
    const error = { code: 'VALIDATION' as const, message: 'Bad input', httpStatus: 400 }
    const done = ledger.complete(id, { status: 'failed', httpStatus: 400, durationMs: 80, error })
    expect(done).toMatchObject({ mode: 'workspace', workspaceId: 'wks-1', status: 'failed', error })
    expect(done.buildId).toBeUndefined()
    expect(done.instance).toBeUndefined()
  })

  it('gives a launch without an id a random one', () => {
    const a = ledger.begin(makeLaunch())
    const b = ledger.begin(makeLaunch())
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(b.id).not.toBe(a.id)
  })

  it('stores start times in UTC', () => {
    const record = ledger.begin(makeLaunch({ startedAt: '2025-03-01T12:00:00+02:00' }))
    expect(record.startedAt).toBe('2025-03-01T10:00:00.000Z')
  })

  it('refuses a duplicate id, a malformed id and a bad start time', () => {
    ledger.begin(makeLaunch({ id: 'same' }))
    expect(failureOf(() => ledger.begin(makeLaunch({ id: 'same' }))).error.code).toBe(
      'INVALID_INPUT'
    )
    expect(failureOf(() => ledger.begin(makeLaunch({ id: 'a/b' }))).error.code).toBe(
      'INVALID_INPUT'
    )
    expect(failureOf(() => ledger.begin(makeLaunch({ startedAt: 'yesterday' }))).error.code).toBe(
      'INVALID_INPUT'
    )
    expect(ledger.count()).toBe(1)
  })

  it('refuses to complete a launch it does not hold', () => {
    const failure = failureOf(() => ledger.complete('missing', started))
    expect(failure.error.code).toBe('RECORD_NOT_FOUND')
  })

  it('keeps the first completion when a launch is completed twice', () => {
    const { id } = ledger.begin(makeLaunch())
    const first = ledger.complete(id, started)
    const second = ledger.complete(id, {
      status: 'failed',
      durationMs: 5,
      instance: makeInstance('11111111-2222-4333-8444-555555555555', ['1'])
    })
    expect(second).toEqual(first)
    expect(ledger.findByTokenId('2112691')).toHaveLength(1)
    expect(ledger.findByTokenId('1')).toEqual([])
    expect(ledger.count()).toBe(1)
  })

  it('finds an instance uuid in any letter case', () => {
    const { id } = ledger.begin(makeLaunch())
    ledger.complete(id, started)
    expect(ledger.findByInstanceUuid(UUID.toUpperCase()).map((r) => r.id)).toEqual([id])
    expect(ledger.findByInstanceUuid('00000000-0000-4000-8000-000000000000')).toEqual([])
  })
})

describe('Ledger storage', () => {
  it('writes only the fields of the domain types (no headers or tokens slip in)', () => {
    const canary = 'Bearer CANARY-5b0e'
    const launch = { ...makeLaunch(), headers: { Authorization: canary } } as NewLaunch
    const { id } = ledger.begin(launch)
    const error = { code: 'UNAUTHORIZED', message: 'Expired', config: { auth: canary } }
    const instance = { ...makeInstance(UUID, ['7']), authorization: canary }
    const done = ledger.complete(id, {
      status: 'failed',
      durationMs: 3,
      error: error as LaunchCompletion['error'],
      instance
    })
    expect(done.error).toEqual({ code: 'UNAUTHORIZED', message: 'Expired' })
    expect(done.instance).toEqual(makeInstance(UUID, ['7']))
    ledger.close()
    // Every file the ledger left (the WAL is folded into the file when the last connection closes).
    const bytes = readdirSync(temp.dir)
      .map((name) => readFileSync(join(temp.dir, name)).toString('latin1'))
      .join('')
    expect(bytes).not.toContain('CANARY')
    expect(bytes).toContain('customerEmail')
  })

  it('cuts a very long error detail and says so', () => {
    const { id } = ledger.begin(makeLaunch())
    const detail = 'x'.repeat(5 * 1024 * 1024)
    const error = { code: 'SERVER' as const, message: 'Bad gateway', detail }
    const done = ledger.complete(id, { status: 'failed', durationMs: 1, error })
    expect(done.error?.detail).toHaveLength(MAX_DETAIL_CHARS + '\n… (truncated)'.length)
    expect(done.error?.detail?.endsWith('… (truncated)')).toBe(true)
  })

  it('reads a record whose JSON cells are corrupt, without those fields', () => {
    const { id } = ledger.begin(makeLaunch())
    ledger.complete(id, { ...started, error: { code: 'SERVER', message: 'x' } })
    // As the idle upkeep does: the uuid and token ids are indexed from the body.
    ledger.indexAll()
    const raw = new DatabaseSync(temp.file)
    raw
      .prepare("UPDATE launches SET instance_json = '{not json', error_json = '[1]' WHERE id = ?")
      .run(id)
    raw.close()

    const record = ledger.get(id)
    expect(record?.status).toBe('started')
    expect(record?.instance).toBeUndefined()
    expect(record?.error).toBeUndefined()
    const [summary] = ledger.search({}).items
    expect(summary).toMatchObject({ id, instanceUuid: UUID, tokenCount: 2 })
  })

  it('drops unreadable tokens one by one and reads an unknown error code as INTERNAL', () => {
    const { id } = ledger.begin(makeLaunch())
    ledger.complete(id, started)
    const raw = new DatabaseSync(temp.file)
    const instance = JSON.stringify({ uuid: UUID, tokens: [{ id: '9', state: 1 }, { state: 'X' }] })
    const error = JSON.stringify({ code: 'NEW_CODE', message: 'From a newer app' })
    raw
      .prepare('UPDATE launches SET instance_json = ?, error_json = ? WHERE id = ?')
      .run(instance, error, id)
    raw.close()
    expect(ledger.get(id)).toMatchObject({
      instance: { uuid: UUID, tokens: [{ id: '9', state: '', statusCurrentNode: '' }] },
      error: { code: 'INTERNAL', message: 'From a newer app' }
    })
  })

  it('counts launches, closes twice without error, and can reopen', () => {
    ledger.begin(makeLaunch())
    ledger.begin(makeLaunch())
    expect(ledger.count()).toBe(2)
    ledger.close()
    ledger.close()
    ledger = LedgerFile.open(temp.file)
    expect(ledger.count()).toBe(2)
  })

  it('runs a batch as one transaction', () => {
    expect(() =>
      ledger.batch(() => {
        ledger.begin(makeLaunch({ id: 'in-batch' }))
        throw new Error('abort')
      })
    ).toThrow('abort')
    expect(ledger.get('in-batch')).toBeUndefined()
    ledger.batch(() => {
      const { id } = ledger.begin(makeLaunch({ id: 'kept' }))
      ledger.complete(id, started)
    })
    expect(ledger.get('kept')?.status).toBe('started')
  })

  it('undoes only the inner batch when its error is caught inside an outer one', () => {
    ledger.batch(() => {
      ledger.begin(makeLaunch({ id: 'first' }))
      expect(() =>
        ledger.batch(() => {
          ledger.begin(makeLaunch({ id: 'undone' }))
          throw new Error('inner')
        })
      ).toThrow('inner')
      ledger.begin(makeLaunch({ id: 'second' }))
    })
    expect(ledger.get('undone')).toBeUndefined()
    expect(ledger.count()).toBe(2)
  })
})

describe('Ledger TLS mode and 401 resend', () => {
  it('keeps how the certificate was checked and whether the start was resent', () => {
    ledger.begin(makeLaunch({ id: 'insecure', tlsVerification: 'off' }))
    const done = ledger.complete('insecure', { ...started, retriedAfter401: true })
    expect(done).toMatchObject({ tlsVerification: 'off', retriedAfter401: true })
    ledger.begin(makeLaunch({ id: 'normal' }))
    ledger.complete('normal', started)
    expect(ledger.get('normal')).toMatchObject({ tlsVerification: 'on' })
    expect(ledger.get('normal')?.retriedAfter401).toBeUndefined()
    const rows = ledger.search({}).items
    expect(rows.find((r) => r.id === 'insecure')?.tlsVerification).toBe('off')
  })

  it('reads launches recorded before schema 2 as verified and never resent', () => {
    ledger.close()
    const file = join(temp.dir, 'v1.db')
    // A v1 file exactly as the first migration wrote it, with one launch in it.
    const v1 = new DatabaseSync(file)
    MIGRATIONS[0]?.(v1)
    v1.exec('PRAGMA user_version = 1')
    v1.prepare(
      `INSERT INTO launches (id, started_at, status, profile_id, profile_name, profile_color, mode,
       app_id, process_name, base_url, path, payload)
       VALUES ('old', '2025-01-01T00:00:00.000Z', 'started', 'p', 'P', 'blue', 'build', 'a', 'x',
       'https://h/rtm', '/p', '{}')`
    ).run()
    v1.close()
    ledger = LedgerFile.open(file)
    expect(ledger.get('old')).toMatchObject({ tlsVerification: 'on', status: 'started' })
    expect(ledger.get('old')?.retriedAfter401).toBeUndefined()
  })
})
