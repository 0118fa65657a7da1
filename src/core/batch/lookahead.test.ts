/**
 * Rows recorded ahead of their slot (the lookahead), over real HTTP: no request leaves before its
 * record is durably pending, and rows recorded ahead of a stop end as not sent in the ledger.
 */
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'

import { afterEach, describe, expect, it } from 'vitest'

import type { Ledger } from '../history'
import { closePooledConnections } from '../launcher/connection-pool'
import { LaunchService } from '../launches/launch-service'
import { silentLogger } from '../ports'
import { BatchService } from './batch-service'
import { recordRows } from './launch-row'
import { NOT_SENT_ERROR } from './outcome'
import { readRows } from './rows'
import { BatchScheduler, lookaheadFor, refillFor } from './scheduler'
import { templateRowResolver } from './template-rows'
import { customersCsv, ONBOARDING, openBatchBed, type BatchBed } from './test-batch'

let bed: BatchBed | undefined
let proxy: Server | undefined
afterEach(async () => {
  closePooledConnections()
  proxy?.closeAllConnections()
  await new Promise((done) => (proxy ? proxy.close(done) : done(undefined)))
  proxy = undefined
  await bed?.close()
  bed = undefined
})

/**
 * A server in front of the sandbox that, as each start request arrives, reads the batch row's
 * ledger record through a connection of its own (it sees committed writes only), then passes the
 * request on. Resolves with its base URL and what it found per row.
 */
async function ledgerCheckingProxy(
  b: BatchBed,
  file: string,
  batchId: string
): Promise<{ baseUrl: string; seen: Map<number, string | undefined> }> {
  const db = new DatabaseSync(file, { readOnly: true })
  const status = db.prepare('SELECT status FROM launches WHERE batch_id = ? AND batch_row = ?')
  const seen = new Map<number, string | undefined>()
  const target = new URL(b.sandbox.url)
  const server = createServer((req, res) => {
    const parts: Buffer[] = []
    req.on('data', (chunk: Buffer) => parts.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(parts)
      const { customerId } = JSON.parse(body.toString('utf8')) as { customerId: string }
      const row = Number(customerId.slice(2))
      seen.set(row, status.get(batchId, row)?.status as string | undefined)
      const onward = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        }
      )
      onward.end(body)
    })
  })
  server.on('close', () => db.close())
  proxy = server
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return { baseUrl: `http://127.0.0.1:${port}/rtm`, seen }
}

describe('rows recorded ahead of their slot', () => {
  it('records ahead at most half the concurrency (16 at most), never more than the concurrency', () => {
    expect([1, 2, 3, 4, 16, 33, 64].map(lookaheadFor)).toEqual([1, 1, 2, 2, 8, 16, 16])
    for (let c = 1; c <= 64; c++) expect(lookaheadFor(c)).toBeLessThanOrEqual(c)
    expect([1, 2, 8, 16].map(refillFor)).toEqual([1, 1, 2, 4])
  })

  it('no request leaves before its ledger record is durably pending', async () => {
    bed = await openBatchBed({ latencyMs: 5 })
    const b = bed
    // A ledger slow to write (a busy disk): a launcher that did not wait for the pending record
    // would send first.
    const slow: Ledger = {
      ...b.ledger,
      begin: (launch) =>
        new Promise((done) => setTimeout(done, 15)).then(() => b.ledger.begin(launch))
    }
    const launches = new LaunchService({ ledger: slow, logger: silentLogger })
    const file = join(b.dir, 'history.db')
    const { baseUrl, seen } = await ledgerCheckingProxy(b, file, 'b1')
    const run = new BatchScheduler(
      readRows(b.file('r.csv', customersCsv(40))),
      templateRowResolver(ONBOARDING),
      recordRows(launches, { ...b.connection, baseUrl }, { batchId: 'b1' }),
      { concurrency: 8 }
    )
    const result = await run.run()
    expect(result.counts).toMatchObject({ started: 40, inFlight: 0 })
    expect(b.sandbox.inFlight().max).toBeLessThanOrEqual(8)
    expect([...seen.keys()].sort((x, y) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1)
    )
    // Every request found its row already committed as pending.
    expect(new Set(seen.values())).toEqual(new Set(['pending']))
  })

  it('a cancel completes the rows recorded ahead as not sent; rerun failed sends them', async () => {
    bed = await openBatchBed({ hang: true })
    const b = bed
    const batches = new BatchService({ ledger: b.ledger, launches: b.launches })
    // Two slots and one row recorded ahead: rows 1–2 hang at the sandbox, row 3 waits for a slot.
    expect(lookaheadFor(2)).toBe(1)
    const run = await batches.start(
      { rowsFile: b.file('customers.csv', customersCsv(5)), source: ONBOARDING },
      b.connection,
      { concurrency: 2 }
    )
    await b.sandbox.waitForRequests(2)
    batches.cancel(run.id, true)
    expect(await batches.wait(run.id)).toMatchObject({
      status: 'cancelled',
      unknown: 2,
      notSent: 3
    })
    expect(b.sandbox.requests).toHaveLength(2)

    const records = await b.ledger.records({ batchId: run.id }, 10)
    const byRow = new Map(records.map((r) => [r.batchRow, r]))
    expect([...byRow.keys()].sort()).toEqual([1, 2, 3])
    expect(byRow.get(1)?.status).toBe('unknown')
    expect(byRow.get(2)?.status).toBe('unknown')
    // Row 3 was recorded pending before the cancel and never left: failed before sending.
    expect(byRow.get(3)).toMatchObject({ status: 'failed', error: NOT_SENT_ERROR })
    expect(byRow.get(3)?.httpStatus).toBeUndefined()
    const view = await batches.get(run.id)
    expect(view.rows.find((r) => r.row === 3)).toMatchObject({
      status: 'not-sent',
      sent: false,
      recordId: byRow.get(3)?.id
    })

    // Read back from the ledger alone (the app restarted): still not sent, not a failure.
    const later = new BatchService({ ledger: b.ledger, launches: b.launches })
    expect((await later.get(run.id)).rows.map((r) => [r.row, r.status, r.sent])).toEqual([
      [1, 'unknown', true],
      [2, 'unknown', true],
      [3, 'not-sent', false]
    ])

    expect(batches.rerunRows(run.id)).toEqual([3, 4, 5])
    b.sandbox.setFaults(undefined)
    const rerun = await batches.rerun(run.id)
    expect(await batches.wait(rerun.id)).toMatchObject({ status: 'done', started: 3 })
    const sent = b.sandbox.requests
      .slice(2)
      .map((r) => (JSON.parse(r.body) as { customerId: string }).customerId)
    expect(sent.sort()).toEqual(['C-3', 'C-4', 'C-5'])
  })
})
