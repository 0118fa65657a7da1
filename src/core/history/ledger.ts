/**
 * The launch history ledger on one SQLite connection: one row per launch, written before the HTTP
 * call. Synchronous; the app reaches it through the async `Ledger` (client.ts), in a worker.
 * This file opens the file and runs every write in its transaction; each launch's pending row and
 * outcome are written by launch-writes.ts, the reads are in reads.ts, upkeep and deletions in
 * upkeep.ts.
 */
import { DatabaseSync } from 'node:sqlite'

import type {
  BatchRecord,
  BatchUpdate,
  HistoryPage,
  HistoryQuery,
  LaunchCompletion,
  LaunchRecord,
  NewBatch,
  NewLaunch
} from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { createBatch, updateBatch } from './batches'
import {
  StatementCache,
  describeOpenError,
  mapBusy,
  openDatabase,
  openReader,
  transaction
} from './database'
import { findDuplicate, payloadKey } from './duplicates'
import { indexBacklog } from './fts-index'
import { LaunchWrites } from './launch-writes'
import { isProcessAlive } from './process-alive'
import { normalizeTimestamp } from './query'
import type { PruneRule } from './retention'
import { RecentPayloads } from './recent-payloads'
import { LedgerReads, type ProcessNameOptions } from './reads'
import { migrate, readSchemaVersion } from './schema'
import { sweepDeadPending } from './sweep'
import { LedgerUpkeep, type PruneResult } from './upkeep'

export { OUTCOME_UNKNOWN_ERROR } from './sweep'
export type { ProcessNameOptions } from './reads'
export type { PruneResult } from './upkeep'

/** Options for LedgerFile.open; `now` and `isProcessAlive` exist so tests control them. */
export interface LedgerOptions {
  now?: () => Date
  isProcessAlive?: (pid: number) => boolean
  /** Open for reading only: read-only commands, a read-only data directory or mount. */
  readOnly?: boolean
}

/** A begin that refuses a duplicate: the record written, or the earlier launch it repeats. */
export type GuardedBegin = { record: LaunchRecord } | { duplicateOf: LaunchRecord }

/** The ledger file. Every call is a few indexed SQLite operations. */
export class LedgerFile {
  private readonly statements: StatementCache

  /** Statements of the reading connection (the writing one's inside a write transaction). */
  private readonly readStatements: StatementCache

  /** Recent launches by payload, for the duplicate check. */
  private readonly recent: RecentPayloads

  /** The read queries (reads.ts), on the connection a read should use. */
  private readonly reading: LedgerReads

  /** Index catch-up, checkpoints, deletes and retention (upkeep.ts). */
  private readonly upkeep: LedgerUpkeep

  /** Each launch's pending row and its outcome (launch-writes.ts). */
  private readonly launches: LaunchWrites

  /** Inside group(): writes run straight in its transaction, without a savepoint. */
  private bare = false

  /** Launches waited to be indexed after the last chunk (or when the file opened). */
  private behind = false

  private constructor(
    private readonly db: DatabaseSync,
    private readonly now: () => Date,
    readonly readOnly: boolean,
    /** The connection reads use outside write transactions (database.ts openReader). */
    private readonly reader: DatabaseSync = db
  ) {
    this.statements = new StatementCache(db)
    this.readStatements = reader === db ? this.statements : new StatementCache(reader)
    this.recent = new RecentPayloads(this.statements)
    this.reading = new LedgerReads({
      statements: () => this.reads(),
      db: () => this.readDb(),
      // One chunk, as idle upkeep would: a long backlog (a history upgraded from an older schema)
      // never holds a read for seconds; the reads scan what is still waiting. An export, which
      // reads page after page, indexes everything first.
      catchUp: (all) => {
        if (this.readOnly) return
        if (all) this.indexAll()
        else this.indexPending()
      }
    })
    this.launches = new LaunchWrites({
      statements: this.statements,
      recent: this.recent,
      reading: this.reading,
      now
    })
    this.upkeep = new LedgerUpkeep({
      db,
      readOnly,
      now,
      write: (fn) => this.write(fn),
      readDb: () => this.readDb(),
      reading: this.reading
    })
  }

