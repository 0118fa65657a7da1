/** Turns a HistoryQuery into one keyset-paged SQL statement. */
import type { SQLInputValue } from 'node:sqlite'

import type { HistoryQuery } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { SUMMARY_COLUMN_NAMES } from './rows'

/** The instance uuid is indexed in bulk after completion: until then it is read from the body. */
const SELECT_SUMMARY = `SELECT ${SUMMARY_COLUMN_NAMES.map((name) =>
  name === 'instance_uuid'
    ? `coalesce(l.instance_uuid, CASE WHEN json_valid(l.instance_json)
        THEN json_extract(l.instance_json, '$.uuid') END) AS instance_uuid`
    : `l.${name}`
).join(', ')}`

/** Page size when the query names none. */
export const DEFAULT_PAGE_SIZE = 50
/** Largest page a query may ask for. */
export const MAX_PAGE_SIZE = 500

/** Where the previous page ended: the newest-first sort key of its last row. */
export interface PageKey {
  startedAt: string
  id: string
}

/** A statement and its parameters; `limit` is the page size (the SQL asks for one more row). */
export interface SearchSql {
  sql: string
  params: SQLInputValue[]
  limit: number
}

/** The opaque cursor for a page that ends at `key` (base64url of its started_at and id). */
export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify([key.startedAt, key.id]), 'utf8').toString('base64url')
}

/** Read a cursor back; anything that is not one of ours is refused. */
export function decodeCursor(cursor: string): PageKey {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string'
    ) {
      return { startedAt: parsed[0], id: parsed[1] }
    }
  } catch {
    // Falls through to the failure below.
  }
  throw new AppFailure('INVALID_INPUT', 'This history page is out of date.', {
    hint: 'Search again from the first page.'
  })
}

/** Normalise an ISO date-time to the stored form (UTC, milliseconds), or refuse it. */
export function normalizeTimestamp(value: string, field: string): string {
  // One parse (twice per launch begun): an invalid text gives NaN for the year.
  const date = new Date(value)
  const year = date.getUTCFullYear()
  // Outside years 0-9999 toISOString() adds a sign and breaks the text order of started_at.
  if (!(year >= 0 && year <= 9999)) {
    throw new AppFailure('INVALID_INPUT', `${field} is not an ISO date-time.`)
  }
  return date.toISOString()
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const NUMBER = /^\d{1,32}$/
/** The start of a UUID, as copied from a truncated column: hex, maybe with dashes. */
const UUID_START = /^[0-9a-f]{4,}(?:-[0-9a-f]*)*$/i
/** Above every character: `prefix + TOP` bounds the strings that start with prefix. */
const TOP = '\u{10FFFF}'

/** How the `text` of a query is matched. */
export type TextMatch =
  | { kind: 'exact'; value: string; fts: string }
  | { kind: 'words'; fts: string; words: string[]; single?: string; uuidStart?: string }
  | { kind: 'like'; pattern: string }
  | { kind: 'none' }

/**
 * A UUID or a number is an id someone pasted: match it exactly (instance uuid, token id, launch id,
 * or a whole app, build or workspace id or payload value in the full-text index). Other text is
 * words: each must prefix-match a word of the process name, profile name, saved launch, those ids,
 * the ticket, the note or a value of the payload or variables; a single word also matches
 * a whole launch id, and a hex fragment the start of an instance uuid. Text with no letters or
 * digits falls back to a substring of the process name.
 */
export function classifyText(text: string | undefined): TextMatch {
  const trimmed = text?.trim() ?? ''
  if (trimmed === '') return { kind: 'none' }
  if (UUID.test(trimmed) || NUMBER.test(trimmed)) {
    return { kind: 'exact', value: trimmed, fts: orCompact(trimmed, '') }
  }
  const words = trimmed.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word))
  if (words.length === 0) {
    return { kind: 'like', pattern: `%${trimmed.replace(/[\\%_]/g, (c) => `\\${c}`)}%` }
  }
  // Quoting makes FTS5 syntax in the input (AND, NEAR, ^, :, -) plain text. The tokenizer splits a
  // quoted word such as customer_onb into a phrase; the * prefix-matches its last part.
  const fts = words.map((word) => orCompact(word, '*')).join(' ')
  const match: TextMatch = { kind: 'words', fts, words }
  // One word may also be a whole launch id or the start of an instance uuid.
  if (words.length === 1 && words[0] === trimmed) match.single = trimmed
  if (UUID_START.test(trimmed)) match.uuidStart = trimmed
  return match
}

/** Characters dropped from an identifier-like payload value in the index (fts-index.ts). */
export const COMPACTED = /[-@.+_/:]/g

/**
 * The FTS term for a word: the word as a phrase, or, when it has identifier punctuation
 * (`alice@example.com`, `CUST-000123`), that phrase OR its compact form — payload values like that
 * are indexed as one compact token, which is both exact and fast to look up.
 */
function orCompact(word: string, suffix: string): string {
  const compact = word.replace(COMPACTED, '')
  if (compact === word || !/[\p{L}\p{N}]/u.test(compact)) return `${quote(word)}${suffix}`
  return `(${quote(word)}${suffix} OR ${quote(compact)}${suffix})`
}

