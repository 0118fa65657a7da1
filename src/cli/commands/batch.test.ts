import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

import { lookaheadFor } from '../../core/batch/scheduler'
import { LedgerFile } from '../../core/history'
import { SANDBOX_IDS } from '../../sandbox'
import { jsonLines, sandboxBatchArgs, useSandboxFixture, type CliHarness } from '../test-support'

const fx = useSandboxFixture()
const PAYLOAD = '{"customerId":"{{customerId}}","note":"{{note}}","ref":"{{$uuid}}"}'

function rowsFile(h: CliHarness, name: string, text: string | Buffer): string {
  const path = join(h.dir, name)
  writeFileSync(path, text)
  return path
}

function customers(count: number): string {
  const lines = ['customerId,note']
  for (let i = 1; i <= count; i++) lines.push(`C-${i},n${i}`)
  return `${lines.join('\n')}\n`
}

function batchArgs(rows: string, ...more: string[]): string[] {
  return sandboxBatchArgs(fx.sandbox, PAYLOAD, rows, ...more)
}

/** Requests the sandbox received since `from` (one sandbox serves the whole file). */
function sentSince(from: number) {
  return fx.sandbox.requests.slice(from)
}

type RowLine = {
  row?: number
  type?: string
  status?: string
  instance?: { uuid: string | null } | null
  error?: { code: string; message: string } | null
  historyId?: string | null
  [key: string]: unknown
}

