/** The launch history ledger: one SQLite file, one row per launch, written before the HTTP call. */
import { randomUUID } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'

import type {
  HistoryPage,
  HistoryQuery,
  LaunchCompletion,
  LaunchRecord,
  LaunchStatus,
  NewLaunch
} from '../../shared/domain'
import { AppFailure, type AppError } from '../../shared/errors'
import {
  StatementCache,
  describeOpenError,
  mapBusy,
  openDatabase,
  sqliteErrorCode,
  transaction
} from './database'
import { isProcessAlive } from './process-alive'
import {
  BROAD_MATCHES,
  COUNT_MATCHES,
  MAX_PAGE_SIZE,
  buildSearch,
  clampLimit,
  encodeCursor,
  normalizeTimestamp
} from './query'
import {
  RECORD_COLUMNS,
  insertParams,
  pendingRecord,
  sanitizeError,
  sanitizeInstance,
  toRecord,
  toSummary
} from './rows'
import { migrate } from './schema'

/** Options for Ledger.open; both exist so tests can control time and process liveness. */
export interface LedgerOptions {
  now?: () => Date
  isProcessAlive?: (pid: number) => boolean
}

/** Options for process-name suggestions. */
export interface ProcessNameOptions {
  profileId?: string
  prefix?: string
  limit?: number
}

/** What a launch left pending by a process that has since died reads as. */
export const OUTCOME_UNKNOWN_ERROR: AppError = {
  code: 'NETWORK',
  message: 'Outcome unknown — the launcher stopped before FlowX answered.',
  hint: 'Check FlowX (Designer → Process instances) before launching again.'
}

/** Same rule as LocalId in shared/schemas.ts, so every record can be fetched with history:get. */
const LAUNCH_ID = /^[A-Za-z0-9_-]{1,64}$/
const COMPLETED: readonly LaunchStatus[] = ['started', 'failed', 'unknown']
const SQLITE_CONSTRAINT_UNIQUE = 2067
const DEFAULT_SUGGESTIONS = 20

