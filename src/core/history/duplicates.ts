/**
 * Same launch again? Used inside the ledger's write transaction so the check and the insert are one
 * atomic step, across processes too (BEGIN IMMEDIATE holds the write lock between them).
 */
import { createHash } from 'node:crypto'

import type { NewLaunch } from '../../shared/domain'
import { RECORD_COLUMNS } from './rows'

/**
 * The newest launch of the window with the same target and payload that started, may have, or is
 * on its way (a failed one is safe to resend). The payload index serves it, so only launches with
 * the same payload are ever read ("+" keeps the planner off the time and profile indexes, whose
 * last minute can hold tens of thousands of launches of a batch run).
 */
export const DUPLICATE_CANDIDATES = `SELECT ${RECORD_COLUMNS} FROM launches INDEXED BY launches_payload
  WHERE +profile_id = ? AND started_at >= ? AND +process_name = ? AND payload_key = ?
    AND status IN ('started', 'pending', 'unknown') AND mode = ? AND app_id = ?
    AND coalesce(build_id, '') = ? AND coalesce(workspace_id, '') = ?
  ORDER BY started_at DESC, id DESC LIMIT 1`

/** The parameters of DUPLICATE_CANDIDATES for `launch` and the window start. */
export function candidateParams(launch: NewLaunch, since: string, key: string): string[] {
  return [
    launch.profileId,
    since,
    launch.processName,
    key,
    launch.mode,
    launch.appId,
    launch.mode === 'build' ? (launch.buildId ?? '') : '',
    launch.mode === 'workspace' ? (launch.workspaceId ?? '') : ''
  ]
}

/** The key of a payload: a hash of its canonical form; the text itself when it is not JSON. */
export function payloadKey(payload: string): string {
  let canonical: string
  try {
    canonical = canonicalPayload(payload)
  } catch {
    canonical = `raw:${payload}`
  }
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22)
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
