/**
 * The ledger's read queries: records, pages and searches, lookups by instance uuid and token id,
 * process-name suggestions, counts and batch summaries. They run on the connection LedgerFile says
 * a read should use (the writing one inside a write transaction, else the reading one), after the
 * full-text index and derived lookups have caught up a chunk where the file can be written; what still
 * waits to be indexed (a long backlog, or any on a read-only file) is scanned.
 */
import type { DatabaseSync } from 'node:sqlite'

import type { BatchRecord, HistoryPage, HistoryQuery, LaunchRecord } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { getBatch, listBatches } from './batches'
import type { StatementCache } from './database'
import {
  BROAD_MATCHES,
  COUNT_MATCHES,
  MAX_PAGE_SIZE,
  buildSearch,
  clampLimit,
  encodeCursor
} from './query'
import { RECORD_COLUMNS, toRecord, toSummary } from './rows'

/** Options for process-name suggestions. */
export interface ProcessNameOptions {
  profileId?: string
  prefix?: string
  limit?: number
}

/** Where and how a read runs (LedgerFile gives it). */
export interface ReadSide {
  /** The statements of the connection a read uses now. */
  statements(): StatementCache
  /** That connection. */
  db(): DatabaseSync
  /**
   * Index a chunk of what waits (all of it, usually), or everything for a read that goes through
   * the whole history; nothing on a read-only file.
   */
  catchUp(all?: boolean): void
}

const DEFAULT_SUGGESTIONS = 20

const GET = `SELECT ${RECORD_COLUMNS} FROM launches WHERE id = ? AND deleted_at IS NULL`
/** The instance of a completion whose uuid and token ids are not indexed yet (fts-index.ts). */
const QUEUED_INSTANCE = `SELECT q.seq, t.instance_json AS body FROM derive_queue q
  JOIN launches t ON t.seq = q.seq WHERE json_valid(t.instance_json)`
const BY_INSTANCE = `SELECT ${RECORD_COLUMNS} FROM launches WHERE seq IN
  (SELECT seq FROM launches WHERE instance_uuid = ?1
    UNION SELECT seq FROM (${QUEUED_INSTANCE}) WHERE json_extract(body, '$.uuid') = ?1 COLLATE NOCASE)
  AND deleted_at IS NULL ORDER BY started_at DESC, id DESC LIMIT ${MAX_PAGE_SIZE}`
const BY_TOKEN = `SELECT ${RECORD_COLUMNS} FROM launches WHERE seq IN
  (SELECT seq FROM launch_tokens WHERE token_id = ?1
    UNION SELECT seq FROM (${QUEUED_INSTANCE}), json_each(body, '$.tokens') AS token
      WHERE json_extract(token.value, '$.id') = ?1)
  AND deleted_at IS NULL ORDER BY started_at DESC, id DESC LIMIT ${MAX_PAGE_SIZE}`
const COUNT = `SELECT (SELECT count(*) FROM launches) -
  (SELECT count(*) FROM launches WHERE deleted_at IS NOT NULL) AS n`

/** The read queries of one ledger file. */
export class LedgerReads {
  constructor(private readonly side: ReadSide) {}

  /** The whole record of one launch, payload and instance included. */
  get(id: string): LaunchRecord | undefined {
    const row = this.side.statements().get(GET).get(id)
    return row ? toRecord(row) : undefined
  }

  /** One page of launch summaries, newest first; pass `nextCursor` back for the next page. */
  search(query: HistoryQuery): HistoryPage {
    // Launches not indexed yet are added first, a chunk at most (all of them, usually), so every
    // launch matches the same way; the query scans the rest by substring (and all of them on a
    // read-only file).
    this.side.catchUp()
    const { sql, params, limit } = buildSearch(query, (fts) => this.isBroad(fts))
    const rows = this.side
      .statements()
      .get(sql)
      .all(...params)
    const items = rows.slice(0, limit).map(toSummary)
    const last = items.at(-1)
    if (rows.length <= limit || !last) return { items }
    return { items, nextCursor: encodeCursor({ startedAt: last.startedAt, id: last.id }) }
  }

