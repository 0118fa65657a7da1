/**
 * Ledger benchmark (security.md STO-6): builds a 100,000-launch history in a temp directory and
 * prints how long appends (back to back, with their CPU time, and paced as launches arrive),
 * lookups, pages and searches take, then runs the ledger in its worker thread as the app does and
 * prints the CPU per launch of each thread. Figures only; no thresholds.
 * Run with `npm run bench` (Node 24 from the `node` devDependency). LEDGER_BENCH_SIZE overrides
 * the size.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { DatabaseSync } from 'node:sqlite'

import { LedgerFile as Ledger, openLedgerWorker } from '../../src/core/history'
import type { HistoryQuery, LaunchStatus } from '../../src/shared/domain'
import { PROFILES, SEARCH_WORDS, makeBenchLaunch, makeCompletion, makeRandom } from './ledger-data'

const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1'
const SIZE = Number(process.env.LEDGER_BENCH_SIZE ?? (QUICK ? 10_000 : 100_000))
const APPENDS = 2_000
const LOOKUPS = 1_000
const QUERIES = 300
const DEEP_PAGES = 100
const BATCH = 5_000
const STATUSES: readonly LaunchStatus[] = ['started', 'failed', 'unknown']
const PACED_APPENDS = 500
const PACED_GAP_MS = 2
const WORKER_LAUNCHES = QUICK ? 1_000 : 3_000
const WORKER_CONCURRENCY = 16

const random = makeRandom(20250101)
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
let tokenId = 2_000_000
const nextTokenId = (): number => tokenId++

// Launches are spread over the last year; the clock moves as they are written.
const start = Date.now() - 365 * 24 * 3600 * 1000
const step = (365 * 24 * 3600 * 1000) / (SIZE + APPENDS)
let clock = start
const now = (): Date => new Date(clock)

const uuids: string[] = []
const tokenIds: string[] = []
const launchIds: string[] = []
const emails: string[] = []

/** Begin and complete one launch at the next tick of the clock. */
function append(ledger: Ledger): void {
  clock += step * (0.5 + random())
  const launch = makeBenchLaunch(random, new Date(clock).toISOString())
  const { id } = ledger.begin(launch)
  if (random() < 0.01) emails.push(/"email":"([^"]+)"/.exec(launch.payload)?.[1] ?? 'alice')
  if (random() < 0.01) launchIds.push(id)
  if (random() < 0.01) return // a launch still in flight
  const completion = makeCompletion(random, nextTokenId)
  clock += completion.durationMs
  ledger.complete(id, completion)
  if (completion.instance?.uuid && random() < 0.05) uuids.push(completion.instance.uuid)
  if (completion.instance && random() < 0.05) tokenIds.push(completion.instance.tokens[0].id)
}

/** Milliseconds each of `runs` calls of `fn` takes. */
function time(runs: number, fn: (run: number) => void): number[] {
  const samples: number[] = []
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now()
    fn(run)
    samples.push(performance.now() - t0)
  }
  return samples
}

/** Nanoseconds this thread has waited for a core so far (Linux schedstat), if the OS says. */
function runQueueWaitNs(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1])
  } catch {
    return undefined
  }
}

/**
 * Wall milliseconds of each call of `fn`, `gapMs` apart (0: back to back), and the same less the
 * time the thread waited for a core meanwhile (another process had it): the ledger's own time.
 */
async function timeAppends(
  runs: number,
  gapMs: number,
  fn: () => void
): Promise<{ wall: number[]; own: number[] }> {
  const wall: number[] = []
  const own: number[] = []
  for (let run = 0; run < runs; run++) {
    if (gapMs > 0) await new Promise((done) => setTimeout(done, gapMs))
    const w0 = runQueueWaitNs()
    const t0 = performance.now()
    fn()
    const ms = performance.now() - t0
    const w1 = runQueueWaitNs()
    const waited = w0 !== undefined && w1 !== undefined ? (w1 - w0) / 1e6 : 0
    wall.push(ms)
    own.push(Math.max(0, ms - waited))
  }
  return { wall, own }
}

/**
 * The ledger as the app runs it: in its worker thread, launches begun (with the duplicate check)
 * and completed at c=16. Prints the CPU each thread spends per launch and how many calls shared
 * a commit.
 */