describe('batch', () => {
  it('starts one process per CSV row (quotes, line breaks, BOM, ;) with a JSON line each and a summary', async () => {
    const base = fx.sandbox.requests.length
    const csv = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('customerId;note\nC-1;"semi; colon"\nC-2;"two\nlines"\nC-3;"say ""hi"""\n')
    ])
    const rows = rowsFile(fx.h, 'rows.csv', csv)
    const { code, stdout } = await fx.h.run(batchArgs(rows, '--yes', '--json'))

    expect(code).toBe(0)
    const lines = jsonLines<RowLine>(stdout)
    expect(lines).toHaveLength(4)
    const rowLines = lines.slice(0, 3).sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
    expect(rowLines.map((l) => [l.row, l.status])).toEqual([
      [1, 'started'],
      [2, 'started'],
      [3, 'started']
    ])
    for (const line of rowLines) expect(line.instance?.uuid).toMatch(/^[0-9a-f-]{36}$/)
    expect(lines[3]).toMatchObject({ type: 'summary', total: 3, started: 3, failed: 0, unknown: 0 })
    const answerMs = lines[3]?.answerMs as { rows: number; p50: number; max: number }
    expect(answerMs.rows).toBe(3)
    expect(answerMs.p50).toBeLessThanOrEqual(answerMs.max)

    const notes = sentSince(base).map((r) => (JSON.parse(r.body) as { note: string }).note)
    expect(notes.sort()).toEqual(['say "hi"', 'semi; colon', 'two\nlines'])
    const batchId = lines[3]?.batchId as string
    const records = fx.h.withLedger((l) => l.search({ batchId }).items) ?? []
    expect(records.map((r) => r.batchRow).sort()).toEqual([1, 2, 3])
    expect(fx.h.withLedger((l) => l.getBatch(batchId))).toMatchObject({
      status: 'done',
      rowsFile: 'rows.csv',
      started: 3
    })
  })

  it('skips and reports rows that cannot be resolved, sends the rest, exits 1', async () => {
    const base = fx.sandbox.requests.length
    const rows = rowsFile(
      fx.h,
      'rows.ndjson',
      '{"customerId":"A","note":"x"}\n{"customerId":"B"}\n'
    )
    const { code, stdout, stderr } = await fx.h.run(batchArgs(rows, '--yes'))

    expect(code).toBe(1)
    expect(sentSince(base)).toHaveLength(1)
    expect(stderr.text).toMatch(/row 2 .*note/)
    expect(stdout.text).toContain('1 started, 0 failed, 0 unknown, 1 skipped')
    expect(stdout.text).toMatch(/FlowX answered 1 row: median \d+ ms, 95th percentile \d+ ms/)
  })

  it('without a terminal and without --yes it refuses (exit 2) and sends nothing', async () => {
    const base = fx.sandbox.requests.length
    const rows = rowsFile(fx.h, 'rows.csv', customers(3))
    const { code, stderr } = await fx.h.run(batchArgs(rows))

    expect(code).toBe(2)
    expect(stderr.text).toContain('This would start 3 processes on')
    expect(stderr.text).toContain('--yes')
    expect(sentSince(base)).toHaveLength(0)
    expect(fx.h.recordCount()).toBe(0)
  })

  it('--dry-run shows the count, the first rows resolved and the errors, and sends nothing', async () => {
    const base = fx.sandbox.requests.length
    const rows = rowsFile(fx.h, 'rows.csv', 'customerId,note\nC-1,a\nC-2\n')
    const { code, stdout } = await fx.h.run(batchArgs(rows, '--dry-run'))

    expect(code).toBe(2)
    expect(stdout.text).toContain('2 rows: 1 would be sent, 1 skipped.')
    expect(stdout.text).toContain('"customerId":"C-1"')
    expect(stdout.text).toContain('row 2 skipped: Row 2 has 1 field where the header has 2.')
    expect(sentSince(base)).toHaveLength(0)
  })

  it('refuses a bad rows file, a bad flag or a bad shard before anything is sent (exit 2)', async () => {
    const base = fx.sandbox.requests.length
    const bad = rowsFile(fx.h, 'bad.csv', 'a,b\n1,"open\n')
    const good = rowsFile(fx.h, 'ok.csv', customers(2))
    for (const args of [
      batchArgs(bad, '--yes'),
      batchArgs(join(fx.h.dir, 'missing.csv'), '--yes'),
      batchArgs(good, '--yes', '--concurrency', '65'),
      batchArgs(good, '--yes', '--shard', '3/2'),
      batchArgs(good, '--yes', '--out', 'results.txt')
    ]) {
      const { code } = await fx.h.run(args)
      expect(code).toBe(2)
    }
    expect(sentSince(base)).toHaveLength(0)
  })

  it('exits 1 when FlowX refuses rows and 3 when an outcome is unknown (3 wins over 1)', async () => {
    const base = fx.sandbox.requests.length
    const rows = rowsFile(fx.h, 'rows.csv', customers(4))
    fx.sandbox.setFaults({ failStatus: 500, failEveryNth: 2 })
    expect((await fx.h.run(batchArgs(rows, '--yes', '--concurrency', '1'))).code).toBe(1)
    expect(sentSince(base)).toHaveLength(4)

    // Row 1 starts, row 2 is refused (no such process), row 3's connection is reset: unknown.
    fx.sandbox.setFaults({ reset: true, processName: 'loan request' })
    const mixed = rowsFile(
      fx.h,
      'mixed.csv',
      'customerId,note,process\nC-1,a,[DOCS]customer_onboarding\nC-2,b,no such process\nC-3,c,loan request\n'
    )
    const args = batchArgs(mixed, '--yes', '--json')
    args[args.indexOf('--process') + 1] = '{{process}}'
    const run = await fx.h.run(args)
    expect(run.code).toBe(3)
    const lines = jsonLines<RowLine>(run.stdout)
    expect(lines.at(-1)).toMatchObject({ type: 'summary', started: 1, failed: 1, unknown: 1 })
    const byRow = new Map(lines.map((l) => [l.row, l]))
    expect(byRow.get(2)?.error?.code).toBe('NOT_FOUND')
    expect(byRow.get(3)?.status).toBe('unknown')
  })

  it('--shard takes a deterministic share; --junit and --out write the reports', async () => {
    const base = fx.sandbox.requests.length
    const rows = rowsFile(fx.h, 'rows.csv', customers(7))
    const junit = join(fx.h.dir, 'shard-2.xml')
    const out = join(fx.h.dir, 'shard-2.csv')
    const { code } = await fx.h.run(
      batchArgs(rows, '--yes', '--shard', '2/3', '--junit', junit, '--out', out)
    )

    expect(code).toBe(0)
    const sent = sentSince(base).map(
      (r) => (JSON.parse(r.body) as { customerId: string }).customerId
    )
    expect(sent.sort()).toEqual(['C-2', 'C-5'])
    const xml = readFileSync(junit, 'utf8')
    expect(xml).toContain('<testcase name="row 2 [C-2]"')
    expect(xml).toContain('<testcase name="row 5 [C-5]"')
    expect(xml).toContain('name="shard" value="2/3"')
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe(
      'row,key,status,httpStatus,instanceUuid,tokens,durationMs,errorCode,error,recordId'
    )
  })

  it('--max-failures stops starting rows; the rest are not sent', async () => {
    const base = fx.sandbox.requests.length
    const rows = rowsFile(fx.h, 'rows.csv', customers(10))
    fx.sandbox.setFaults({ failStatus: 500 })
    const { code, stdout } = await fx.h.run(
      batchArgs(rows, '--yes', '--json', '--concurrency', '1', '--max-failures', '2')
    )
    expect(code).toBe(1)
    expect(sentSince(base)).toHaveLength(2)
    expect(jsonLines<RowLine>(stdout).at(-1)).toMatchObject({
      status: 'stopped',
      failed: 2,
      notSent: 8
    })
  })

  it('a protected profile needs --confirm NAME and --count N', async () => {
    const base = fx.sandbox.requests.length
    await fx.saveProfile('Production', { color: 'red', protected: true })
    const rows = rowsFile(fx.h, 'rows.csv', customers(2))
    const args = [
      'batch',
      '--profile',
      'Production',
      '--build',
      SANDBOX_IDS.committedBuildId,
      '--process',
      '[DOCS]customer_onboarding',
      '--data',
      PAYLOAD,
      '--rows',
      rows,
      '--yes'
    ]
    const refused = await fx.h.run(args)
    expect(refused.code).toBe(2)
    expect(refused.stderr.text).toContain('--confirm "Production" --count 2')
    expect((await fx.h.run([...args, '--confirm', 'Production', '--count', '3'])).code).toBe(2)
    expect(sentSince(base)).toHaveLength(0)
    expect((await fx.h.run([...args, '--confirm', 'Production', '--count', '2'])).code).toBe(0)
    expect(sentSince(base)).toHaveLength(2)
  })

  it('Ctrl+C mid-run: nothing new starts, rows in flight are recorded unknown, exit 130', async () => {
    const base = fx.sandbox.requests.length
    fx.sandbox.setFaults({ hang: true })
    const rows = rowsFile(fx.h, 'rows.csv', customers(10))
    const running = fx.h.spawn(batchArgs(rows, '--yes', '--json', '--concurrency', '3'))
    await fx.sandbox.waitForRequests(base + 3)
    running.signals.emit('SIGINT')
    expect(await running.done).toBe(130)
    const lines = jsonLines<RowLine>(running.stdout)
    const summary = lines.at(-1)
    expect(summary).toMatchObject({ type: 'summary', status: 'cancelled', unknown: 3, notSent: 7 })
    // No row lost: each of the ten is reported once.
    expect(
      lines
        .filter((l) => l.row !== undefined)
        .map((l) => l.row)
        .sort((a, b) => (a ?? 0) - (b ?? 0))
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    const statuses = fx.h.withLedger((l) =>
      l.search({ batchId: summary?.batchId as string }).items.map((i) => i.status)
    )
    // Rows recorded ahead of a free slot (the lookahead) never left: failed before sending.
    expect(statuses?.filter((s) => s === 'unknown')).toHaveLength(3)
    expect(statuses?.filter((s) => s !== 'unknown')).toEqual(
      Array.from({ length: lookaheadFor(3) }, () => 'failed')
    )
  })
})

