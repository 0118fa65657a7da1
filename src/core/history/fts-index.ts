/**
 * The full-text index is filled in bulk, not by a trigger on every insert: one FTS5 segment per
 * launch was most of the pages a launch wrote. `indexPending` adds the launches after
 * `fts_state.indexed_upto`; until then a search scans them directly (query.ts), so a launch is
 * findable the moment it is written.
 */
import type { DatabaseSync } from 'node:sqlite'

/** Launches indexed per transaction, so one call never holds the write lock for long. */
export const INDEX_CHUNK = 500

/**
 * An identifier-like value (no space, at most 100 characters, with - @ . + _ / or :) as one
 * compact token: `alice.1@example.com` → `alice1examplecom`. One token per value keeps the index
 * small, and a search for the whole value (query.ts) reads one short list instead of intersecting
 * "example" and "com" across every launch.
 */
const COMPACT = `CASE WHEN type = 'text' AND length(value) <= 100 AND instr(value, ' ') = 0
  AND value GLOB '*[-@.+_/:]*'
  THEN replace(replace(replace(replace(replace(replace(replace(value, '-', ''), '@', ''), '.', ''),
    '+', ''), '_', ''), '/', ''), ':', '')
  ELSE value END`

/** The values of a JSON text (payload or variables) as words; nothing for text that is not JSON. */
const VALUES_OF = (column: string): string => `coalesce((SELECT group_concat(${COMPACT}, ' ')
  FROM json_tree(CASE WHEN json_valid(${column}) THEN ${column} ELSE '{}' END)
  WHERE type IN ('text', 'integer', 'real')), '')`

const INDEX_RANGE = `INSERT INTO launches_fts (rowid, names, ids, ticket, note, vals)
  SELECT seq,
    process_name || ' ' || profile_name || ' ' || coalesce(saved_launch, ''),
    app_id || ' ' || coalesce(build_id, '') || ' ' || coalesce(workspace_id, ''),
    ticket, note,
    ${VALUES_OF('payload')} || ' ' || ${VALUES_OF('variables_json')}
  FROM launches WHERE seq > ? AND seq <= ?`

/** Process-name suggestions from the same launches. */
const NAMES_RANGE = `INSERT INTO process_names (profile_id, process_name, last_started_at)
  SELECT profile_id, process_name, max(started_at) FROM launches WHERE seq > ? AND seq <= ?
  GROUP BY profile_id, process_name
  ON CONFLICT (profile_id, process_name)
  DO UPDATE SET last_started_at = max(last_started_at, excluded.last_started_at)`

/** How far the index goes, and the newest launch. */
export function indexLag(db: DatabaseSync): { upto: number; newest: number } {
  const row = db
    .prepare(
      'SELECT (SELECT indexed_upto FROM fts_state) AS upto, (SELECT max(seq) FROM launches) AS newest'
    )
    .get()
  const upto = typeof row?.upto === 'number' ? row.upto : 0
  const newest = typeof row?.newest === 'number' ? row.newest : 0
  return { upto, newest }
}

/** Whether launches or completions wait to be indexed. */
export function indexBacklog(db: DatabaseSync): boolean {
  const { upto, newest } = indexLag(db)
  return newest > upto || db.prepare('SELECT 1 FROM derive_queue LIMIT 1').get() !== undefined
}

/** Instance uuids and token ids of completed launches, from the queue. */
const QUEUED = `SELECT seq FROM derive_queue ORDER BY seq LIMIT ${INDEX_CHUNK}`
const DERIVE_UUIDS = `UPDATE launches SET instance_uuid = json_extract(instance_json, '$.uuid')
  WHERE seq IN (${QUEUED}) AND json_valid(instance_json)`
const DERIVE_TOKENS = `INSERT OR IGNORE INTO launch_tokens (token_id, seq)
  SELECT json_extract(t.value, '$.id'), l.seq FROM launches l, json_each(l.instance_json, '$.tokens') t
  WHERE l.seq IN (${QUEUED}) AND json_valid(l.instance_json)
    AND json_type(t.value, '$.id') = 'text'`
const DEQUEUE = `DELETE FROM derive_queue WHERE seq IN (${QUEUED})`

/** Index the instance uuids and token ids of up to INDEX_CHUNK completed launches; how many remain. */
function deriveQueued(db: DatabaseSync): number {
  db.prepare(DERIVE_UUIDS).run()
  db.prepare(DERIVE_TOKENS).run()
  db.prepare(DEQUEUE).run()
  const n = db.prepare('SELECT count(*) AS n FROM derive_queue').get()?.n
  return typeof n === 'number' ? n : 0
}

/**
 * Index up to `INDEX_CHUNK` launches not indexed yet (and queued completions), in the caller's
 * write transaction. Returns how much remains.
 */
export function indexPending(db: DatabaseSync): number {
  const queued = deriveQueued(db)
  const { upto, newest } = indexLag(db)
  if (newest <= upto) return queued
  const end = Math.min(newest, upto + INDEX_CHUNK)
  db.prepare(INDEX_RANGE).run(upto, end)
  db.prepare(NAMES_RANGE).run(upto, end)
  db.prepare('UPDATE fts_state SET indexed_upto = ?').run(end)
  return queued + newest - end
}
