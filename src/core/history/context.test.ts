import { DatabaseSync } from 'node:sqlite'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { AppFailure } from '../../shared/errors'
import { makeInstance, makeLaunch, makeTempLedgerDir } from './fixtures/launches'
import { LedgerFile, openLedger } from './index'
import { MIGRATIONS, migrate, readSchemaVersion } from './schema'

let temp: ReturnType<typeof makeTempLedgerDir>

beforeEach(() => {
  temp = makeTempLedgerDir()
})

afterEach(() => {
  temp.cleanup()
})

const CONTEXT = {
  template: '{"customerEmail":"{{email}}","customerId":"{{id}}"}',
  variables: { email: 'alice@example.com', id: 'CUST-000123' },
  savedLaunch: 'Onboard a customer',
  ticket: 'SUP-4711',
  note: 'reproducing the stuck onboarding',
  batchId: 'batch-1',
  batchRow: 7,
  replayOf: 'earlier-launch',
  launchedBy: 'qa-bot'
}

describe('launch context (schema 3)', () => {
  it('keeps every context field and the exact payload text', () => {
    const ledger = LedgerFile.open(temp.file)
    try {
      const payload = '{ "customerEmail" : "alice@example.com", "customerId":"CUST-000123" }'
      const pending = ledger.begin(makeLaunch({ id: 'ctx', payload, ...CONTEXT }))
      expect(pending).toMatchObject({ ...CONTEXT, payload })
      ledger.complete('ctx', {
        status: 'failed',
        durationMs: 5,
        error: { code: 'SERVER', message: 'x'.repeat(500), hint: 'h' }
      })
      const record = ledger.get('ctx')
      expect(record).toMatchObject({ ...CONTEXT, payload })
      const [summary] = ledger.search({}).items
      expect(summary).toMatchObject({ ticket: 'SUP-4711', batchId: 'batch-1', batchRow: 7 })
      expect(summary).not.toHaveProperty('template')
      expect(summary).not.toHaveProperty('variables')
      // The list carries a short reason; the record keeps the whole message and the hint.
      expect(summary.error?.message.length).toBeLessThanOrEqual(200)
      expect(summary.error).not.toHaveProperty('hint')
      expect(record?.error?.message).toHaveLength(500)
    } finally {
      ledger.close()
    }
  })

  it('leaves out context values of the wrong type instead of storing them', () => {
    const ledger = LedgerFile.open(temp.file)
    try {
      const odd = { ticket: 42, batchRow: 'seven', variables: { ok: 'yes', bad: 3 } }
      ledger.begin(makeLaunch({ id: 'odd', ...(odd as object) }))
      const record = ledger.get('odd')
      expect(record?.ticket).toBeUndefined()
      expect(record?.batchRow).toBeUndefined()
      expect(record?.variables).toEqual({ ok: 'yes' })
    } finally {
      ledger.close()
    }
  })

  it('finds launches by payload value, ticket and note, and filters by ticket and batch', () => {
    const ledger = LedgerFile.open(temp.file)
    try {
      ledger.begin(
        makeLaunch({
          id: 'a',
          payload: '{"customer":{"email":"alice@example.com","id":"CUST-000123"}}',
          ticket: 'SUP-1',
          batchId: 'b1',
          batchRow: 1
        })
      )
      ledger.begin(
        makeLaunch({
          id: 'b',
          startedAt: '2025-01-01T00:01:00.000Z',
          payload: '{"customer":{"email":"bob@example.com","amount":250000}}',
          note: 'loan edge case',
          batchId: 'b1',
          batchRow: 2
        })
      )
      ledger.begin(makeLaunch({ id: 'c', startedAt: '2025-01-01T00:02:00.000Z', payload: '{}' }))
      const ids = (text: string): string[] => ledger.search({ text }).items.map((i) => i.id)
      expect(ids('alice@example.com')).toEqual(['a'])
      expect(ids('CUST-000123')).toEqual(['a'])
      expect(ids('250000')).toEqual(['b'])
      expect(ids('SUP-1')).toEqual(['a'])
      expect(ids('edge case')).toEqual(['b'])
      expect(ledger.search({ ticket: 'SUP-1' }).items.map((i) => i.id)).toEqual(['a'])
      expect(ledger.search({ batchId: 'b1' }).items.map((i) => i.id)).toEqual(['b', 'a'])
      expect(ledger.search({ batchId: 'none' }).items).toEqual([])
    } finally {
      ledger.close()
    }
  })

  it('finds a launch by payload value in a read-only file before it is indexed', () => {
    const ledger = LedgerFile.open(temp.file)
    ledger.begin(makeLaunch({ id: 'fresh', payload: '{"email":"carol@example.com"}' }))
    // Not indexed yet: close would index it, so read from a second, read-only connection now.
    const reader = LedgerFile.open(temp.file, { readOnly: true })
    try {
      expect(reader.search({ text: 'carol@example.com' }).items.map((i) => i.id)).toEqual(['fresh'])
      expect(() => reader.begin(makeLaunch())).toThrow(/read-only/)
    } finally {
      reader.close()
      ledger.close()
    }
  })
})