describe('a batch killed with SIGKILL mid-run', () => {
  it('leaves every row that left in the history as pending or unknown', async () => {
    const base = fx.sandbox.requests.length
    fx.sandbox.setFaults({ hang: true })
    const rows = rowsFile(fx.h, 'rows.csv', customers(12))
    const child = resolve(__dirname, 'batch-crash-child.ts')
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', child, ...batchArgs(rows, '--yes', '--concurrency', '4')],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env,
          FLOWX_TOKEN: fx.sandbox.demoToken,
          FLOWX_LAUNCHER_HOME: fx.h.dataDir
        }
      }
    )
    const exited = new Promise<number | null>((done) => proc.once('exit', done))
    await Promise.race([
      fx.sandbox.waitForRequests(base + 4),
      exited.then((code) => {
        throw new Error(`the CLI exited (${code}) before four rows were sent`)
      })
    ])
    proc.kill('SIGKILL')
    await exited

    const sent = sentSince(base).map(
      (r) => (JSON.parse(r.body) as { customerId: string }).customerId
    )
    const ledger = LedgerFile.open(join(fx.h.dataDir, 'history.db'))
    try {
      const items = ledger.search({ limit: 100 }).items
      expect(items.length).toBeGreaterThanOrEqual(sent.length)
      // Besides the rows that left, only the rows recorded ahead of a slot are there, never sent.
      const rows = items.filter((i) => i.batchRow !== undefined)
      expect(rows.length).toBeLessThanOrEqual(sent.length + lookaheadFor(4))
      for (const item of rows) expect(['pending', 'unknown']).toContain(item.status)
      for (const customerId of sent) {
        const row = Number(customerId.slice(2))
        const record = items.find((i) => i.batchRow === row)
        expect(record, `row ${row} left but is not in the history`).toBeDefined()
        expect(['pending', 'unknown']).toContain(record?.status)
      }
    } finally {
      ledger.close()
    }
  }, 60_000)
})
