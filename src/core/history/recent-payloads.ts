/**
 * The duplicate check's memory of recent launches: payload key → the launches with that payload
 * begun lately, so a check reads no index at all (the payload index it replaced cost every launch
 * a write to a random page of it, with its splits). It is exact, across processes too:
 * - it is read and changed only inside the ledger's write transaction (BEGIN IMMEDIATE), so no
 *   other process writes between a check and its insert;
 * - before every insert it learns what other connections committed since (`PRAGMA data_version`
 *   tells; the rows after the last one it knows are read by seq);
 * - a remembered launch is only a candidate: the check reads its row back and applies every
 *   condition there (a launch completed as failed elsewhere, or deleted, is not a duplicate);
 * - it covers launches started at or after `from`, and after any it had to forget: an older
 *   window is answered by the file (duplicates.ts DUPLICATE_SCAN).
 */
import type { StatementCache } from './database'

/** Launches remembered at most (about 200 bytes each); beyond it the oldest are forgotten. */
export const MAX_REMEMBERED = 65_536
/** How far before a check's window launches are kept (windows of later checks start later). */
const KEEP_BEFORE_MS = 5 * 60_000
/** Checks between two passes that forget launches started long before the window. */
const FORGET_EVERY = 64

interface Remembered {
  seq: number
  id: string
  key: string
  startedAt: string
}

const DATA_VERSION = 'PRAGMA data_version'
const NEWEST = 'SELECT seq, id FROM launches ORDER BY seq DESC LIMIT 1'
const ROW_AT = 'SELECT id FROM launches WHERE seq = ?'
const ROWS_AFTER = `SELECT seq, id, payload_key, started_at FROM launches
  WHERE seq > ? AND payload_key IS NOT NULL`
const ROWS_SINCE = `SELECT seq, id, payload_key, started_at FROM launches
  WHERE started_at >= ? AND payload_key IS NOT NULL`

export class RecentPayloads {
  private readonly byKey = new Map<string, Remembered[]>()
  /** In the order they were learnt, for forgetting the oldest; `head` is the first still kept. */
  private order: Remembered[] = []
  private head = 0
  /** Not loaded yet: the first check loads its window from the file. */
  private loaded = false
  /** Every launch started at or after this is known… */
  private from = ''
  /** …except launches started at or before the latest one forgotten. */
  private forgotten = ''
  /** The newest row known (seq and id), and the data version it was known at. */
  private lastSeq = 0
  private lastId: string | undefined
  private dataVersion: unknown
  /** Checks since launches learnt long before the window were last forgotten. */
  private checks = 0
  /** Caught up in the current write transaction (no other connection can commit within it). */
  private current = false

  constructor(
    private readonly statements: StatementCache,
    private readonly max = MAX_REMEMBERED
  ) {}

  /**
   * Launches that may have the payload `key` and started at or after `since`, newest first; or
   * undefined when that window is not covered here (the caller asks the file). Inside the write
   * transaction only.
   */
  candidates(key: string, since: string): Array<{ seq: number; id: string }> | undefined {
    if (!this.loaded) this.load(since)
    else this.catchUp(since)
    // Now and then: launches are forgotten in bulk, the window's start is not worked out each time.
    if (++this.checks >= FORGET_EVERY) {
      this.checks = 0
      this.forgetBefore(since)
    }
    if (since < this.from || (this.forgotten !== '' && since <= this.forgotten)) return undefined
    const found = (this.byKey.get(key) ?? []).filter((launch) => launch.startedAt >= since)
    return found
      .sort((a, b) => cmp(b.startedAt, a.startedAt) || cmp(b.id, a.id))
      .map(({ seq, id }) => ({ seq, id }))
  }

  /** A write transaction begins: other connections may have committed since the last one. */
  transactionBegins(): void {
    this.current = false
  }

  /** Before an insert: learn what other connections committed since. */
  beforeInsert(): void {
    if (this.loaded) this.catchUp(undefined)
  }

  /** After an insert (in the same transaction): remember it. */
  inserted(seq: number, id: string, key: string, startedAt: string): void {
    this.lastSeq = seq
    this.lastId = id
    if (this.loaded) this.remember({ seq, id, key, startedAt })
  }

  private load(since: string): void {
    this.clear()
    this.loaded = true
    this.current = true
    this.from = shift(since, -KEEP_BEFORE_MS)
    this.dataVersion = this.readDataVersion()
    const newest = this.statements.get(NEWEST).get()
    this.lastSeq = typeof newest?.seq === 'number' ? newest.seq : 0
    this.lastId = typeof newest?.id === 'string' ? newest.id : undefined
    const rows = this.statements.get(ROWS_SINCE).all(this.from)
    rows.sort((a, b) => Number(a.seq) - Number(b.seq))
    for (const row of rows) this.rememberRow(row)
  }

  /** Another connection committed since we last looked: read its rows, or start over. */
  private catchUp(since: string | undefined): void {
    if (this.current) return
    this.current = true
    const version = this.readDataVersion()
    if (version === this.dataVersion) return
    this.dataVersion = version
    const at = this.lastSeq > 0 ? this.statements.get(ROW_AT).get(this.lastSeq) : undefined
    if (this.lastSeq > 0 && at?.id !== this.lastId) {
      // The newest row we knew is gone or another took its place: row numbers may have been
      // reused, so rows after it are not all the new ones.
      this.loaded = false
      if (since !== undefined) this.load(since)
      return
    }
    for (const row of this.statements.get(ROWS_AFTER).all(this.lastSeq)) {
      this.rememberRow(row)
      if (typeof row.seq === 'number' && row.seq > this.lastSeq) {
        this.lastSeq = row.seq
        this.lastId = String(row.id)
      }
    }
  }

  private rememberRow(row: Record<string, unknown>): void {
    const { seq, id, payload_key: key, started_at: startedAt } = row
    if (typeof seq !== 'number' || typeof id !== 'string') return
    if (typeof key !== 'string' || typeof startedAt !== 'string') return
    this.remember({ seq, id, key, startedAt })
  }

  private remember(launch: Remembered): void {
    const same = this.byKey.get(launch.key)
    if (same) same.push(launch)
    else this.byKey.set(launch.key, [launch])
    this.order.push(launch)
    while (this.order.length - this.head > this.max) this.forgetOldest()
  }

  /** Forget launches learnt long before `since` (in the order learnt, so a few stay longer). */
  private forgetBefore(since: string): void {
    const keepFrom = shift(since, -KEEP_BEFORE_MS)
    while (this.head < this.order.length && this.order[this.head].startedAt < keepFrom) {
      this.forgetOldest()
    }
  }

  private forgetOldest(): void {
    const launch = this.order[this.head++]
    const same = this.byKey.get(launch.key)
    const rest = same?.filter((other) => other !== launch) ?? []
    if (rest.length > 0) this.byKey.set(launch.key, rest)
    else this.byKey.delete(launch.key)
    if (launch.startedAt > this.forgotten) this.forgotten = launch.startedAt
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head)
      this.head = 0
    }
  }

  private clear(): void {
    this.byKey.clear()
    this.order = []
    this.head = 0
    this.forgotten = ''
  }

  private readDataVersion(): unknown {
    return this.statements.get(DATA_VERSION).get()?.data_version
  }

  /** For tests: how many launches are remembered. */
  get size(): number {
    return this.order.length - this.head
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** An ISO timestamp moved by `ms` (an unreadable one is kept: nothing is then covered early). */
function shift(iso: string, ms: number): string {
  const t = Date.parse(iso)
  return Number.isFinite(t) ? new Date(t + ms).toISOString() : ''
}
