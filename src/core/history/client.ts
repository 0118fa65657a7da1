/**
 * The one async interface to the launch history, shared by the app, the CLI and the tests. In the
 * app the ledger runs in a worker thread (worker-client.ts), so no SQLite call ever blocks the
 * Electron main thread; a one-shot CLI command runs it in process (cheaper than a thread).
 */
import type {
  BatchRecord,
  BatchUpdate,
  HistoryPage,
  HistoryQuery,
  LaunchCompletion,
  LaunchRecord,
  NewBatch,
  NewLaunch,
  RetentionSetting
} from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { LedgerHost, type LedgerMethod, type LedgerStats } from './host'
import type { GuardedBegin, LedgerOptions, ProcessNameOptions, PruneResult } from './ledger'
import { openLedgerFile, type LedgerOpenReport } from './open'
import type { PruneRule } from './retention'

/** The launch history. Every call resolves once the change is durable (WAL, synchronous=NORMAL). */
export interface Ledger {
  /** True when the file could only be opened for reading: writes fail with a clear message. */
  readonly readOnly: boolean
  /** What happened while opening (a damaged file set aside…), for a notice; empty when nothing. */
  readonly report: LedgerOpenReport
  begin(launch: NewLaunch): Promise<LaunchRecord>
  beginMany(launches: NewLaunch[]): Promise<LaunchRecord[]>
  beginUnlessDuplicate(launch: NewLaunch, since: string): Promise<GuardedBegin>
  complete(id: string, completion: LaunchCompletion): Promise<LaunchRecord>
  completeMany(items: Array<{ id: string; completion: LaunchCompletion }>): Promise<LaunchRecord[]>
  get(id: string): Promise<LaunchRecord | undefined>
  search(query: HistoryQuery): Promise<HistoryPage>
  /** Whole records matching `query`, newest first, at most `max` (exports). */
  records(query: HistoryQuery, max: number): Promise<LaunchRecord[]>
  findByInstanceUuid(uuid: string): Promise<LaunchRecord[]>
  findByTokenId(tokenId: string): Promise<LaunchRecord[]>
  processNames(options?: ProcessNameOptions): Promise<string[]>
  count(): Promise<number>
  createBatch(batch: NewBatch): Promise<BatchRecord>
  updateBatch(id: string, update: BatchUpdate): Promise<BatchRecord>
  getBatch(id: string): Promise<BatchRecord | undefined>
  listBatches(limit?: number): Promise<BatchRecord[]>
  /** Hide a launch; `restore` brings it back until retention purges it (an hour later). */
  delete(id: string): Promise<LaunchRecord>
  restore(id: string): Promise<LaunchRecord>
  prune(rule: PruneRule, dryRun?: boolean): Promise<PruneResult>
  /** The retention setting applied in the background (now, then hourly). */
  setRetention(setting: RetentionSetting): Promise<null>
  /** Index everything and checkpoint now (tests and the benchmark wait for idle upkeep this way). */
  flush(): Promise<null>
  /** Calls, groups and CPU time of the thread the ledger runs in (benchmarks). */
  stats?(): Promise<LedgerStats>
  close(): Promise<void>
}

/** Turn a method-call function into the Ledger interface. */
export function ledgerOver(
  call: (method: LedgerMethod, args: unknown[]) => Promise<unknown>,
  readOnly: boolean,
  report: LedgerOpenReport,
  close: () => Promise<void>
): Ledger {
  const m =
    (method: LedgerMethod) =>
    (...args: unknown[]): Promise<never> =>
      call(method, args) as Promise<never>
  return {
    readOnly,
    report,
    begin: m('begin'),
    beginMany: m('beginMany'),
    beginUnlessDuplicate: m('beginUnlessDuplicate'),
    complete: m('complete'),
    completeMany: m('completeMany'),
    get: m('get'),
    search: m('search'),
    records: m('records'),
    findByInstanceUuid: m('findByInstanceUuid'),
    findByTokenId: m('findByTokenId'),
    processNames: m('processNames'),
    count: m('count'),
    createBatch: m('createBatch'),
    updateBatch: m('updateBatch'),
    getBatch: m('getBatch'),
    listBatches: m('listBatches'),
    delete: m('delete'),
    restore: m('restore'),
    prune: m('prune'),
    setRetention: m('setRetention'),
    flush: m('flush'),
    stats: m('stats'),
    close
  }
}

/** A call waiting for its group to run. */
interface QueuedCall {
  method: LedgerMethod
  args: unknown[]
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Open the ledger in this thread (CLI commands, tests). Calls made in the same turn of the event
 * loop (a wave of batch rows, launches whose answers arrived together) run as one group after it,
 * as they do in the worker: one commit for all of them, and each caller answered only once that is
 * durable.
 */
export async function openLedger(file: string, options: LedgerOptions = {}): Promise<Ledger> {
  const { ledger: fileLedger, report } = openLedgerFile(file, options)
  const host = new LedgerHost(fileLedger, options.now)
  let closed = false
  let queue: QueuedCall[] = []
  const run = (): void => {
    const calls = queue
    queue = []
    if (calls.length === 0) return
    const results = host.callMany(calls)
    calls.forEach((call, at) => {
      const result = results[at]
      if (result.ok) call.resolve(result.value)
      else call.reject(result.error)
    })
  }
  return ledgerOver(
    (method, args) =>
      new Promise((resolve, reject) => {
        if (closed) return reject(closedFailure())
        if (queue.length === 0) setImmediate(run)
        queue.push({ method, args, resolve, reject })
      }),
    fileLedger.readOnly,
    report,
    async () => {
      if (closed) return
      closed = true
      // Calls made just before closing are answered first.
      run()
      host.close()
    }
  )
}

function closedFailure(): AppFailure {
  return new AppFailure('INTERNAL', 'The launch history is closed (the app is quitting).')
}