  /**
   * Open (or create) the ledger at `file`, upgrade its schema, and mark launches left pending by
   * processes that are no longer running as 'unknown'.
   */
  static open(file: string, options: LedgerOptions = {}): LedgerFile {
    const readOnly = options.readOnly === true
    const db = openDatabase(file, { readOnly })
    let reader: DatabaseSync | undefined
    try {
      const now = options.now ?? (() => new Date())
      // No ANALYZE or PRAGMA optimize: statistics taken while the history is small mislead the
      // planner later; its defaults pick the right index for every query this file makes.
      if (!readOnly) migrate(db, file, undefined, now)
      reader = readOnly ? db : openReader(file)
      const ledger = new LedgerFile(db, now, readOnly, reader)
      if (!readOnly) {
        sweepDeadPending(
          ledger.statements,
          (fn) => ledger.write(fn),
          options.isProcessAlive ?? isProcessAlive
        )
        ledger.behind = indexBacklog(db)
      }
      return ledger
    } catch (error) {
      if (reader && reader !== db) reader.close()
      db.close()
      throw describeOpenError(file, error)
    }
  }

  /** An empty, read-only history (a read-only command before any launch was recorded). */
  static empty(): LedgerFile {
    const db = new DatabaseSync(':memory:')
    migrate(db, ':memory:')
    return new LedgerFile(db, () => new Date(), true)
  }

  /**
   * Launches wait to be indexed beyond what the last chunk took (or did when the file opened):
   * the host keeps indexing them in quiet moments.
   */
  get indexBehind(): boolean {
    return this.behind
  }

  /** The schema version of the file (older than SCHEMA_VERSION only when opened read-only). */
  get schemaVersion(): number {
    return readSchemaVersion(this.db)
  }

  /** Record a launch as pending, before its HTTP call. */
  begin(launch: NewLaunch): LaunchRecord {
    return this.write(() => this.launches.insert(launch))
  }

  /** Record several launches as pending in one transaction (a batch run's next requests). */
  beginMany(launches: NewLaunch[]): LaunchRecord[] {
    return this.write(() => launches.map((launch) => this.launches.insert(launch)))
  }

  /**
   * Record a launch as pending unless the same launch (profile, target, payload once canonical)
   * started, may have started or is on its way since `since`. Check and insert are one
   * transaction holding the write lock, so two identical starts can never both pass.
   */
  beginUnlessDuplicate(launch: NewLaunch, since: string): GuardedBegin {
    const from = normalizeTimestamp(since, 'The duplicate window')
    const key = payloadKey(launch.payload)
    return this.write(() => {
      const earlier = findDuplicate(this.statements, this.recent, launch, from, key)
      return earlier ? { duplicateOf: earlier } : { record: this.launches.insert(launch, key) }
    })
  }

  /**
   * Record the outcome of a pending launch. A launch completes once: later calls (a retry, or a
   * launch already swept to 'unknown') change nothing and return the stored record.
   */
  complete(id: string, completion: LaunchCompletion): LaunchRecord {
    return this.write(() => this.launches.complete(id, completion))
  }

  /** Record several outcomes in one transaction. */
  completeMany(items: Array<{ id: string; completion: LaunchCompletion }>): LaunchRecord[] {
    return this.write(() =>
      items.map(({ id, completion }) => this.launches.complete(id, completion))
    )
  }

  /** The whole record of one launch, payload and instance included. */
  get(id: string): LaunchRecord | undefined {
    return this.reading.get(id)
  }

  /** One page of launch summaries, newest first; pass `nextCursor` back for the next page. */
  search(query: HistoryQuery): HistoryPage {
    return this.reading.search(query)
  }

  /** Whole records matching `query` (no paging limit), newest first: for exports. */
  records(query: HistoryQuery, max: number): LaunchRecord[] {
    return this.reading.records(query, max)
  }

  /** Launches whose FlowX instance has this uuid (any letter case), newest first. */
  findByInstanceUuid(uuid: string): LaunchRecord[] {
    return this.reading.findByInstanceUuid(uuid)
  }