  /** Whole records matching `query` (no paging limit), newest first: for exports. */
  records(query: HistoryQuery, max: number): LaunchRecord[] {
    // Every page would otherwise index one chunk and scan the rest again.
    this.side.catchUp(true)
    const found: LaunchRecord[] = []
    let cursor: string | undefined
    do {
      const page = this.search({ ...query, cursor, limit: MAX_PAGE_SIZE })
      for (const item of page.items) {
        const record = found.length < max ? this.get(item.id) : undefined
        if (record) found.push(record)
      }
      cursor = page.nextCursor
    } while (cursor !== undefined && found.length < max)
    return found
  }

  /** Launches whose FlowX instance has this uuid (any letter case), newest first. */
  findByInstanceUuid(uuid: string): LaunchRecord[] {
    this.side.catchUp()
    return this.side.statements().get(BY_INSTANCE).all(uuid).map(toRecord)
  }

  /** Launches whose instance had a token with this id, newest first. */
  findByTokenId(tokenId: string): LaunchRecord[] {
    this.side.catchUp()
    return this.side.statements().get(BY_TOKEN).all(tokenId).map(toRecord)
  }

  /** Process names used before, most recently used first, optionally for one profile or prefix. */
  processNames(options: ProcessNameOptions = {}): string[] {
    this.side.catchUp()
    const where: string[] = []
    const params: (string | number)[] = []
    if (options.profileId !== undefined) {
      where.push('profile_id = ?')
      params.push(options.profileId)
    }
    const prefix = options.prefix?.trim() ?? ''
    if (prefix !== '') {
      where.push("process_name LIKE ? ESCAPE '\\'")
      params.push(`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    }
    params.push(clampLimit(options.limit, DEFAULT_SUGGESTIONS))
    const filter = where.length > 0 ? `AND ${where.join(' AND ')}` : ''
    // Launches not indexed yet (a read-only file) are read directly.
    const sql = `SELECT process_name, max(last) AS last FROM (
      SELECT process_name, last_started_at AS last FROM process_names WHERE 1 ${filter}
      UNION ALL SELECT process_name, started_at FROM launches
        WHERE seq > (SELECT indexed_upto FROM fts_state) ${filter})
      GROUP BY process_name ORDER BY last DESC, process_name LIMIT ?`
    params.splice(params.length - 1, 0, ...params.slice(0, -1))
    return this.side
      .statements()
      .get(sql)
      .all(...params)
      .flatMap((row) => (typeof row.process_name === 'string' ? [row.process_name] : []))
  }

  /** How many launches the ledger holds (deleted ones not counted). */
  count(): number {
    const n = this.side.statements().get(COUNT).get()?.n
    return typeof n === 'number' ? n : 0
  }

  getBatch(id: string): BatchRecord | undefined {
    return getBatch(this.side.db(), id)
  }

  listBatches(limit = 50): BatchRecord[] {
    return listBatches(this.side.db(), clampLimit(limit, 50))
  }

  private isBroad(fts: string): boolean {
    const n = this.side
      .statements()
      .get(COUNT_MATCHES)
      .get(fts, BROAD_MATCHES + 1)?.n
    return typeof n === 'number' && n > BROAD_MATCHES
  }

  /** The record of `id`, or a RECORD_NOT_FOUND failure. */
  mustGet(id: string): LaunchRecord {
    const record = this.get(id)
    if (!record) throw new AppFailure('RECORD_NOT_FOUND', `Launch ${id} is not in the history.`)
    return record
  }

  /** Deleted launches included: completing a launch the user hid still records its outcome. */
  mustGetAny(id: string): LaunchRecord {
    const row = this.side
      .statements()
      .get(`SELECT ${RECORD_COLUMNS} FROM launches WHERE id = ?`)
      .get(id)
    if (!row) throw new AppFailure('RECORD_NOT_FOUND', `Launch ${id} is not in the history.`)
    return toRecord(row)
  }
}
