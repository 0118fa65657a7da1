/** The SQLite connection under the ledger: file creation, pragmas, cached statements, transactions. */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DatabaseSync, type StatementSync } from 'node:sqlite'

import { AppFailure } from '../../shared/errors'

/** How long a writer waits for another process (the app and the CLI share the file). */
export const BUSY_TIMEOUT_MS = 5000

/** Page cache of the writing connection and of the reading one, in KiB (see openDatabase). */
export const WRITER_CACHE_KIB = 2048
export const READER_CACHE_KIB = 16384

/** Bytes the WAL file keeps on disk after a checkpoint (see openDatabase). */
export const WAL_SIZE_LIMIT = 64 * 1024 * 1024

/** Page size of a new history file (see openDatabase). */
export const PAGE_SIZE = 2048

/** SQLite primary result codes we turn into something the user can act on. */
const SQLITE_BUSY = 5
const SQLITE_READONLY = 8
const SQLITE_CORRUPT = 11
const SQLITE_FULL = 13
const SQLITE_CANTOPEN = 14
const SQLITE_NOTADB = 26
const DAMAGED_MESSAGE = 'The launch history file is damaged'

/**
 * Open (creating if needed) the database file with the ledger's connection settings.
 * The schema is not touched here: see schema.ts.
 */
export function openDatabase(file: string, options: { readOnly?: boolean } = {}): DatabaseSync {
  if (options.readOnly) return openReadOnly(file)
  const created = !existsSync(file)
  if (created) createPrivateFile(file)
  const db = new DatabaseSync(file, {
    timeout: BUSY_TIMEOUT_MS,
    enableForeignKeyConstraints: true,
    defensive: true
  })
  try {
    // Only an empty file can change it: lets retention give space back (incremental vacuum).
    if (created) {
      // 2 KiB pages (default 4 KiB): a launch dirties a leaf page of each index it is in, and a
      // WAL frame is a whole page, so smaller pages write fewer bytes per launch (4 KiB: 45 KiB
      // in the benchmark, 2 KiB: 30, 1 KiB: 25). 1 KiB pages held one or two launches each and
      // split far more often: a commit wrote more pages, which cost the ledger's thread about a
      // tenth more CPU per launch at the app's group sizes. Only a new file takes it.
      db.exec(`PRAGMA page_size = ${PAGE_SIZE}`)
      db.exec('PRAGMA auto_vacuum = INCREMENTAL')
    }
    // Any read fails here on a file that is not SQLite, so this also checks the header.
    db.exec('PRAGMA journal_mode = WAL')
    // No automatic checkpoint on the launch path: its copy and fsync stalled a launch every ~40.
    // The ledger checkpoints when idle (PASSIVE) and when it closes (TRUNCATE): see index.ts.
    db.exec('PRAGMA wal_autocheckpoint = 0')
    // A long run grows the WAL between checkpoints (host.ts); once copied back, the file is cut
    // down to this size instead of keeping its longest length on disk. Room for the WAL of a
    // checkpoint interval, so the next one overwrites blocks the file already has: growing it
    // again from 4 MiB each time (the file system allocating every block) cost the ledger's thread
    // about a tenth of its CPU per launch. Closing the ledger cuts the WAL to nothing.
    db.exec(`PRAGMA journal_size_limit = ${WAL_SIZE_LIMIT}`)
    // NORMAL in WAL mode: a commit survives a crash or SIGKILL of the app (the WAL is written before
    // COMMIT returns); only a power cut or OS crash can lose the last commits, and never corrupts
    // the file. FULL would add an fsync to each of the two writes of every launch on the main
    // process for that one case.
    db.exec('PRAGMA synchronous = NORMAL')
    db.exec('PRAGMA temp_store = MEMORY')
    // A small page cache on the writing connection: SQLite walks the whole cache at the end of
    // a transaction that split an index page in the middle of its index (the payload index, a
    // profile's range), which took a fifth of the ledger's CPU per launch with 16 MiB. Reads
    // go through openReader's connection and its large cache.
    db.exec(`PRAGMA cache_size = -${WRITER_CACHE_KIB}`)
  } catch (error) {
    db.close()
    throw describeOpenError(file, error)
  }
  return db
}

