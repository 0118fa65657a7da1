/**
 * Batch benchmark (issue targets in parentheses), every figure measured in this run:
 * - P3: a 1,000-row batch at c=16 with 20 ms sandbox latency through the batch service (rows read
 *   from a CSV file, resolved through the template engine, each written to the ledger in its
 *   worker thread) vs a bare keep-alive `http.request` loop sending the same POSTs to the same
 *   sandbox (wall ≤ 1.15× the bare loop's, ≤ 1.5× the ideal 1.25 s). The sandbox runs in a
 *   process of its own, as FlowX would: on this thread its work would be counted as the batch's;
 * - event-loop delay p99 of this thread while that batch runs (≤ 20 ms);
 * - peak memory (VmHWM) of a 10,000-row CLI batch, rows streamed (≤ 200 MB; Linux only).
 * `--quick` runs fewer rounds. Figures only: no thresholds fail the run.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'

import { BatchService } from '../../src/core/batch/batch-service'
import { openLedgerWorker } from '../../src/core/history'
import { closePooledConnections } from '../../src/core/launcher/connection-pool'
import { LaunchService, type LaunchConnection } from '../../src/core/launches/launch-service'
import { silentLogger } from '../../src/core/ports'
import { startSandbox } from '../../src/sandbox'
import { BENCH_TARGET, bareLoop, median, type BenchSandbox as Sandbox } from './bare-loop'
import { startSandboxProcess } from './sandbox-child'

const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1'
const ROWS = 1000
const CONCURRENCY = 16
const LATENCY_MS = 20
const ROUNDS = QUICK ? 1 : 3
const CLI_ROWS = 10_000
const ROOT = resolve(__dirname, '../..')
const target = BENCH_TARGET
/** The body the batch sends for row n + 1 of csvRows, for the bare loop to send the same. */
const rowBody = (n: number): string => JSON.stringify({ customerId: `C-${n + 1}`, amount: n + 1 })

function csvRows(count: number): string {
  const lines = ['customerId,amount']
  for (let i = 1; i <= count; i++) lines.push(`C-${i},${i}`)
  return `${lines.join('\n')}\n`
}

/** Peak resident memory of a CLI batch over `rows` rows, read from /proc while it runs. */
async function cliPeakMb(sandbox: Sandbox, dir: string, rows: number): Promise<string> {
  if (process.platform !== 'linux') return 'skipped (reads /proc: Linux only)'
  // The command as users run it (bin/flowx-launcher.cjs loads the built CLI).
  const cli = join(ROOT, 'out/main/cli.js')
  const entry = existsSync(cli)
    ? [join(ROOT, 'bin/flowx-launcher.cjs')]
    : ['--import', 'tsx', join(ROOT, 'src/cli/commands/batch-crash-child.ts')]
  const file = join(dir, 'big.csv')
  writeFileSync(file, csvRows(rows))
  const args = [
    ...entry,
    'batch',
    '--base-url',
    sandbox.baseUrl,
    '--build',
    target.buildId,
    '--app',
    target.appId,
    '--process',
    target.processName,
    '--data',
    '{"customerId":"{{customerId}}","amount":{{amount}}}',
    '--rows',
    file,
    '--concurrency',
    String(CONCURRENCY),
    '--yes',
    '--junit',
    join(dir, 'big.xml')
  ]
  const child = spawn(process.execPath, args, {
    stdio: 'ignore',
    env: {
      ...process.env,
      FLOWX_TOKEN: sandbox.demoToken,
      FLOWX_LAUNCHER_HOME: join(dir, 'cli-data')
    }
  })
  let peakKb = 0
  const poll = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status)
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]))
    } catch {
      // The process has just ended.
    }
  }, 50)
  const code = await new Promise<number | null>((done) => child.once('exit', done))
  clearInterval(poll)
  return `${(peakKb / 1024).toFixed(0)} MB (exit ${code}, ${existsSync(cli) ? 'built CLI' : 'tsx'})`
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'flowx-batch-bench-'))
  const sandbox = await startSandboxProcess({ latencyMs: LATENCY_MS })
  // The ledger in its worker thread, as in the app.
  const ledger = await openLedgerWorker(join(dir, 'history.db'), {
    entry: resolve(ROOT, 'src/core/history/worker.ts'),
    execArgv: ['--import', 'tsx']
  })
  const launches = new LaunchService({ ledger, logger: silentLogger })
  const batches = new BatchService({ ledger, launches })
  const connection: LaunchConnection = {
    profileId: 'bench',
    profileName: 'Bench',
    profileColor: 'teal',
    baseUrl: sandbox.baseUrl,
    platform: 'web',
    token: sandbox.demoToken
  }
  const rowsFile = join(dir, 'rows.csv')
  writeFileSync(rowsFile, csvRows(ROWS))
  const spec = {
    rowsFile,
    source: {
      template: {
        ...target,
        workspaceId: '',
        payload: '{"customerId":"{{customerId}}","amount":{{amount}}}'
      }
    }
  }
  try {
    // Warm both paths (sockets, JIT, the ledger worker).
    await bareLoop(sandbox, 100, CONCURRENCY, rowBody)
    await batches.wait(
      (await batches.start({ ...spec }, connection, { concurrency: CONCURRENCY })).id
    )

    const bare: number[] = []
    const batch: number[] = []
    const delays: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(await bareLoop(sandbox, ROWS, CONCURRENCY, rowBody))
      const histogram = monitorEventLoopDelay({ resolution: 1 })
      histogram.enable()
      const t0 = performance.now()
      const run = await batches.start(spec, connection, { concurrency: CONCURRENCY })
      const done = await batches.wait(run.id)
      batch.push(performance.now() - t0)
      histogram.disable()
      delays.push(histogram.percentile(99) / 1e6)
      if (done.started !== ROWS) throw new Error(`batch: ${done.started} of ${ROWS} started`)
    }
    const ideal = (ROWS / CONCURRENCY) * LATENCY_MS
    const b = median(bare)
    const w = median(batch)
    const table: [string, string][] = [
      [
        `bare keep-alive loop, ${ROWS} POSTs, c=${CONCURRENCY}, ${LATENCY_MS} ms latency`,
        `${b.toFixed(0)} ms`
      ],
      [`batch service, ${ROWS} CSV rows, c=${CONCURRENCY}`, `${w.toFixed(0)} ms`],
      ['P3 batch / bare loop (target ≤ 1.15)', `${(w / b).toFixed(2)}×`],
      [
        `P3 batch / ideal ${(ideal / 1000).toFixed(2)} s (target ≤ 1.5)`,
        `${(w / ideal).toFixed(2)}×`
      ],
      ['event-loop delay p99 during the batch (target ≤ 20 ms)', `${median(delays).toFixed(1)} ms`]
    ]
    // The CLI is a process of its own: the sandbox it calls can run here, without latency.
    const direct = await startSandbox({ port: 0 })
    try {
      table.push([
        `peak memory of a ${CLI_ROWS.toLocaleString('en')}-row CLI batch (target ≤ 200 MB)`,
        await cliPeakMb(direct, dir, QUICK ? CLI_ROWS / 5 : CLI_ROWS)
      ])
    } finally {
      await direct.close()
    }
    const width = Math.max(...table.map(([k]) => k.length))
    for (const [k, v] of table) console.log(`${k.padEnd(width)}  ${v}`)
  } finally {
    batches.cancelAll()
    closePooledConnections()
    await ledger.close()
    await sandbox.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