describe('migration from schema 2', () => {
  it('keeps every launch, its tokens and its searchability', () => {
    const db = new DatabaseSync(temp.file)
    migrate(db, temp.file, MIGRATIONS.slice(0, 2))
    db.exec(`INSERT INTO launches (id, started_at, status, profile_id, profile_name, profile_color,
      mode, app_id, build_id, process_name, base_url, path, payload, instance_uuid, token_count,
      instance_json, tls_verification, retried_after_401)
      VALUES ('old', '2024-05-01T00:00:00.000Z', 'started', 'dev', 'Dev', 'blue', 'build', 'app-1',
      'build-1', 'loan_application', 'https://x/rtm', '/p', '{"email":"dave@example.com"}',
      '0f8fad5b-d9cb-469f-a165-70867728950e', 1,
      '{"uuid":"0f8fad5b-d9cb-469f-a165-70867728950e","tokens":[{"id":"777","state":"A","statusCurrentNode":"N"}]}',
      'custom-ca', 1)`)
    db.exec("INSERT INTO launch_tokens (launch_id, token_id) VALUES ('old', '777')")
    expect(readSchemaVersion(db)).toBe(2)
    db.close()

    const ledger = LedgerFile.open(temp.file)
    try {
      expect(ledger.get('old')).toMatchObject({
        status: 'started',
        tlsVerification: 'custom-ca',
        retriedAfter401: true,
        payload: '{"email":"dave@example.com"}'
      })
      expect(ledger.findByTokenId('777').map((r) => r.id)).toEqual(['old'])
      expect(ledger.search({ text: '777' }).items.map((i) => i.id)).toEqual(['old'])
      expect(ledger.search({ text: 'dave@example.com' }).items.map((i) => i.id)).toEqual(['old'])
      expect(ledger.search({ text: 'loan' }).items.map((i) => i.id)).toEqual(['old'])
      expect(ledger.processNames()).toEqual(['loan_application'])
    } finally {
      ledger.close()
    }
  })
})

describe('batches', () => {
  it('creates, updates, gets and lists batch summaries', () => {
    const ledger = LedgerFile.open(temp.file, { now: () => new Date('2025-02-01T10:00:00.000Z') })
    try {
      const batch = ledger.createBatch({
        id: 'run-1',
        profileId: 'dev',
        profileName: 'Dev',
        savedLaunch: 'Onboard',
        rowsFile: 'customers.csv',
        launchedBy: 'qa',
        status: 'running',
        total: 3
      })
      expect(batch).toMatchObject({
        id: 'run-1',
        createdAt: '2025-02-01T10:00:00.000Z',
        total: 3,
        started: 0
      })
      const done = ledger.updateBatch('run-1', {
        started: 2,
        failed: 1,
        status: 'done',
        finishedAt: '2025-02-01T10:01:00.000Z'
      })
      expect(done).toMatchObject({
        started: 2,
        failed: 1,
        status: 'done',
        finishedAt: '2025-02-01T10:01:00.000Z'
      })
      expect(ledger.getBatch('run-1')).toEqual(done)
      expect(ledger.listBatches().map((b) => b.id)).toEqual(['run-1'])
      expect(() => ledger.updateBatch('nope', { status: 'done' })).toThrow(AppFailure)
    } finally {
      ledger.close()
    }
  })
})

describe('delete, restore and retention', () => {
  it('hides a deleted launch until it is restored', async () => {
    const ledger = await openLedger(temp.file)
    try {
      await ledger.begin(makeLaunch({ id: 'gone' }))
      const removed = await ledger.delete('gone')
      expect(removed.id).toBe('gone')
      expect(await ledger.get('gone')).toBeUndefined()
      expect((await ledger.search({})).items).toEqual([])
      expect(await ledger.count()).toBe(0)
      expect((await ledger.restore('gone')).id).toBe('gone')
      expect((await ledger.search({})).items.map((i) => i.id)).toEqual(['gone'])
      await expect(ledger.restore('gone')).rejects.toThrow(/no longer be restored/)
    } finally {
      await ledger.close()
    }
  })

  it('prunes exactly the oldest by age or count, never a pending launch, and says what a dry run would do', async () => {
    const ledger = await openLedger(temp.file)
    try {
      for (let i = 0; i < 6; i++) {
        const { id } = await ledger.begin(
          makeLaunch({ id: `l${i}`, startedAt: `2025-01-0${i + 1}T00:00:00.000Z` })
        )
        if (i !== 0)
          await ledger.complete(id, {
            status: 'started',
            durationMs: 1,
            instance: makeInstance(`0f8fad5b-d9cb-469f-a165-00000000000${i}`, [`t${i}`])
          })
      }
      expect(await ledger.prune({ olderThan: '2025-01-04T00:00:00.000Z' }, true)).toEqual({
        removed: 2,
        dryRun: true
      })
      expect(await ledger.count()).toBe(6)
      expect(await ledger.prune({ olderThan: '2025-01-04T00:00:00.000Z' })).toEqual({
        removed: 2,
        dryRun: false
      })
      // l0 is pending (its outcome is still coming): kept.
      expect((await ledger.search({})).items.map((i) => i.id)).toEqual(['l5', 'l4', 'l3', 'l0'])
      expect(await ledger.findByTokenId('t1')).toEqual([])
      expect(await ledger.prune({ keepLatest: 2 })).toEqual({ removed: 1, dryRun: false })
      expect((await ledger.search({})).items.map((i) => i.id)).toEqual(['l5', 'l4', 'l0'])
      expect(await ledger.processNames()).toEqual(['customer_onboarding'])
    } finally {
      await ledger.close()
    }
  })
})
