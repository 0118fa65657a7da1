/**
 * What a batch run keeps in the ledger and reads back from it. Its summary is written before the
 * first row leaves; while the run goes its counts are saved at most once a second and its status on
 * pause and resume; once it ends, its final counts, status and end time. A run no longer open in
 * this session is read back from the ledger: its summary and the rows of its records.
 */
import { basename } from 'node:path'

import type { BatchRecord, BatchStatus } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import type { Ledger } from '../history'
import type { LaunchConnection } from '../launches/launch-service'
import { outcomeOfRecord } from './outcome'
import { keptCounts } from './service-helpers'
import type { BatchView, LiveCounts } from './types'

/** Rows kept in one report or view at most (a run's rows beyond it stay in the history). */
export const MAX_ROWS = 100_000
const LEDGER_UPDATE_MS = 1000

/** What a run's summary is made from when it starts. */
export interface NewRun {
  connection: Pick<LaunchConnection, 'profileId' | 'profileName'>
  rowsFile: string
  savedLaunch?: string
}

/** What the bookkeeping needs of a run: its summary as last saved, whether it ended, its counts. */
export interface SummarizedRun {
  batch: BatchRecord
  readonly ended: boolean
  readonly scheduler: { readonly counts: LiveCounts }
}

export class RunLedger {
  /** Runs whose counts are due to be saved. */
  private readonly saving = new Set<string>()

  constructor(
    private readonly ledger: Pick<Ledger, 'createBatch' | 'updateBatch' | 'getBatch' | 'records'>,
    /** The operating-system user, for the summary. */
    private readonly launchedBy?: string
  ) {}

  /** A new run's summary, running. */
  create({ connection, rowsFile, savedLaunch }: NewRun): Promise<BatchRecord> {
    return this.ledger.createBatch({
      profileId: connection.profileId,
      profileName: connection.profileName,
      ...(savedLaunch ? { savedLaunch } : {}),
      rowsFile: basename(rowsFile),
      status: 'running',
      ...(this.launchedBy ? { launchedBy: this.launchedBy } : {})
    })
  }

  /** Counts reach the ledger at most once a second while running. */
  saveCountsSoon(run: SummarizedRun): void {
    if (this.saving.has(run.batch.id)) return
    this.saving.add(run.batch.id)
    setTimeout(() => {
      this.saving.delete(run.batch.id)
      if (run.ended) return
      void this.ledger
        .updateBatch(run.batch.id, keptCounts(run.scheduler.counts))
        .then((batch) => {
          if (!run.ended) run.batch = batch
        })
        .catch(() => undefined)
    }, LEDGER_UPDATE_MS).unref()
  }

  async saveStatus(run: SummarizedRun, status: BatchStatus): Promise<void> {
    run.batch = await this.ledger.updateBatch(run.batch.id, {
      ...keptCounts(run.scheduler.counts),
      status
    })
  }

  /** The final summary of a run that has ended: its counts, status and end time. */
  async saveEnded(run: SummarizedRun, status: BatchStatus): Promise<void> {
    run.batch = await this.ledger.updateBatch(run.batch.id, {
      ...keptCounts(run.scheduler.counts),
      status,
      finishedAt: new Date().toISOString()
    })
  }

  /** A run read back from the ledger: its summary and its rows in order (none rerunnable here). */
  async read(id: string): Promise<BatchView> {
    const batch = await this.ledger.getBatch(id)
    if (!batch) throw new AppFailure('RECORD_NOT_FOUND', 'That batch run no longer exists.')
    const records = await this.ledger.records({ batchId: id }, MAX_ROWS)
    const rows = records
      .filter((r) => r.batchRow !== undefined)
      .map((r) => outcomeOfRecord(r.batchRow ?? 0, r))
      .sort((a, b) => a.row - b.row)
    return { batch, rows, rerunnable: 0 }
  }
}
