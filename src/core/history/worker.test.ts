import { resolve } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { AppFailure } from '../../shared/errors'
import { makeInstance, makeLaunch, makeTempLedgerDir } from './fixtures/launches'
import { openLedger, openLedgerWorker, type Ledger } from './index'

const WORKER = { entry: resolve(__dirname, 'worker.ts'), execArgv: ['--import', 'tsx'] }

let temp: ReturnType<typeof makeTempLedgerDir>

beforeEach(() => {
  temp = makeTempLedgerDir()
})

afterEach(() => {
  temp.cleanup()
})

describe('the ledger in a worker thread', () => {
  it('records, completes, searches and refuses through the same interface', async () => {
    const ledger: Ledger = await openLedgerWorker(temp.file, WORKER)
    try {
      const pending = await ledger.begin(makeLaunch({ id: 'w1', ticket: 'SUP-9' }))
      expect(pending.status).toBe('pending')
      const done = await ledger.complete('w1', {
        status: 'started',
        durationMs: 3,
        instance: makeInstance('0f8fad5b-d9cb-469f-a165-70867728950e', ['t1'])
      })
      expect(done).toMatchObject({ status: 'started', ticket: 'SUP-9' })
      expect((await ledger.search({ text: 'alice@example.com' })).items.map((i) => i.id)).toEqual([
        'w1'
      ])
      const [many] = await ledger.beginMany(
        [makeLaunch({ id: 'w2' }), makeLaunch({ id: 'w3' })].slice(0, 1)
      )
      expect(many.id).toBe('w2')
      const failure = await ledger.begin(makeLaunch({ id: 'w1' })).catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(AppFailure)
      expect((failure as AppFailure).error.code).toBe('INVALID_INPUT')
    } finally {
      await ledger.close()
    }
    await expect(ledger.count()).rejects.toThrow(/closed/)
  })

  it('commits calls that arrive together as one group, where one failing call undoes only itself', async () => {
    const ledger = await openLedgerWorker(temp.file, WORKER)
    try {
      await ledger.begin(makeLaunch({ id: 'taken' }))
      const results = await Promise.allSettled([
        ...Array.from({ length: 20 }, (_, n) => ledger.begin(makeLaunch({ id: `g${n}` }))),
        ledger.begin(makeLaunch({ id: 'taken' })),
        ledger.complete('g0', { status: 'started', durationMs: 1 })
      ])
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1)
      expect(results[20]).toMatchObject({ status: 'rejected' })
      expect(await ledger.count()).toBe(21)
      expect((await ledger.get('g0'))?.status).toBe('started')
    } finally {
      await ledger.close()
    }
  })

  it.each([
    ['in its worker thread', (file: string) => openLedgerWorker(file, WORKER)],
    ['in process', (file: string) => openLedger(file)]
  ])(
    'runs the calls of one event-loop turn, made in separate callbacks, as one group (%s)',
    async (_, open) => {
      const ledger = await open(temp.file)
      try {
        const before = (await ledger.stats?.())?.groups ?? 0
        // Two callbacks of the same turn, as two sockets whose answers arrived together.
        const begun = await new Promise<Array<Promise<unknown>>>((done) => {
          const calls: Array<Promise<unknown>> = []
          setImmediate(() => calls.push(ledger.begin(makeLaunch({ id: 'turn-1' }))))
          setImmediate(() => {
            calls.push(ledger.begin(makeLaunch({ id: 'turn-2' })))
            done(calls)
          })
        })
        await Promise.all(begun)
        const after = (await ledger.stats?.())?.groups ?? 0
        // The two begins made one group; the second stats call is the other.
        expect(after - before).toBe(2)
        expect(await ledger.count()).toBe(2)
      } finally {
        await ledger.close()
      }
    }
  )

  it('shares the file with an in-process ledger, and the duplicate guard holds across both', async () => {
    const worker = await openLedgerWorker(temp.file, WORKER)
    const local = await openLedger(temp.file)
    try {
      const since = '2024-12-31T00:00:00.000Z'
      const launch = makeLaunch({ payload: '{"a":1,"b":2}' })
      const [first, second] = await Promise.all([
        worker.beginUnlessDuplicate(launch, since),
        local.beginUnlessDuplicate({ ...launch, payload: '{"b":2,"a":1}' }, since)
      ])
      const written = [first, second].filter((r) => 'record' in r)
      expect(written).toHaveLength(1)
      expect(await local.count()).toBe(1)
      expect(await worker.count()).toBe(1)
    } finally {
      await worker.close()
      await local.close()
    }
  })

  it('answers calls whose optional arguments are left out, as the in-process ledger does', async () => {
    const worker = await openLedgerWorker(temp.file, WORKER)
    try {
      await worker.begin(makeLaunch({ id: 'opt', processName: 'loan_application' }))
      const done = await worker.complete('opt', { status: 'failed', durationMs: Number.NaN })
      expect(done.durationMs).toBeUndefined()
      expect(await worker.processNames()).toEqual(['loan_application'])
      expect(await worker.listBatches()).toEqual([])
      expect(await worker.prune({ keepLatest: 5 })).toEqual({ removed: 0, dryRun: false })
      expect(await worker.get('missing')).toBeUndefined()
      const stats = await worker.stats?.()
      expect(stats?.calls).toBeGreaterThanOrEqual(6)
      expect(stats?.groups).toBeGreaterThanOrEqual(1)
    } finally {
      await worker.close()
    }
  })
})
