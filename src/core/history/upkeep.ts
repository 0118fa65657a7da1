/**
 * The ledger's upkeep and deletions: the full-text index caught up a chunk at a time, the WAL
 * copied back into the file, the user's delete and restore, and retention's prune with the space
 * given back (retention.ts). None of it is on the launch path: the ledger's host runs it when idle
 * or every few hundred writes; reads and closing index one more chunk, and the WAL is truncated at
 * close.
 */
import type { DatabaseSync } from 'node:sqlite'

import type { LaunchRecord } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { mapBusy } from './database'
import { indexPending } from './fts-index'
import type { LedgerReads } from './reads'
import {
  countPrunable,
  pruneChunk,
  purgeDeleted,
  reclaimSpace,
  restore,
  softDelete,
  type PruneRule
} from './retention'

/** What a prune removed (or, in a dry run, would remove). */
export interface PruneResult {
  removed: number
  dryRun: boolean
}

/** What upkeep works on (LedgerFile gives it). */
export interface UpkeepSide {
  /** The writing connection. */
  db: DatabaseSync
  readOnly: boolean
  now: () => Date
  /** Run `fn` in one write transaction of the ledger. */
  write: <T>(fn: () => T) => T
  /** The connection a read uses now. */
  readDb: () => DatabaseSync
  /** The ledger's reads, for the record of a launch deleted or restored. */
  reading: LedgerReads
}

/** Upkeep and deletions of one ledger file. */
export class LedgerUpkeep {
  constructor(private readonly side: UpkeepSide) {}

  /** Hide a launch (the user deleted it); it can be restored until retention purges it. */
  delete(id: string): LaunchRecord {
    const record = this.side.reading.mustGet(id)
    this.side.write(() => softDelete(this.side.db, id, this.side.now()))
    return record
  }

  /** Bring back a launch the user deleted. */
  restore(id: string): LaunchRecord {
    const restored = this.side.write(() => restore(this.side.db, id))
    if (!restored) {
      throw new AppFailure('RECORD_NOT_FOUND', 'That history entry can no longer be restored.')
    }
    return this.side.reading.mustGet(id)
  }

  /**
   * Remove the launches `rule` selects (never a pending one), in small transactions, then give the
   * space back. A dry run only counts them.
   */
  prune(rule: PruneRule, dryRun = false): PruneResult {
    if (dryRun) return { removed: countPrunable(this.side.readDb(), rule), dryRun }
    let removed = 0
    for (;;) {
      const n = this.side.write(() => pruneChunk(this.side.db, rule))
      removed += n
      if (n === 0) break
    }
    removed += this.side.write(() => purgeDeleted(this.side.db, this.side.now()))
    if (removed > 0) reclaimSpace(this.side.db)
    return { removed, dryRun }
  }

  /** Add launches not in the full-text index yet, a chunk at a time; how many remain. */
  indexPending(): number {
    if (this.side.readOnly) return 0
    return this.side.write(() => indexPending(this.side.db))
  }

  /** Index every launch not in the full-text index yet. */
  indexAll(): void {
    while (this.indexPending() > 0) {
      // One short transaction per chunk.
    }
  }

  /** Copy the WAL back into the file: PASSIVE when idle (never waits), TRUNCATE at close. */
  checkpoint(mode: 'PASSIVE' | 'TRUNCATE'): void {
    // Inside a grouped transaction (host.ts) it waits for the next quiet moment.
    if (this.side.readOnly || this.side.db.isTransaction) return
    try {
      this.side.db.exec(`PRAGMA wal_checkpoint(${mode})`)
    } catch (error) {
      // Another process reading or writing: it is done later, by whoever is last.
      if (mapBusy(error) === error) throw error
    }
  }
}
