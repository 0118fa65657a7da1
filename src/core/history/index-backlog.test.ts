/**
 * A long backlog of launches not indexed yet (a large history upgraded from an older schema): reads
 * index one chunk at most and scan the rest, closing does not finish it, and the host indexes it in
 * quiet moments.
 */
import { DatabaseSync } from 'node:sqlite'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { INDEX_CHUNK } from './fts-index'
import { makeInstance, makeLaunch, makeTempLedgerDir } from './fixtures/launches'
import { IDLE_MS, LedgerHost } from './host'
import { LedgerFile } from './index'

const LAUNCHES = INDEX_CHUNK * 7 + 7
const T0 = Date.UTC(2025, 0, 1)
const uuidOf = (n: number): string => `6a1c2e44-0b7d-4c1e-9f3a-${String(n).padStart(12, '0')}`

let temp: ReturnType<typeof makeTempLedgerDir>

/** Launches recorded and completed with no upkeep at all, as an upgrade leaves them. */
function recordBacklog(ledger: LedgerFile): void {
  ledger.batch(() => {
    for (let n = 0; n < LAUNCHES; n++) {
      const { id } = ledger.begin(
        makeLaunch({
          id: `b${n}`,
          startedAt: new Date(T0 + n * 1000).toISOString(),
          processName: n === LAUNCHES - 1 ? 'late_review' : 'customer_onboarding',
          payload: JSON.stringify({ customerRef: `cust-${n}-ref` })
        })
      )
      ledger.complete(id, {
        status: 'started',
        durationMs: 5,
        instance: makeInstance(uuidOf(n), [`tok-${n}`])
      })
    }
  })
}

/** How far the index goes, and how many completions wait for their uuid and token ids. */
function lag(): { indexed: number; queued: number } {
  const db = new DatabaseSync(temp.file)
  try {
    const indexed = Number(db.prepare('SELECT indexed_upto AS n FROM fts_state').get()?.n)
    const queued = Number(db.prepare('SELECT count(*) AS n FROM derive_queue').get()?.n)
    return { indexed, queued }
  } finally {
    db.close()
  }
}

beforeEach(() => {
  temp = makeTempLedgerDir()
  const ledger = LedgerFile.open(temp.file)
  recordBacklog(ledger)
  // What a version that closed without indexing left behind.
  const raw = new DatabaseSync(temp.file)
  raw.exec('PRAGMA busy_timeout = 5000')
  ledger.close()
  raw.exec('UPDATE fts_state SET indexed_upto = 0')
  raw.exec('DELETE FROM launches_fts')
  raw.exec('DELETE FROM launch_tokens')
  raw.exec('UPDATE launches SET instance_uuid = NULL')
  raw.exec('DELETE FROM process_names')
  raw.exec('INSERT OR IGNORE INTO derive_queue (seq) SELECT seq FROM launches')
  raw.close()
})

afterEach(() => {
  vi.useRealTimers()
  temp.cleanup()
})

describe('a long backlog of launches to index', () => {
  it('is found by every read while a read indexes one chunk of it at most', () => {
    const ledger = LedgerFile.open(temp.file)
    try {
      const last = LAUNCHES - 1
      const found = ledger.search({ text: `cust-${last}-ref` }).items
      expect(found.map((item) => item.id)).toEqual([`b${last}`])
      expect(lag()).toEqual({ indexed: INDEX_CHUNK, queued: LAUNCHES - INDEX_CHUNK })

      // Its uuid (in any letter case) and token id wait in the queue, and are found all the same.
      const byUuid = ledger.findByInstanceUuid(uuidOf(last).toUpperCase())
      expect(byUuid.map((record) => record.id)).toEqual([`b${last}`])
      expect(ledger.findByTokenId(`tok-${last}`).map((record) => record.id)).toEqual([`b${last}`])
      expect(ledger.findByTokenId('tok-none')).toEqual([])
      expect(ledger.processNames({ prefix: 'late' })).toEqual(['late_review'])
      // Five reads, five chunks.
      expect(lag()).toEqual({ indexed: INDEX_CHUNK * 5, queued: LAUNCHES - INDEX_CHUNK * 5 })
    } finally {
      ledger.close()
    }
    // Closing indexes one chunk more, not the rest.
    expect(lag()).toEqual({ indexed: INDEX_CHUNK * 6, queued: LAUNCHES - INDEX_CHUNK * 6 })
  })

  it('is indexed whole before an export pages through the history', () => {
    const ledger = LedgerFile.open(temp.file)
    try {
      const records = ledger.records({ text: 'customer_onboarding' }, 10)
      expect(records).toHaveLength(10)
      expect(lag()).toEqual({ indexed: LAUNCHES, queued: 0 })
    } finally {
      ledger.close()
    }
  })

  it('is indexed by the host in the quiet moments after the file opens', () => {
    vi.useFakeTimers()
    const host = new LedgerHost(LedgerFile.open(temp.file))
    try {
      expect(lag()).toEqual({ indexed: 0, queued: LAUNCHES })
      for (let n = 0; n < 20 && lag().queued > 0; n++) vi.advanceTimersByTime(IDLE_MS)
      expect(lag()).toEqual({ indexed: LAUNCHES, queued: 0 })
      // Now through the index itself.
      const found = host.call('findByTokenId', ['tok-3']) as Array<{ id: string }>
      expect(found.map((record) => record.id)).toEqual(['b3'])
    } finally {
      host.close()
    }
  })
})
