/**
 * The full-text index is filled in bulk, not by a trigger on every insert: one FTS5 segment per
 * launch was most of the pages a launch wrote. `indexPending` adds the launches after
 * `fts_state.indexed_upto`; until then a search scans them directly (query.ts), so a launch is
 * findable the moment it is written.
 */
import type { DatabaseSync } from 'node:sqlite'

/** Launches indexed per transaction, so one call never holds the write lock for long. */
export const INDEX_CHUNK = 2000

/** The values of a JSON text (payload or variables) as words; nothing for text that is not JSON. */
const VALUES_OF = (column: string): string => `coalesce((SELECT group_concat(value, ' ')
  FROM json_tree(CASE WHEN json_valid(${column}) THEN ${column} ELSE '{}' END)
  WHERE type IN ('text', 'integer', 'real')), '')`

const INDEX_RANGE = `INSERT INTO launches_fts (rowid, names, ids, ticket, note, vals)
  SELECT seq,
    process_name || ' ' || profile_name || ' ' || coalesce(saved_launch, ''),
    app_id || ' ' || coalesce(build_id, '') || ' ' || coalesce(workspace_id, ''),
    ticket, note,
    ${VALUES_OF('payload')} || ' ' || ${VALUES_OF('variables_json')}
  FROM launches WHERE seq > ? AND seq <= ?`

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

/**
 * Index up to `INDEX_CHUNK` launches not indexed yet, in the caller's write transaction. Returns
 * how many launches remain unindexed.
 */
export function indexPending(db: DatabaseSync): number {
  const { upto, newest } = indexLag(db)
  if (newest <= upto) return 0
  const end = Math.min(newest, upto + INDEX_CHUNK)
  db.prepare(INDEX_RANGE).run(upto, end)
  db.prepare('UPDATE fts_state SET indexed_upto = ?').run(end)
  return newest - end
}
