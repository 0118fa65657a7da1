/**
 * The two writes every launch makes on the ledger's writing connection: its pending row before the
 * HTTP call (insert) and its outcome after it (complete). Both run inside a transaction that
 * LedgerFile opens; the records they return are built in memory rather than read back.
 */
import type { LaunchCompletion, LaunchRecord, LaunchStatus, NewLaunch } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { sqliteErrorCode, type StatementCache } from './database'
import { payloadKey } from './duplicates'
import { InFlight } from './in-flight'
import { normalizeTimestamp } from './query'
import type { LedgerReads } from './reads'
import type { RecentPayloads } from './recent-payloads'
import {
  INSERT_LAUNCH,
  completedRecord,
  insertParams,
  pendingRecord,
  timeOrderedId
} from './new-rows'
import { sanitizeError, sanitizeInstance } from './sanitize'

/** Same rule as LocalId in shared/schemas.ts, so every record can be fetched with history:get. */
const LAUNCH_ID = /^[A-Za-z0-9_-]{1,64}$/
const COMPLETED: readonly LaunchStatus[] = ['started', 'failed', 'unknown']
const SQLITE_CONSTRAINT_UNIQUE = 2067

const COMPLETE = `UPDATE launches SET status = ?, finished_at = ?, http_status = ?,
  duration_ms = ?, instance_json = ?, instance_state = ?, token_count = ?,
  error_json = ?, retried_after_401 = ? WHERE id = ? AND status = 'pending'
  RETURNING seq`
const QUEUE_DERIVE = 'INSERT OR IGNORE INTO derive_queue (seq) VALUES (?)'

export interface LaunchWritesDeps {
  /** Statements of the writing connection. */
  statements: StatementCache
  /** Recent launches by payload (the duplicate check), told of every insert. */
  recent: RecentPayloads
  /** Reads, for a launch this connection did not begin or that had already completed. */
  reading: LedgerReads
  now: () => Date
}

export class LaunchWrites {
  /** Records of launches begun by this connection, until they complete (see complete). */
  private readonly inFlight = new InFlight()

  constructor(private readonly deps: LaunchWritesDeps) {}

  /** Write the pending row of `launch`; `key` is its payload key when the caller has it. */
  insert(launch: NewLaunch, key = payloadKey(launch.payload)): LaunchRecord {
    const id = launch.id ?? timeOrderedId()
    if (!LAUNCH_ID.test(id)) {
      throw new AppFailure('INVALID_INPUT', 'A launch id is 1-64 letters, digits, - or _.')
    }
    const startedAt = normalizeTimestamp(launch.startedAt, 'The launch start time')
    const record = pendingRecord(launch, id, startedAt)
    const { statements, recent } = this.deps
    let seq: number
    recent.beforeInsert()
    try {
      const result = statements.get(INSERT_LAUNCH).run(...insertParams(record, process.pid), key)
      seq = Number(result.lastInsertRowid)
    } catch (error) {
      if (sqliteErrorCode(error) === SQLITE_CONSTRAINT_UNIQUE) {
        throw new AppFailure('INVALID_INPUT', `Launch ${id} is already in the history.`)
      }
      throw error
    }
    recent.inserted(seq, id, key, startedAt)
    this.inFlight.add(id, seq, record)
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
    const done = {
      status: completion.status,
      finishedAt: this.deps.now().toISOString(),
      httpStatus: integerOrNull(completion.httpStatus),
      durationMs: Number.isFinite(completion.durationMs) ? completion.durationMs : null,
      instance,
      error,
      retriedAfter401: completion.retriedAfter401 === true
    }
    const { statements, reading } = this.deps
    const row = statements
      .get(COMPLETE)
      .get(
        done.status,
        done.finishedAt,
        done.httpStatus,
        done.durationMs,
        instance ? JSON.stringify(instance) : null,
        instance?.state ?? null,
        instance?.tokens.length ?? 0,
        error ? JSON.stringify(error) : null,
        done.retriedAfter401 ? 1 : 0,
        id
      )
    const begun = this.inFlight.take(id)
    // Already complete (or swept to unknown): the stored record, unchanged.
    if (!row) return reading.mustGetAny(id)
    // Its uuid and token ids are indexed in bulk later (fts-index.ts); reads scan what still waits.
    if (instance) statements.get(QUEUE_DERIVE).run(row.seq)
    // Begun here: the row holds that record plus this completion, nothing else changes a
    // pending row. Otherwise (another process began it) it is read back.
    if (begun?.seq === row.seq) return completedRecord(begun.record, done)
    return reading.mustGetAny(id)
  }
}

function integerOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isInteger(value) ? value : null
}
