import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { DatabaseSync } from 'node:sqlite'
import { pathToFileURL } from 'node:url'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { AppFailure } from '../../shared/errors'
import { makeLaunch, makeTempLedgerDir } from './fixtures/launches'
import { LedgerFile, OUTCOME_UNKNOWN_ERROR, SCHEMA_VERSION, isProcessAlive } from './index'
import { MIGRATIONS, migrate, readSchemaVersion } from './schema'

const DEAD_PID = 2_147_483_000

let temp: ReturnType<typeof makeTempLedgerDir>

beforeEach(() => {
  temp = makeTempLedgerDir()
})

afterEach(() => {
  temp.cleanup()
})

function withRaw<T>(fn: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(temp.file)
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

function openFailure(file: string): AppFailure {
  try {
    LedgerFile.open(file).close()
  } catch (error) {
    if (error instanceof AppFailure) return error
    throw error
  }
  throw new Error('expected LedgerFile.open to fail')
}

describe('pending launches of a process that died', () => {
  it('read as unknown after reopening; pending launches of live processes stay pending', () => {
    const ledger = LedgerFile.open(temp.file)
    const orphan = ledger.begin(makeLaunch({ id: 'orphan' }))
    ledger.begin(makeLaunch({ id: 'live' }))
    ledger.complete(ledger.begin(makeLaunch({ id: 'done' })).id, {
      status: 'failed',
      durationMs: 1
    })
    withRaw((db) =>
      db.prepare('UPDATE launches SET owner_pid = ? WHERE id = ?').run(DEAD_PID, 'orphan')
    )
    ledger.close()

    const asked: number[] = []
    const reopened = LedgerFile.open(temp.file, {
      isProcessAlive: (pid) => {
        asked.push(pid)
        return pid !== DEAD_PID
      }
    })
    try {
      expect(asked.sort()).toEqual([process.pid, DEAD_PID].sort())
      expect(reopened.get('orphan')).toEqual({
        ...orphan,
        status: 'unknown',
        error: OUTCOME_UNKNOWN_ERROR
      })
      expect(reopened.get('live')?.status).toBe('pending')
      expect(reopened.get('done')?.status).toBe('failed')
      expect(reopened.search({ status: 'unknown' }).items.map((item) => item.id)).toEqual([
        'orphan'
      ])
      // A late answer does not overwrite the swept outcome.
      expect(reopened.complete('orphan', { status: 'started', durationMs: 9 }).status).toBe(
        'unknown'
      )
    } finally {
      reopened.close()
    }
  })

  it('survive a SIGKILL of the process that wrote them, exactly once', async () => {
    const fixture = resolve(import.meta.dirname, 'fixtures/hold-pending-launch.ts')
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
    const child = spawn(process.execPath, ['--import', tsx, fixture, temp.file], {
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = once(child, 'exit')
    const lines = createInterface({ input: child.stdout })
    let id: string
    try {
      id = await Promise.race([
        once(lines, 'line').then(([line]: string[]) => line),
        exited.then(([code]: unknown[]) => {
          throw new Error(`child exited (${String(code)}) before printing an id: ${stderr}`)
        })
      ])
    } catch (error) {
      child.kill('SIGKILL')
      throw error
    }
    expect(child.pid).toBeDefined()
    expect(isProcessAlive(child.pid ?? 0)).toBe(true)
    child.kill('SIGKILL')
    // 'exit' means the child has been reaped, so its pid no longer answers signal 0.
    const [, signal] = await exited
    expect(signal).toBe('SIGKILL')
    expect(isProcessAlive(child.pid ?? 0)).toBe(false)

    const ledger = LedgerFile.open(temp.file)
    try {
      expect(ledger.count()).toBe(1)
      const { items } = ledger.search({})
      expect(items.map((item) => [item.id, item.status])).toEqual([[id, 'unknown']])
      expect(ledger.get(id)).toMatchObject({
        processName: 'killed_mid_call',
        status: 'unknown',
        error: OUTCOME_UNKNOWN_ERROR
      })
    } finally {
      ledger.close()
    }
  })

  it('treats EPERM as alive and ESRCH or a bad pid as dead', () => {
    expect(isProcessAlive(process.pid)).toBe(true)
    expect(isProcessAlive(DEAD_PID)).toBe(false)
    expect(isProcessAlive(0)).toBe(false)
    expect(isProcessAlive(-1)).toBe(false)
    if (process.platform !== 'win32' && process.getuid?.() !== 0) {
      expect(isProcessAlive(1)).toBe(true)
    }
  })
})

describe('the database file', () => {
  it('is in WAL mode, owner-only, and at the current schema version', () => {
    const ledger = LedgerFile.open(temp.file)
    ledger.begin(makeLaunch())
    expect(existsSync(`${temp.file}-wal`)).toBe(true)
    withRaw((db) => {
      expect(db.prepare('PRAGMA journal_mode').get()?.journal_mode).toBe('wal')
      expect(readSchemaVersion(db)).toBe(SCHEMA_VERSION)
    })
    ledger.close()
    if (process.platform !== 'win32') expect(statSync(temp.file).mode & 0o777).toBe(0o600)
  })

  it('refuses a file written by a newer schema, with a clear message', () => {
    LedgerFile.open(temp.file).close()
    withRaw((db) => db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`))
    const failure = openFailure(temp.file)
    expect(failure.message).toContain('newer FlowX Launcher')
    expect(failure.error.hint).toContain('Update FlowX Launcher')
    withRaw((db) => expect(readSchemaVersion(db)).toBe(SCHEMA_VERSION + 1))
  })

  it('refuses a file that is not a database', () => {
    writeFileSync(
      temp.file,
      'this is not SQLite, just text long enough to fill a header.'.repeat(9)
    )
    expect(openFailure(temp.file).message).toContain('damaged')
  })

  it('runs later migrations in order, keeping data and a backup of the old file', () => {
    const ledger = LedgerFile.open(temp.file)
    ledger.begin(makeLaunch({ id: 'kept' }))
    ledger.close()
    const addColumn = (db: DatabaseSync): void =>
      db.exec("ALTER TABLE launches ADD COLUMN extra TEXT NOT NULL DEFAULT ''")
    const at = new Date('2025-06-01T08:00:00.000Z')
    withRaw((db) => migrate(db, temp.file, [...MIGRATIONS, addColumn], () => at))

    withRaw((db) => {
      expect(readSchemaVersion(db)).toBe(SCHEMA_VERSION + 1)
      expect(db.prepare('SELECT id, extra FROM launches').all()).toEqual([
        { id: 'kept', extra: '' }
      ])
    })
    const backups = readdirSync(temp.dir).filter((name) => name.endsWith('.bak'))
    expect(backups).toEqual([`history.db.v${SCHEMA_VERSION}-2025-06-01T08-00-00-000Z.bak`])
    if (process.platform !== 'win32') {
      expect(statSync(join(temp.dir, backups[0])).mode & 0o777).toBe(0o600)
    }
    const backup = new DatabaseSync(join(temp.dir, backups[0]), { readOnly: true })
    expect(readSchemaVersion(backup)).toBe(SCHEMA_VERSION)
    expect(backup.prepare('SELECT id FROM launches').all()).toEqual([{ id: 'kept' }])
    backup.close()
  })

  it('rolls back a migration that fails, leaving the version unchanged', () => {
    LedgerFile.open(temp.file).close()
    const broken = (db: DatabaseSync): void => {
      db.exec('CREATE TABLE half_done (x)')
      throw new Error('migration failed')
    }
    withRaw((db) => {
      expect(() => migrate(db, temp.file, [...MIGRATIONS, broken])).toThrow('migration failed')
      expect(readSchemaVersion(db)).toBe(SCHEMA_VERSION)
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBe(
        undefined
      )
    })
  })
})
