/**
 * Batch runs for the app and the CLI: preview, start, pause, resume, cancel, rerun and export,
 * over the scheduler. Each run is kept as a summary in the ledger (who, when, profile, saved launch,
 * rows file, counts; written and read back by run-ledger.ts) and each row as an ordinary launch
 * record tagged with the batch and row. The service keeps the runs open in this session; one run's
 * rows, progress and end are in live-run.ts.
 */
import type { BatchRecord } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import type { Ledger } from '../history'
import type { LaunchConnection } from '../launches/launch-service'
import { exportRows, type ExportFormat } from './export'
import {
  openRun,
  runProgress,
  type BatchRunOptions,
  type BatchSpec,
  type LiveRun,
  type RunDeps,
  type RunExtras
} from './live-run'
import { previewRows } from './preview'
import { readRows } from './rows'
import { RunLedger } from './run-ledger'
import { isRerunnable, rerunSelection, sortRows, wrapFileErrors } from './service-helpers'
import { specResolver } from './template-rows'
import type { BatchPreview, BatchProgress, BatchView } from './types'

export type { BatchRunOptions, BatchSpec } from './live-run'

export interface BatchServiceDeps extends RunDeps {
  ledger: Pick<Ledger, 'createBatch' | 'updateBatch' | 'getBatch' | 'listBatches' | 'records'>
}

/** Ended runs kept in memory (for rerun and the live view); older ones are read from the ledger. */
const KEPT_ENDED_RUNS = 10

export class BatchService {
  private readonly runs = new Map<string, LiveRun>()
  private readonly listeners = new Set<(progress: BatchProgress) => void>()
  private readonly runLedger: RunLedger

  constructor(private readonly deps: BatchServiceDeps) {
    this.runLedger = new RunLedger(deps.ledger, deps.launchedBy)
  }

  /** Resolve every row once: count, first rows, per-row errors. Sends nothing. */
  async preview(spec: BatchSpec): Promise<BatchPreview> {
    return wrapFileErrors(() =>
      previewRows(readRows(spec.rowsFile, spec.shard), specResolver(spec), {
        ...(spec.expectColumn !== undefined ? { expectColumn: spec.expectColumn } : {})
      })
    )
  }

  /** Listen to throttled progress of every run; returns the unsubscribe. */
  onProgress(listener: (progress: BatchProgress) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Start a run in the background; the summary is in the ledger before the first row leaves. */
  async start(
    spec: BatchSpec,
    connection: LaunchConnection,
    options: BatchRunOptions = {},
    extra: RunExtras = {}
  ): Promise<BatchRecord> {
    const batch = await this.runLedger.create({
      connection,
      rowsFile: spec.rowsFile,
      ...(spec.savedLaunch ? { savedLaunch: spec.savedLaunch } : {})
    })
    const run = openRun(
      batch,
      { ...extra, spec, connection, options },
      { ...this.deps, runLedger: this.runLedger, emit: (progress) => this.emit(progress) }
    )
    this.runs.set(batch.id, run)
    this.forgetOldRuns()
    return batch
  }

  /** Resolves with the final summary once the run has ended. */
  async wait(id: string): Promise<BatchRecord> {
    return this.mustRun(id).done
  }

  async pause(id: string): Promise<BatchRecord> {
    const run = this.mustRun(id)
    if (run.scheduler.pause()) await this.runLedger.saveStatus(run, 'paused')
    run.throttle.touch()
    return run.batch
  }

  async resume(id: string): Promise<BatchRecord> {
    const run = this.mustRun(id)
    if (run.scheduler.resume()) await this.runLedger.saveStatus(run, 'running')
    run.throttle.touch()
    return run.batch
  }

  /** Start nothing more; in-flight rows finish, or with `abortInFlight` are recorded unknown. */
  cancel(id: string, abortInFlight = false): BatchRecord {
    const run = this.mustRun(id)
    run.scheduler.cancel({ abortInFlight })
    run.throttle.touch()
    return run.batch
  }

  /** Stop every run (app quitting, Ctrl+C): nothing new starts, in-flight rows are aborted. */
  cancelAll(): void {
    for (const run of this.runs.values()) run.scheduler.cancel({ abortInFlight: true })
  }

  async get(id: string): Promise<BatchView> {
    const run = this.runs.get(id)
    if (run) {
      const { rows: _changed, batchId: _id, ...live } = runProgress(run, [])
      const rows = sortRows(run.rows)
      return { batch: run.batch, rows, live, rerunnable: rows.filter(isRerunnable).length }
    }
    return this.runLedger.read(id)
  }

  list(limit = 50): Promise<BatchRecord[]> {
    return this.deps.ledger.listBatches(limit)
  }

  /**
   * The rows a rerun would send. Without `rows`: those that failed before anything was sent or
   * were never sent. Chosen `rows` may include unknown ones, each picked by the user.
   */
  rerunRows(id: string, chosen?: readonly number[]): number[] {
    return rerunSelection(this.mustRun(id).rows, chosen)
  }

  /** Run chosen rows of a finished batch again, as a new batch on the same profile. */
  async rerun(id: string, chosen?: readonly number[]): Promise<BatchRecord> {
    const run = this.mustRun(id)
    if (this.isActive(run)) {
      throw new AppFailure('BUSY', 'This batch is still running: wait for it to end or cancel it.')
    }
    const rows = this.rerunRows(id, chosen)
    if (rows.length === 0) {
      throw new AppFailure('INVALID_INPUT', 'No row of this batch failed before it was sent.')
    }
    return this.start(run.spec, run.connection, run.options, {
      only: new Set(rows),
      expected: rows.length
    })
  }

  /** The report text of a batch. */
  async export(id: string, format: ExportFormat): Promise<{ text: string; fileName: string }> {
    const view = await this.get(id)
    const run = this.runs.get(id)
    const title = view.batch.savedLaunch ?? run?.spec.source.template.processName ?? view.batch.id
    const shard = run?.spec.shard ? `${run.spec.shard.index}/${run.spec.shard.count}` : undefined
    const text = exportRows(
      format,
      {
        batch: view.batch,
        title: `${title} on ${view.batch.profileName}`,
        ...(shard ? { shard } : {})
      },
      view.rows
    )
    const stem = (view.batch.rowsFile ?? 'batch').replace(/\.[^.]+$/, '')
    const ext = format === 'junit' ? 'junit.xml' : format === 'markdown' ? 'md' : format
    return { text, fileName: `${stem}-${view.batch.createdAt.slice(0, 10)}-results.${ext}` }
  }

  /** Keep the newest ended runs only; a forgotten run's rows stay in the ledger. */
  private forgetOldRuns(): void {
    const ended = [...this.runs.values()].filter((r) => r.ended)
    for (const run of ended.slice(0, Math.max(0, ended.length - KEPT_ENDED_RUNS))) {
      this.runs.delete(run.batch.id)
    }
  }

  private isActive(run: LiveRun): boolean {
    return !run.ended
  }

  private emit(progress: BatchProgress): void {
    for (const listener of this.listeners) listener(progress)
  }

  private mustRun(id: string): LiveRun {
    const run = this.runs.get(id)
    if (!run) {
      throw new AppFailure(
        'RECORD_NOT_FOUND',
        'That batch run is not open in this session: its rows are in the history.'
      )
    }
    return run
  }
}
