/**
 * Same launch again? Used inside the ledger's write transaction so the check and the insert are one
 * atomic step, across processes too (BEGIN IMMEDIATE holds the write lock between them). The
 * candidates come from recent-payloads.ts; these statements check them against the file.
 */
import { hash } from 'node:crypto'

import type { LaunchRecord, NewLaunch } from '../../shared/domain'
import type { StatementCache } from './database'
import type { RecentPayloads } from './recent-payloads'
import { RECORD_COLUMNS, toRecord } from './rows'

/** What makes a launch of the window the same launch again (it started, may have, or is on its way:
 * a failed one is safe to resend). */
const SAME_LAUNCH = `profile_id = ? AND started_at >= ? AND process_name = ? AND payload_key = ?
    AND status IN ('started', 'pending', 'unknown') AND mode = ? AND app_id = ?
    AND coalesce(build_id, '') = ? AND coalesce(workspace_id, '') = ?`

/**
 * One launch the recent-payload memory named (recent-payloads.ts), if it is still the same launch
 * again: its row, read by seq, is checked against every condition.
 */
export const DUPLICATE_AT = `SELECT ${RECORD_COLUMNS} FROM launches
  WHERE seq = ? AND id = ? AND ${SAME_LAUNCH}`

/**
 * The newest launch of the window with the same target and payload, from the file: for a window
 * the memory does not cover (it reads the profile's launches of the window).
 */
export const DUPLICATE_SCAN = `SELECT ${RECORD_COLUMNS} FROM launches WHERE ${SAME_LAUNCH}
  ORDER BY started_at DESC, id DESC LIMIT 1`

/** The parameters of SAME_LAUNCH for `launch`, the window start and the payload key. */
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

/**
 * The newest launch since `since` that `launch` would repeat, if any. Inside the write
 * transaction: the candidates the memory names are read back by seq; a window it does not cover
 * is read from the file.
 */
export function findDuplicate(
  statements: StatementCache,
  recent: RecentPayloads,
  launch: NewLaunch,
  since: string,
  key: string
): LaunchRecord | undefined {
  const params = candidateParams(launch, since, key)
  const candidates = recent.candidates(key, since)
  if (!candidates) {
    const row = statements.get(DUPLICATE_SCAN).get(...params)
    return row ? toRecord(row) : undefined
  }
  for (const { seq, id } of candidates) {
    const row = statements.get(DUPLICATE_AT).get(seq, id, ...params)
    if (row) return toRecord(row)
  }
  return undefined
}

/** The key of a payload: a hash of its canonical form; the text itself when it is not JSON. */
export function payloadKey(payload: string): string {
  let canonical: string
  try {
    canonical = canonicalPayload(payload)
  } catch {
    canonical = `raw:${payload}`
  }
  return hash('sha256', canonical, 'base64url').slice(0, 22)
}

/**
 * The payload as FlowX sees it: parsed and re-serialised with keys in a fixed order. Whitespace,
 * formatting and key order change nothing on the server, so they must not hide a duplicate;
 * any change of a value does. Numbers are safe here: parsePayload refuses inexact ones.
 *
 * The text is what `JSON.stringify` gives for the value with each object's keys sorted (then
 * placed the way a JavaScript object orders them: array-index keys first, ascending), written out
 * directly: the keys of launches already in the file were made that way.
 */
export function canonicalPayload(text: string): string {
  if (text.trim() === '') return '{}'
  return canonical(JSON.parse(text))
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonical(value[i])
    return `${out}]`
  }
  const object = value as Record<string, unknown>
  const keys = Object.keys(object)
  // Object.keys lists array-index keys first, ascending: they keep that place; the rest sort.
  let indexes = 0
  while (indexes < keys.length && isArrayIndex(keys[indexes])) indexes++
  const named = keys.slice(indexes).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  let out = '{'
  let first = true
  for (const key of indexes > 0 ? [...keys.slice(0, indexes), ...named] : named) {
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonical(object[key])}`
    first = false
  }
  return `${out}}`
}

function isArrayIndex(key: string): boolean {
  const n = Number(key)
  return n >>> 0 === n && n !== 0xffffffff && String(n) === key
}