/**
 * A second connection to the same (already open) file for reads: searches, lookups, pages.
 * 16 MiB of page cache (default 2 MiB): the indexes of a 100k history stay in memory. It never
 * writes (query_only), and sees every commit of the writing connection.
 */
export function openReader(file: string): DatabaseSync {
  const db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS, defensive: true })
  try {
    db.exec('PRAGMA query_only = 1')
    db.exec('PRAGMA temp_store = MEMORY')
    db.exec(`PRAGMA cache_size = -${READER_CACHE_KIB}`)
  } catch (error) {
    db.close()
    throw describeOpenError(file, error)
  }
  return db
}

/**
 * Open for reading only (read-only data directory or mount, or a read-only command). When even the
 * WAL's shared-memory file cannot be made, the file is read as immutable: a snapshot of what is
 * in the main file.
 */
function openReadOnly(file: string): DatabaseSync {
  if (!existsSync(file)) {
    throw new AppFailure('RECORD_NOT_FOUND', `There is no launch history yet: ${file}`)
  }
  const attempts = [file, `${pathToFileURL(file).href}?immutable=1`]
  let failure: unknown
  for (const target of attempts) {
    const db = new DatabaseSync(target, { readOnly: true, timeout: BUSY_TIMEOUT_MS })
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get()
      db.exec(`PRAGMA cache_size = -${READER_CACHE_KIB}`)
      return db
    } catch (error) {
      failure = error
      db.close()
    }
  }
  throw describeOpenError(file, failure)
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
    return new AppFailure('INTERNAL', `${DAMAGED_MESSAGE}: ${file}`, {
      hint: 'Move the file aside (keep it for support) and restart: a new, empty history is created.'
    })
  }
  // Left as is for openLedgerFile, which opens such a file read-only instead.
  if (isReadOnlyFailure(error)) return error
  return mapBusy(error)
}

/**
 * Map SQLite failures a user can act on: SQLITE_BUSY (another process held the write lock past the
 * timeout), a full disk, a read-only file. Nothing already recorded is affected by any of them.
 */
export function mapBusy(error: unknown): unknown {
  const code = sqliteCode(error)
  if (code === SQLITE_BUSY) {
    return new AppFailure('BUSY', 'The launch history is busy in another FlowX Launcher process.', {
      hint: 'Try again in a moment.'
    })
  }
  if (code === SQLITE_FULL || isNoSpace(error)) {
    return new AppFailure(
      'INTERNAL',
      'The disk holding the launch history is full: this launch was not recorded, so nothing was sent.',
      { hint: 'Free some disk space and try again. Every launch recorded so far is kept.' }
    )
  }
  if (code === SQLITE_READONLY) {
    return new AppFailure(
      'INTERNAL',
      'The launch history cannot be written (read-only file, directory or disk), so nothing was sent.',
      { hint: 'Check the permissions of the data directory, or use a writable one (--data-dir).' }
    )
  }
  return error
}

/** A damaged file: not a database, or a corrupt one. */
export function isDamaged(error: unknown): boolean {
  const code = sqliteCode(error)
  if (code === SQLITE_NOTADB || code === SQLITE_CORRUPT) return true
  return error instanceof AppFailure && error.error.message.startsWith(DAMAGED_MESSAGE)
}

/** A file or directory that can be read but not written. */
export function isReadOnlyFailure(error: unknown): boolean {
  const code = sqliteCode(error)
  if (code === SQLITE_READONLY || code === SQLITE_CANTOPEN) return true
  const errno = typeof error === 'object' && error !== null && 'code' in error ? error.code : ''
  return errno === 'EACCES' || errno === 'EROFS' || errno === 'EPERM'
}

function isNoSpace(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOSPC'
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
