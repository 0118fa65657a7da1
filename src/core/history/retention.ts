/**
 * Deleting launches: the user's delete (soft, so the app can undo it), and retention (security.md
 * STO-6: keep everything unless the user chooses N days or N launches). Space is given back with
 * an incremental vacuum. A pending launch is never removed: its outcome is still coming.
 */
import type { DatabaseSync } from 'node:sqlite'

import type { RetentionSetting } from '../../shared/domain'

/** Launches removed per transaction, so pruning never holds the write lock for long. */
export const PRUNE_CHUNK = 2000

/** How long a deleted launch can be restored before retention removes it for good. */
export const UNDO_WINDOW_MS = 60 * 60 * 1000

/** What to prune: launches older than a time, and/or beyond the newest N. */
export interface PruneRule {
  olderThan?: string
  keepLatest?: number
}

/** The rule a retention setting stands for at `now` (none for 'forever'). */
export function ruleFor(setting: RetentionSetting, now: Date): PruneRule | undefined {
  if (setting.mode === 'days') {
    return { olderThan: new Date(now.getTime() - setting.days * 86_400_000).toISOString() }
  }
  if (setting.mode === 'count') return { keepLatest: setting.launches }
  return undefined
}

const CANDIDATES = (rule: PruneRule): { sql: string; params: (string | number)[] } => {
  const parts: string[] = []
  const params: (string | number)[] = []
  if (rule.olderThan !== undefined) {
    parts.push("SELECT seq FROM launches WHERE started_at < ? AND status <> 'pending'")
    params.push(rule.olderThan)
  }
  if (rule.keepLatest !== undefined) {
    parts.push(`SELECT seq FROM (SELECT seq, status FROM launches
      ORDER BY started_at DESC, id DESC LIMIT -1 OFFSET ?) WHERE status <> 'pending'`)
    params.push(Math.max(0, Math.floor(rule.keepLatest)))
  }
  return { sql: parts.join(' UNION '), params }
}

/** How many launches `rule` would remove. */
export function countPrunable(db: DatabaseSync, rule: PruneRule): number {
  const { sql, params } = CANDIDATES(rule)
  if (sql === '') return 0
  const n = db.prepare(`SELECT count(*) AS n FROM (${sql})`).get(...params)?.n
  return typeof n === 'number' ? n : 0
}

/** Remove up to PRUNE_CHUNK launches `rule` selects, in the caller's transaction; how many went. */
export function pruneChunk(db: DatabaseSync, rule: PruneRule): number {
  const { sql, params } = CANDIDATES(rule)
  if (sql === '') return 0
  const result = db
    .prepare(`DELETE FROM launches WHERE seq IN (SELECT seq FROM (${sql}) LIMIT ?)`)
    .run(...params, PRUNE_CHUNK)
  return Number(result.changes)
}

/** Remove launches deleted by the user more than the undo window ago; how many went. */
export function purgeDeleted(db: DatabaseSync, now: Date): number {
  const before = new Date(now.getTime() - UNDO_WINDOW_MS).toISOString()
  const result = db
    .prepare('DELETE FROM launches WHERE deleted_at IS NOT NULL AND deleted_at < ?')
    .run(before)
  return Number(result.changes)
}

/** Mark a launch deleted (hidden from every list); false when there is no such launch. */
export function softDelete(db: DatabaseSync, id: string, now: Date): boolean {
  const result = db
    .prepare('UPDATE launches SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL')
    .run(now.toISOString(), id)
  return Number(result.changes) > 0
}

/** Bring a deleted launch back; false when it is not (or no longer) deleted. */
export function restore(db: DatabaseSync, id: string): boolean {
  const result = db
    .prepare('UPDATE launches SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL')
    .run(id)
  return Number(result.changes) > 0
}

/** Give free pages back to the file system, a bounded number at a time (outside transactions). */
export function reclaimSpace(db: DatabaseSync, pages = 4096): void {
  db.exec(`PRAGMA incremental_vacuum(${Math.max(1, Math.floor(pages))})`)
}