  /** Launches whose instance had a token with this id, newest first. */
  findByTokenId(tokenId: string): LaunchRecord[] {
    return this.reading.findByTokenId(tokenId)
  }

  /** Process names used before, most recently used first, optionally for one profile or prefix. */
  processNames(options: ProcessNameOptions = {}): string[] {
    return this.reading.processNames(options)
  }

  /** How many launches the ledger holds (deleted ones not counted). */
  count(): number {
    return this.reading.count()
  }

  createBatch(batch: NewBatch): BatchRecord {
    return this.write(() => createBatch(this.db, batch, this.now()))
  }

  updateBatch(id: string, update: BatchUpdate): BatchRecord {
    return this.write(() => updateBatch(this.db, id, update))
  }

  getBatch(id: string): BatchRecord | undefined {
    return this.reading.getBatch(id)
  }

  listBatches(limit = 50): BatchRecord[] {
    return this.reading.listBatches(limit)
  }

  /** Hide a launch (the user deleted it); it can be restored until retention purges it. */
  delete(id: string): LaunchRecord {
    return this.upkeep.delete(id)
  }

  /** Bring back a launch the user deleted. */
  restore(id: string): LaunchRecord {
    return this.upkeep.restore(id)
  }

  /**
   * Remove the launches `rule` selects (never a pending one), in small transactions, then give the
   * space back. A dry run only counts them.
   */
  prune(rule: PruneRule, dryRun = false): PruneResult {
    return this.upkeep.prune(rule, dryRun)
  }

  /** Add launches not in the full-text index yet, a chunk at a time; how many remain. */
  indexPending(): number {
    const left = this.upkeep.indexPending()
    this.behind = left > 0
    return left
  }

  /** Index every launch not in the full-text index yet. */
  indexAll(): void {
    this.upkeep.indexAll()
    this.behind = false
  }

  /** Copy the WAL back into the file: PASSIVE when idle (never waits), TRUNCATE at close. */
  checkpoint(mode: 'PASSIVE' | 'TRUNCATE'): void {
    this.upkeep.checkpoint(mode)
  }

  /** Run several ledger writes as one transaction (imports, the benchmark's build). */
  batch<T>(fn: () => T): T {
    return this.write(fn)
  }

  /**
   * Run several ledger writes as one transaction in which they take no savepoint each (a savepoint
   * per call cost a launch about a tenth of its writing): if any of them fails, all of it is undone
   * and the failure thrown. The group commit (host.ts) tries this first.
   */
  group<T>(fn: () => T): T {
    this.bare = true
    try {
      return this.write(fn)
    } finally {
      this.bare = false
    }
  }

  /**
   * Index one more chunk, checkpoint and close the file. Safe to call twice. A longer backlog is
   * left to the next writer's quiet moments: closing a command never takes seconds.
   */
  close(): void {
    if (!this.db.isOpen) return
    if (this.reader !== this.db) {
      this.readStatements.clear()
      this.reader.close()
    }
    try {
      this.upkeep.indexPending()
      this.upkeep.checkpoint('TRUNCATE')
    } catch {
      // Closing must not fail: the index catches up and the WAL is checkpointed next time.
    }
    this.statements.clear()
    this.db.close()
  }

  /** Statements for a read: the writing connection's inside a write transaction (it sees that
   * transaction's own changes), else the reading connection's. */
  private reads(): StatementCache {
    return this.db.isTransaction ? this.statements : this.readStatements
  }

  private readDb(): DatabaseSync {
    return this.db.isTransaction ? this.db : this.reader
  }

  private write<T>(fn: () => T): T {
    if (this.readOnly) {
      throw new AppFailure(
        'INTERNAL',
        'The launch history is open read-only here, so nothing can be recorded.',
        {
          hint: 'The data directory (or its disk) cannot be written. Check its permissions, or run from a writable data directory (--data-dir).'
        }
      )
    }
    const nested = this.db.isTransaction
    if (nested && this.bare) return fn()
    if (!nested) this.recent.transactionBegins()
    try {
      return transaction(this.db, fn)
    } catch (error) {
      throw mapBusy(error)
    }
  }
}
