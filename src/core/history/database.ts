/** The SQLite connection under the ledger: file creation, pragmas, cached statements, transactions. */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync, type StatementSync } from 'node:sqlite'

import { AppFailure } from '../../shared/errors'

/** How long a writer waits for another process (the app and the CLI share the file). */
export const BUSY_TIMEOUT_MS = 5000

/** SQLite primary result codes we turn into something the user can act on. */
const SQLITE_BUSY = 5
const SQLITE_CORRUPT = 11
const SQLITE_NOTADB = 26

/**
 * Open (creating if needed) the database file with the ledger's connection settings.
 * The schema is not touched here: see schema.ts.
 */
export function openDatabase(file: string): DatabaseSync {
  if (!existsSync(file)) createPrivateFile(file)
  const db = new DatabaseSync(file, {
    timeout: BUSY_TIMEOUT_MS,
    enableForeignKeyConstraints: true,
    defensive: true
  })
  try {
    // Any read fails here on a file that is not SQLite, so this also checks the header.
    db.exec('PRAGMA journal_mode = WAL')
    // NORMAL in WAL mode: a commit survives a crash or SIGKILL of the app (the WAL is written before
    // COMMIT returns); only a power cut or OS crash can lose the last commits, and never corrupts
    // the file. FULL would add an fsync to each of the two writes of every launch on the main
    // process for that one case.
    db.exec('PRAGMA synchronous = NORMAL')
    db.exec('PRAGMA temp_store = MEMORY')
    // 16 MiB of page cache (default 2 MiB): the indexes of a 100k history stay in memory, which
    // cut the cost of an append by a quarter in the benchmark.
    db.exec('PRAGMA cache_size = -16384')
  } catch (error) {
    db.close()
    throw describeOpenError(file, error)
  }
  return db
}

/**
 * Create an empty file only its owner can read. Payloads are business data; SQLite gives -wal and
 * -shm the mode of the main file. (The mode is ignored on Windows, where the profile is private.)
 */
export function createPrivateFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true })
  closeSync(openSync(file, 'a', 0o600))
}

/** Turn a failure while opening into a message that names the file and what to do. */
export function describeOpenError(file: string, error: unknown): unknown {
  const code = sqliteCode(error)
  if (code === SQLITE_NOTADB || code === SQLITE_CORRUPT) {
    return new AppFailure('INTERNAL', `The launch history file is damaged: ${file}`, {
      hint: 'Move the file aside (keep it for support) and restart: a new, empty history is created.'
    })
  }
  return mapBusy(error)
}

/** Map SQLITE_BUSY (another process held the write lock past the timeout) to a BUSY failure. */
export function mapBusy(error: unknown): unknown {
  if (sqliteCode(error) !== SQLITE_BUSY) return error
  return new AppFailure('BUSY', 'The launch history is busy in another FlowX Launcher process.', {
    hint: 'Try again in a moment.'
  })
}

/** The extended SQLite result code of a node:sqlite error, if it is one. */
export function sqliteErrorCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('errcode' in error)) return undefined
  return typeof error.errcode === 'number' ? error.errcode : undefined
}

function sqliteCode(error: unknown): number | undefined {
  // Extended codes carry the primary code in the low byte.
  const code = sqliteErrorCode(error)
  return code === undefined ? undefined : code & 0xff
}

/** Prepared statements keyed by their SQL, prepared once per connection. */
export class StatementCache {
  private readonly statements = new Map<string, StatementSync>()

  constructor(private readonly db: DatabaseSync) {}

  /** The prepared statement for `sql`, preparing it on first use. */
  get(sql: string): StatementSync {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  /** Forget every statement (before the connection closes). */
  clear(): void {
    this.statements.clear()
  }
}

/**
 * Run `fn` in one write transaction. BEGIN IMMEDIATE takes the write lock up front, so the busy
 * timeout applies; a deferred transaction that reads first could fail at once with SQLITE_BUSY.
 * Inside another transaction it runs in a savepoint, so a failure undoes only its own writes.
 */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  const nested = db.isTransaction
  db.exec(nested ? 'SAVEPOINT ledger_write' : 'BEGIN IMMEDIATE')
  try {
    const result = fn()
    db.exec(nested ? 'RELEASE ledger_write' : 'COMMIT')
    return result
  } catch (error) {
    if (nested) db.exec('ROLLBACK TO ledger_write; RELEASE ledger_write')
    else if (db.isTransaction) db.exec('ROLLBACK')
    throw error
  }
}
