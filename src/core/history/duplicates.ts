/**
 * Same launch again? Used inside the ledger's write transaction so the check and the insert are one
 * atomic step, across processes too (BEGIN IMMEDIATE holds the write lock between them).
 */
import type { LaunchRecord, NewLaunch } from '../../shared/domain'
import { RECORD_COLUMNS } from './rows'

/** How many same-profile, same-process launches of the window are compared (plenty for 60 s). */
const CANDIDATES = 50

/** Launches of the window that started, may have, or are on their way; a failed one is safe. */
export const DUPLICATE_CANDIDATES = `SELECT ${RECORD_COLUMNS} FROM launches
  WHERE profile_id = ? AND process_name = ? AND started_at >= ?
    AND status IN ('started', 'pending', 'unknown') AND mode = ? AND app_id = ?
    AND coalesce(build_id, '') = ? AND coalesce(workspace_id, '') = ?
  ORDER BY started_at DESC, id DESC LIMIT ${CANDIDATES}`

/** The parameters of DUPLICATE_CANDIDATES for `launch` and the window start. */
export function candidateParams(launch: NewLaunch, since: string): string[] {
  return [
    launch.profileId,
    launch.processName,
    since,
    launch.mode,
    launch.appId,
    launch.mode === 'build' ? (launch.buildId ?? '') : '',
    launch.mode === 'workspace' ? (launch.workspaceId ?? '') : ''
  ]
}

/**
 * The payload as FlowX sees it: parsed and re-serialised with keys in a fixed order. Whitespace,
 * formatting and key order change nothing on the server, so they must not hide a duplicate;
 * any change of a value does. Numbers are safe here: parsePayload refuses inexact ones.
 */
export function canonicalPayload(text: string): string {
  if (text.trim() === '') return '{}'
  return JSON.stringify(JSON.parse(text), (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0
          )
        )
      : value
  )
}

/** The first record whose payload is the same as `payload` once canonical. */
export function samePayload(records: LaunchRecord[], payload: string): LaunchRecord | undefined {
  let wanted: string | undefined
  for (const record of records) {
    try {
      wanted ??= canonicalPayload(payload)
      if (canonicalPayload(record.payload) === wanted) return record
    } catch {
      continue
    }
  }
  return undefined
}
