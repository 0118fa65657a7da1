/**
 * The duplicate-start check: has the very same launch been started moments ago? Starting a process
 * is not idempotent, so a second click (or a replay) would start a second instance.
 */
import type { LaunchRecord, LaunchStatus, StartTarget } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import type { Ledger } from '../history'

/** How far back a start counts as "the same launch again". */
export const DUPLICATE_WINDOW_MS = 60_000

/** Statuses that mean the earlier launch started, or may have. A failed one is safe to resend. */
const LIVE: readonly LaunchStatus[] = ['started', 'pending', 'unknown']

/** How many same-profile, same-process launches of the window we look at (plenty for 60 s). */
const CANDIDATES = 50

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

function sameTarget(record: LaunchRecord, target: StartTarget): boolean {
  if (record.mode !== target.mode || record.appId !== target.appId) return false
  return target.mode === 'build'
    ? record.buildId === target.buildId
    : record.workspaceId === target.workspaceId
}

/** The newest launch of the last minute with the same profile, target and payload, if any. */
export function recentDuplicate(
  ledger: Ledger,
  launch: { profileId: string; target: StartTarget; payload: string },
  now: Date
): LaunchRecord | undefined {
  const from = new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString()
  const { items } = ledger.search({
    profileId: launch.profileId,
    processName: launch.target.processName,
    from,
    limit: CANDIDATES
  })
  let wanted: string | undefined
  for (const item of items) {
    if (!LIVE.includes(item.status) || item.mode !== launch.target.mode) continue
    const record = ledger.get(item.id)
    if (!record || !sameTarget(record, launch.target)) continue
    wanted ??= canonicalPayload(launch.payload)
    let theirs: string
    try {
      theirs = canonicalPayload(record.payload)
    } catch {
      continue
    }
    if (theirs === wanted) return record
  }
  return undefined
}

/** The refusal for a duplicate, naming when it was and which instance it started. */
export function duplicateFailure(earlier: LaunchRecord, now: Date): AppFailure {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(earlier.startedAt)) / 1000))
  const when = seconds < 2 ? 'just now' : `${seconds} s ago`
  const what =
    earlier.status === 'started'
      ? earlier.instance?.uuid
        ? `and started instance ${earlier.instance.uuid}`
        : 'and FlowX started it'
      : earlier.status === 'pending'
        ? 'and is still waiting for FlowX to answer'
        : 'and its outcome is unknown'
  return new AppFailure('DUPLICATE_START', `The same launch was sent ${when} ${what}.`, {
    hint: 'Starting a process is not idempotent: sending again starts another instance. Check the first one, or send anyway if you mean to start a second.',
    detail: earlier.id
  })
}