async function workerRun(file: string): Promise<void> {
  const ledger = await openLedgerWorker(file, {
    entry: resolve(__dirname, '../../src/core/history/worker.ts'),
    execArgv: ['--import', 'tsx']
  })
  try {
    const launches = Array.from({ length: WORKER_LAUNCHES }, () =>
      makeBenchLaunch(random, new Date().toISOString())
    )
    const completions = launches.map(() => makeCompletion(random, nextTokenId))
    const since = new Date(Date.now() - 60_000).toISOString()
    let next = 0
    const one = async (n: number): Promise<void> => {
      const begun = await ledger.beginUnlessDuplicate(launches[n], since)
      if (!('record' in begun)) throw new Error('the bench launches are all different')
      await ledger.complete(begun.record.id, completions[n])
    }
    const before = await ledger.stats?.()
    const c0 = process.threadCpuUsage()
    const t0 = performance.now()
    await Promise.all(
      Array.from({ length: WORKER_CONCURRENCY }, async () => {
        while (next < WORKER_LAUNCHES) await one(next++)
      })
    )
    const wallMs = performance.now() - t0
    const c = process.threadCpuUsage(c0)
    const after = await ledger.stats?.()
    const per = (micros: number): string => `${(micros / WORKER_LAUNCHES).toFixed(0)} µs`
    const workerCpu =
      before?.cpuMicros !== undefined && after?.cpuMicros !== undefined
        ? per(after.cpuMicros - before.cpuMicros)
        : 'n/a'
    const commits =
      before && after ? ((after.groups - before.groups) / WORKER_LAUNCHES).toFixed(2) : 'n/a'
    rows.push([
      `worker, begin+complete c=${WORKER_CONCURRENCY} x${WORKER_LAUNCHES}`,
      `${Math.round(WORKER_LAUNCHES / (wallMs / 1000)).toLocaleString('en')}/s; CPU per launch: worker ${workerCpu}, calling thread ${per(c.user + c.system)}; ${commits} commits per launch`
    ])
  } finally {
    await ledger.close()
  }
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

const rows: [string, string][] = []
const ms = (value: number): string => `${value.toFixed(value < 1 ? 3 : 1)} ms`
function report(name: string, samples: number[], ps: number[] = [50, 95]): void {
  rows.push([name, ps.map((p) => `p${p} ${ms(percentile(samples, p))}`).join('  ')])
}

/** Follow cursors to page `page` of `query` (untimed) and return its cursor. */
function cursorFor(ledger: Ledger, query: HistoryQuery, page: number): string | undefined {
  let cursor: string | undefined
  for (let n = 1; n < page; n++) cursor = ledger.search({ ...query, cursor }).nextCursor
  return cursor
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'flowx-ledger-bench-'))
  const file = join(dir, 'history.db')
  try {
    let ledger = Ledger.open(file, { now })
    const buildStart = performance.now()
    for (let done = 0; done < SIZE; done += BATCH) {
      ledger.batch(() => {
        for (let n = 0; n < Math.min(BATCH, SIZE - done); n++) append(ledger)
      })
    }
    const buildMs = performance.now() - buildStart
    rows.push([
      `build ${SIZE.toLocaleString('en')} launches`,
      `${(buildMs / 1000).toFixed(1)} s (${Math.round(SIZE / (buildMs / 1000)).toLocaleString('en')}/s, batches of ${BATCH.toLocaleString('en')})`
    ])
    // Indexed, as a history built up over time is (idle upkeep keeps up with it).
    ledger.indexAll()
    ledger.close()

    const openStart = performance.now()
    ledger = Ledger.open(file, { now })
    rows.push([`open at ${ledger.count().toLocaleString('en')}`, ms(performance.now() - openStart)])

    // The WAL starts empty; no checkpoint runs while appending (as in the app). The bulk indexing
    // the ledger does when idle is counted separately, after the appends.
    ledger.checkpoint('TRUNCATE')
    const backToBack = await timeAppends(APPENDS, 0, () => append(ledger))
    report(`append (begin+complete) x${APPENDS}`, backToBack.wall, [50, 95, 99])
    // Less the time the thread waited for a core (other processes had both): what the ledger
    // itself takes, and how the machine's load shows in the line above.
    report('  less waits for a core', backToBack.own, [50, 95, 99])
    const pathBytes = statSync(`${file}-wal`).size
    ledger.indexAll()
    const walBytes = statSync(`${file}-wal`).size
    rows.push([
      'WAL bytes per launch',
      `${(walBytes / APPENDS / 1024).toFixed(1)} KiB: ${(pathBytes / APPENDS / 1024).toFixed(1)} KiB on the launch path + ${((walBytes - pathBytes) / APPENDS / 1024).toFixed(1)} KiB idle indexing (${APPENDS} launches)`
    ])
    ledger.checkpoint('TRUNCATE')
    // Launches arrive a few milliseconds apart in the app (each waits for FlowX in between).
    const paced = await timeAppends(PACED_APPENDS, PACED_GAP_MS, () => append(ledger))
    report(`append, one every ${PACED_GAP_MS} ms x${PACED_APPENDS}`, paced.wall, [50, 95, 99])
    report('  less waits for a core', paced.own, [50, 95, 99])
    ledger.indexAll()
    ledger.checkpoint('TRUNCATE')
    report(
      'lookup by instance uuid',
      time(LOOKUPS, (n) => ledger.findByInstanceUuid(uuids[n % uuids.length]))
    )
    report(
      'lookup by token id',
      time(LOOKUPS, (n) => ledger.findByTokenId(tokenIds[n % tokenIds.length]))
    )
    report(
      'get by id',
      time(LOOKUPS, (n) => ledger.get(launchIds[n % launchIds.length]))
    )
    report(
      'first page, all',
      time(QUERIES, () => ledger.search({}))
    )
    report(
      'first page, profile+status',
      time(QUERIES, () => ledger.search({ profileId: pick(PROFILES).id, status: pick(STATUSES) }))
    )
    const deepQueries: HistoryQuery[] = Array.from({ length: DEEP_PAGES }, () =>
      random() < 0.5 ? {} : { profileId: pick(PROFILES).id }
    )
    const deepCursors = deepQueries.map((query) => cursorFor(ledger, query, 20))
    report(
      'page 20 (keyset cursor)',
      time(DEEP_PAGES, (n) => ledger.search({ ...deepQueries[n], cursor: deepCursors[n] }))
    )
    report(
      'text search, words',
      time(QUERIES, () => ledger.search({ text: pick(SEARCH_WORDS) }))
    )
    report(
      'text search, payload value (e-mail)',
      time(QUERIES, (n) => ledger.search({ text: emails[n % emails.length] }))
    )
    report(
      'text search, uuid',
      time(QUERIES, (n) => ledger.search({ text: uuids[n % uuids.length] }))
    )
    report(
      'text search, uuid start',
      time(QUERIES, (n) => ledger.search({ text: uuids[n % uuids.length].slice(0, 8) }))
    )
    report(
      'text search, token id',
      time(QUERIES, (n) => ledger.search({ text: tokenIds[n % tokenIds.length] }))
    )
    report(
      'process-name suggestions',
      time(QUERIES, () => ledger.processNames({ prefix: 'lo' }))
    )
    report(
      'count',
      time(QUERIES, () => ledger.count())
    )
    const total = ledger.count()
    ledger.close()

    const size = statSync(file).size
    rows.push([
      'db file size',
      `${(size / 1024 / 1024).toFixed(1)} MiB (${Math.round(size / total).toLocaleString('en')} B/launch)`
    ])
    await workerRun(file)
    rows.push([
      'first search, nothing indexed yet',
      `${ms(firstSearchUnindexed(file, emails[0]))} (the whole ledger waits to be indexed, as after an upgrade)`
    ])
    print(total + WORKER_LAUNCHES)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The first search of a ledger whose launches all wait to be indexed (an upgrade from a schema
 * without the index leaves it so): it indexes one chunk and scans the rest.
 */
function firstSearchUnindexed(file: string, text: string): number {
  const raw = new DatabaseSync(file)
  raw.exec(`DELETE FROM launches_fts; DELETE FROM process_names; DELETE FROM launch_tokens;
    UPDATE fts_state SET indexed_upto = 0; UPDATE launches SET instance_uuid = NULL;
    INSERT OR IGNORE INTO derive_queue (seq) SELECT seq FROM launches WHERE instance_json IS NOT NULL`)
  raw.close()
  const ledger = Ledger.open(file, { now })
  const t0 = performance.now()
  ledger.search({ text })
  const took = performance.now() - t0
  ledger.close()
  return took
}

function print(total: number): void {
  const width = Math.max(...rows.map(([name]) => name.length))
  console.log(
    `FlowX Launcher ledger bench: ${total.toLocaleString('en')} launches, node ${process.version}`
  )
  for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`)
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