function quote(word: string): string {
  return `"${word.replaceAll('"', '""')}"`
}

/** What the full-text index holds of a launch, as one text for launches not indexed yet. */
const TAIL_TEXT = `process_name || ' ' || profile_name || ' ' || app_id || ' ' ||
  coalesce(build_id, '') || ' ' || coalesce(workspace_id, '') || ' ' ||
  coalesce(saved_launch, '') || ' ' || coalesce(ticket, '') || ' ' || coalesce(note, '') || ' ' ||
  coalesce(variables_json, '') || ' ' || payload || ' ' || coalesce(instance_json, '')`

/**
 * Above this many full-text matches, a page is read by walking the time index and keeping matching
 * rows (stops after one page); below it, by fetching the matches and sorting them.
 */
export const BROAD_MATCHES = 1000

/** SQL that counts full-text matches up to BROAD_MATCHES + 1 (parameters: expression, cap). */
export const COUNT_MATCHES = `SELECT count(*) AS n FROM
  (SELECT 1 FROM launches_fts WHERE launches_fts MATCH ? LIMIT ?)`

/**
 * Build the statement for one page of `query`, newest first. `isBroad` tells whether a full-text
 * expression matches more than BROAD_MATCHES launches.
 */
export function buildSearch(query: HistoryQuery, isBroad: (fts: string) => boolean): SearchSql {
  const where: string[] = []
  const params: SQLInputValue[] = []
  const add = (clause: string, ...values: SQLInputValue[]): void => {
    // Every filter is a parameter: nothing the user typed is ever part of the SQL text.
    where.push(clause)
    params.push(...values)
  }

  if (query.profileId !== undefined) add('l.profile_id = ?', query.profileId)
  if (query.processName !== undefined) add('l.process_name = ?', query.processName)
  if (query.status !== undefined) add('l.status = ?', query.status)
  if (query.from !== undefined) add('l.started_at >= ?', normalizeTimestamp(query.from, 'From'))
  if (query.to !== undefined) add('l.started_at < ?', normalizeTimestamp(query.to, 'To'))
  if (query.ticket !== undefined) add('l.ticket = ?', query.ticket)
  if (query.batchId !== undefined) add('l.batch_id = ?', query.batchId)
  add('l.deleted_at IS NULL')

  const match = classifyText(query.text)
  if (match.kind === 'like') {
    add("l.process_name LIKE ? ESCAPE '\\'", match.pattern)
  } else if (match.kind !== 'none') {
    const sources = ['SELECT rowid FROM launches_fts WHERE launches_fts MATCH ?']
    const values: SQLInputValue[] = [match.fts]
    // Launches not in the full-text index yet (index.ts adds them when the ledger is idle): a
    // substring test over the same text, so a launch is never hidden while it waits.
    const words = match.kind === 'exact' ? [match.value] : match.words
    sources.push(
      `SELECT seq FROM launches WHERE seq > (SELECT indexed_upto FROM fts_state) AND ${words
        .map(() => `instr(lower(${TAIL_TEXT}), lower(?)) > 0`)
        .join(' AND ')}`
    )
    values.push(...words)
    const single = match.kind === 'exact' ? match.value : match.single
    if (single !== undefined) {
      sources.push('SELECT seq FROM launches WHERE id = ?')
      values.push(single)
    }
    if (match.kind === 'exact') {
      // Completions whose uuid and tokens are not indexed yet (read-only file: no catching up).
      sources.push(
        `SELECT q.seq FROM derive_queue q JOIN launches t ON t.seq = q.seq
          WHERE instr(lower(t.instance_json), lower(?)) > 0`
      )
      values.push(match.value)
      sources.push(
        'SELECT seq FROM launches WHERE instance_uuid = ?',
        'SELECT seq FROM launch_tokens WHERE token_id = ?'
      )
      values.push(match.value, match.value)
    } else if (match.uuidStart !== undefined) {
      // A range on the NOCASE column, so the instance index serves it in any letter case.
      sources.push('SELECT seq FROM launches WHERE instance_uuid >= ? AND instance_uuid < ?')
      values.push(match.uuidStart, match.uuidStart + TOP)
    }
    // "+" stops SQLite from fetching every match by rowid and sorting them; it then walks the
    // time index instead and stops after one page, which is faster when matches are many.
    const seq = isBroad(match.fts) ? '+l.seq' : 'l.seq'
    add(`${seq} IN (${sources.join(' UNION ')})`, ...values)
  }

  if (query.cursor !== undefined) {
    const key = decodeCursor(query.cursor)
    add('(l.started_at, l.id) < (?, ?)', key.startedAt, key.id)
  }

  const limit = clampLimit(query.limit, DEFAULT_PAGE_SIZE)
  const sql = [
    `${SELECT_SUMMARY} FROM launches l`,
    where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    'ORDER BY l.started_at DESC, l.id DESC LIMIT ?'
  ].join(' ')
  params.push(limit + 1)
  return { sql, params, limit }
}

/** A whole number of rows between 1 and MAX_PAGE_SIZE, or `fallback` when none is given. */
export function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)))
}
