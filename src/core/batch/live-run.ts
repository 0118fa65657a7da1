/**
 * One batch run open in this session: its rows (all, or those a rerun chose) resolved through the
 * template and launched by the scheduler, each row recorded through the launch service and its
 * outcome kept for the view; its live progress, throttled; and its end, once the final summary is
 * in the ledger. The batch service keeps the open runs and looks them up.
 */
import type { BatchRecord, BatchStatus, LaunchRecord } from '../../shared/domain'
import type { LaunchConnection, LaunchService } from '../launches/launch-service'
import type { BatchClock } from './clock'
import { recordRows, watchedRows } from './launch-row'
import { pace, ProgressThrottle } from './progress'
import { readRows, type Shard } from './rows'
import { MAX_ROWS, type RunLedger } from './run-ledger'
import { BatchScheduler, type SchedulerOptions } from './scheduler'
import { keyColumns, onlyRows } from './service-helpers'
import { specResolver, type BatchTemplate } from './template-rows'
import type { BatchProgress, RowOutcome } from './types'

/** What a batch runs: a rows file (or a shard of it) through a launch template. */
export interface BatchSpec {
  rowsFile: string
  shard?: Shard
  source: BatchTemplate
  /** Name of the saved launch, when it is one (kept in the summary and every record). */
  savedLaunch?: string
  /** Columns that name a row in reports; default the first column. */
  keyColumns?: string[]
  /** The column holding each row's expected outcome (expectations.ts); every row: started. */
  expectColumn?: string
}

export type BatchRunOptions = Pick<SchedulerOptions, 'concurrency' | 'ratePerSec' | 'maxFailures'>

/** What a run launches its rows with. */
export interface RunDeps {
  launches: Pick<LaunchService, 'prepare' | 'cancel'>
  /** The operating-system user, for the summary and every row's record. */
  launchedBy?: string
  clock?: BatchClock
  progressIntervalMs?: number
}

/** What a run needs of the service that keeps it: its ledger bookkeeping and its listeners. */
export interface RunHost extends RunDeps {
  runLedger: RunLedger
  emit(progress: BatchProgress): void
}

/** What a run may start with besides its spec: a rerun's rows, someone watching its rows. */
export interface RunExtras {
  only?: ReadonlySet<number>
  expected?: number
  /** Each row's outcome with its ledger record (when one was written), as it ends. */
  watch?: (outcome: RowOutcome, record: LaunchRecord | undefined) => void
}

/** How a run starts: its spec, the connection it launches on, its pace and limits. */
export interface RunStart extends RunExtras {
  spec: BatchSpec
  connection: LaunchConnection
  options: BatchRunOptions
}

/** A run as the service holds it, while it goes and for a while after it ended. */
export interface LiveRun {
  batch: BatchRecord
  spec: BatchSpec
  connection: LaunchConnection
  options: BatchRunOptions
  scheduler: BatchScheduler
  rows: Map<number, RowOutcome>
  startedAt: number
  expected?: number
  throttle: ProgressThrottle
  done: Promise<BatchRecord>
  /** Set once the run has ended and its summary is final. */
  ended: boolean
  stopReason?: string
}

/** Start the run of `batch` (its summary already in the ledger) in the background. */
export function openRun(
  batch: BatchRecord,
  { spec, connection, options, only, expected, watch }: RunStart,
  host: RunHost
): LiveRun {
  const rows = new Map<number, RowOutcome>()
  const source = onlyRows(readRows(spec.rowsFile, spec.shard), only)
  const run = {} as LiveRun
  const recordRow = recordRows(host.launches, connection, {
    batchId: batch.id,
    template: spec.source.template.payload,
    ...(spec.savedLaunch ? { savedLaunch: spec.savedLaunch } : {}),
    ...(host.launchedBy ? { launchedBy: host.launchedBy } : {})
  })
  // Records wait here only between their answer and their row's outcome (at most `concurrency`).
  const records = new Map<number, LaunchRecord>()
  const scheduler = new BatchScheduler(
    source,
    specResolver(spec),
    watch ? watchedRows(recordRow, records) : recordRow,
    {
      ...options,
      ...(host.clock ? { clock: host.clock } : {}),
      keyOf: keyColumns(spec.keyColumns),
      ...(spec.expectColumn !== undefined ? { expectColumn: spec.expectColumn } : {})
    },
    {
      onSending: () => run.throttle.touch(),
      onOutcome: (outcome) => {
        if (watch) {
          watch(outcome, records.get(outcome.row))
          records.delete(outcome.row)
        }
        if (rows.size < MAX_ROWS) rows.set(outcome.row, outcome)
        run.throttle.touch(outcome)
        host.runLedger.saveCountsSoon(run)
      }
    }
  )
  Object.assign(run, {
    batch,
    spec,
    connection,
    options,
    scheduler,
    rows,
    startedAt: performance.now(),
    ended: false,
    ...(expected !== undefined ? { expected } : {}),
    throttle: new ProgressThrottle(
      (changed) => runProgress(run, changed),
      (progress) => host.emit(progress),
      host.progressIntervalMs
    )
  })
  // The scheduler reads its first row only after an await: nothing runs before the caller has
  // the run in hand.
  run.done = finishRun(run, host.runLedger)
  return run
}

/** The run's live progress, with the rows that changed since the last event. */
export function runProgress(run: LiveRun, rows: RowOutcome[]): BatchProgress {
  const counts = { ...run.scheduler.counts }
  const elapsedMs = performance.now() - run.startedAt
  const { stopReason } = run
  return {
    batchId: run.batch.id,
    status: run.ended ? run.batch.status : run.scheduler.status,
    counts,
    rows,
    elapsedMs,
    ...pace(counts, elapsedMs, run.expected),
    ...(run.expected !== undefined ? { expected: run.expected } : {}),
    ...(stopReason ? { stopReason } : {})
  }
}

async function finishRun(run: LiveRun, runLedger: RunLedger): Promise<BatchRecord> {
  let status: BatchStatus
  let reason: string | undefined
  try {
    const result = await run.scheduler.run()
    status = result.state
    reason = result.stopReason
  } catch (error) {
    status = 'interrupted'
    reason = error instanceof Error ? error.message : String(error)
  }
  run.throttle.stop()
  await runLedger.saveEnded(run, status)
  run.ended = true
  if (reason) run.stopReason = reason
  run.throttle.flush()
  return run.batch
}