const INSERT = `INSERT INTO launches (id, started_at, status, profile_id, profile_name,
  profile_color, mode, workspace_id, app_id, build_id, process_name, base_url, path, owner_pid,
  payload, tls_verification) VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
const COMPLETE = `UPDATE launches SET status = ?, finished_at = ?, http_status = ?,
  duration_ms = ?, instance_json = ?, instance_uuid = ?, instance_state = ?, token_count = ?,
  error_json = ?, retried_after_401 = ? WHERE id = ? AND status = 'pending'
  RETURNING ${RECORD_COLUMNS}`
const INSERT_TOKEN = 'INSERT OR IGNORE INTO launch_tokens (launch_id, token_id) VALUES (?, ?)'
const GET = `SELECT ${RECORD_COLUMNS} FROM launches WHERE id = ?`
const BY_INSTANCE = `SELECT ${RECORD_COLUMNS} FROM launches WHERE instance_uuid = ?
  ORDER BY started_at DESC, id DESC LIMIT ${MAX_PAGE_SIZE}`
const BY_TOKEN = `SELECT ${RECORD_COLUMNS} FROM launches WHERE id IN
  (SELECT launch_id FROM launch_tokens WHERE token_id = ?)
  ORDER BY started_at DESC, id DESC LIMIT ${MAX_PAGE_SIZE}`
const PENDING_OWNERS = "SELECT DISTINCT owner_pid FROM launches WHERE status = 'pending'"
const SWEEP = `UPDATE launches SET status = 'unknown', error_json = ?
  WHERE status = 'pending' AND owner_pid IS ?`
const COUNT = 'SELECT count(*) AS n FROM launches'

/** The launch history. Synchronous: every call is a few indexed SQLite operations. */
export class Ledger {
  private readonly statements: StatementCache

  private constructor(
    private readonly db: DatabaseSync,
    private readonly now: () => Date
  ) {
    this.statements = new StatementCache(db)
  }

  /**
   * Open (or create) the ledger at `file`, upgrade its schema, and mark launches left pending by
   * processes that are no longer running as 'unknown'.
   */
  static open(file: string, options: LedgerOptions = {}): Ledger {
    const db = openDatabase(file)
    try {
      const now = options.now ?? (() => new Date())
      // No ANALYZE or PRAGMA optimize, here or on close: statistics taken while the full-text
      // index is small make FTS5's own statements scan its data table, and every insert then
      // costs time in proportion to the history (measured: 0.1 ms to 1 ms per launch by 30k).
      // The planner's defaults pick the right index for every query this file makes.
      migrate(db, file, undefined, now)
      const ledger = new Ledger(db, now)
      ledger.sweep(options.isProcessAlive ?? isProcessAlive)
      return ledger
    } catch (error) {
      db.close()
      throw describeOpenError(file, error)
    }
  }

  /** Record a launch as pending, before its HTTP call. */
  begin(launch: NewLaunch): LaunchRecord {
    const id = launch.id ?? randomUUID()
    if (!LAUNCH_ID.test(id)) {
      throw new AppFailure('INVALID_INPUT', 'A launch id is 1-64 letters, digits, - or _.')
    }
    const startedAt = normalizeTimestamp(launch.startedAt, 'The launch start time')
    const record = pendingRecord(launch, id, startedAt)
    try {
      this.statements.get(INSERT).run(...insertParams(record, process.pid))
    } catch (error) {
      if (sqliteErrorCode(error) === SQLITE_CONSTRAINT_UNIQUE) {
        throw new AppFailure('INVALID_INPUT', `Launch ${id} is already in the history.`)
      }
      throw mapBusy(error)
    }
    return record
  }

  /**
   * Record the outcome of a pending launch. A launch completes once: later calls (a retry, or a
   * launch already swept to 'unknown') change nothing and return the stored record.
   */
  complete(id: string, completion: LaunchCompletion): LaunchRecord {
    if (!COMPLETED.includes(completion.status)) {
      throw new AppFailure('INVALID_INPUT', 'A launch completes as started, failed or unknown.')
    }
    const instance = sanitizeInstance(completion.instance)
    const error = sanitizeError(completion.error)
    const tokenIds = new Set(instance?.tokens.map((token) => token.id).filter(Boolean) ?? [])
    return this.write(() => {
      const row = this.statements
        .get(COMPLETE)
        .get(
          completion.status,
          this.now().toISOString(),
          integerOrNull(completion.httpStatus),
          Number.isFinite(completion.durationMs) ? completion.durationMs : null,
          instance ? JSON.stringify(instance) : null,
          instance?.uuid ?? null,
          instance?.state ?? null,
          instance?.tokens.length ?? 0,
          error ? JSON.stringify(error) : null,
          completion.retriedAfter401 === true ? 1 : 0,
          id
        )
      if (!row) return this.mustGet(id)
      const insertToken = this.statements.get(INSERT_TOKEN)
      for (const tokenId of tokenIds) insertToken.run(id, tokenId)
      return toRecord(row)
    })
  }

  /** The whole record of one launch, payload and instance included. */
  get(id: string): LaunchRecord | undefined {
    const row = this.statements.get(GET).get(id)
    return row ? toRecord(row) : undefined
  }

  /** One page of launch summaries, newest first; pass `nextCursor` back for the next page. */
  search(query: HistoryQuery): HistoryPage {
    const { sql, params, limit } = buildSearch(query, (fts) => this.isBroad(fts))
    const rows = this.statements.get(sql).all(...params)
    const items = rows.slice(0, limit).map(toSummary)
    const last = items.at(-1)
    if (rows.length <= limit || !last) return { items }
    return { items, nextCursor: encodeCursor({ startedAt: last.startedAt, id: last.id }) }
  }

  /** Launches whose FlowX instance has this uuid (any letter case), newest first. */
  findByInstanceUuid(uuid: string): LaunchRecord[] {
    return this.statements.get(BY_INSTANCE).all(uuid).map(toRecord)
  }

  /** Launches whose instance had a token with this id, newest first. */
  findByTokenId(tokenId: string): LaunchRecord[] {
    return this.statements.get(BY_TOKEN).all(tokenId).map(toRecord)
  }

  /** Process names used before, most recently used first, optionally for one profile or prefix. */
  processNames(options: ProcessNameOptions = {}): string[] {
    const where: string[] = []
    const params: (string | number)[] = []
    if (options.profileId !== undefined) {
      where.push('profile_id = ?')
      params.push(options.profileId)
    }
    const prefix = options.prefix?.trim() ?? ''
    if (prefix !== '') {
      where.push("process_name LIKE ? ESCAPE '\\'")
      params.push(`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    }
    params.push(clampLimit(options.limit, DEFAULT_SUGGESTIONS))
    const sql = [
      'SELECT process_name, max(last_started_at) AS last FROM process_names',
      where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
      'GROUP BY process_name ORDER BY last DESC, process_name LIMIT ?'
    ].join(' ')
    return this.statements
      .get(sql)
      .all(...params)
      .flatMap((row) => (typeof row.process_name === 'string' ? [row.process_name] : []))
  }

  /** How many launches the ledger holds. */
  count(): number {
    const n = this.statements.get(COUNT).get()?.n
    return typeof n === 'number' ? n : 0
  }

  /** Run several ledger writes as one transaction (imports, retention, the benchmark's build). */
  batch<T>(fn: () => T): T {
    return this.write(fn)
  }

  /** Close the file. Safe to call twice. */
  close(): void {
    if (!this.db.isOpen) return
    this.statements.clear()
    this.db.close()
  }

  private sweep(isAlive: (pid: number) => boolean): void {
    const owners = this.statements.get(PENDING_OWNERS).all()
    const dead = owners
      .map((row) => row.owner_pid)
      .filter((pid) => typeof pid !== 'number' || !isAlive(pid))
    if (dead.length === 0) return
    const errorJson = JSON.stringify(OUTCOME_UNKNOWN_ERROR)
    this.write(() => {
      for (const pid of dead) {
        this.statements.get(SWEEP).run(errorJson, typeof pid === 'number' ? pid : null)
      }
    })
  }

  private isBroad(fts: string): boolean {
    const n = this.statements.get(COUNT_MATCHES).get(fts, BROAD_MATCHES + 1)?.n
    return typeof n === 'number' && n > BROAD_MATCHES
  }

  private write<T>(fn: () => T): T {
    try {
      return transaction(this.db, fn)
    } catch (error) {
      throw mapBusy(error)
    }
  }

  private mustGet(id: string): LaunchRecord {
    const record = this.get(id)
    if (!record) throw new AppFailure('RECORD_NOT_FOUND', `Launch ${id} is not in the history.`)
    return record
  }
}

function integerOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isInteger(value) ? value : null
}
