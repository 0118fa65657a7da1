/**
 * The duplicate-start check: has the very same launch been started moments ago? Starting a process
 * is not idempotent, so a second click (or a replay) would start a second instance. The check itself
 * runs inside the ledger's write transaction (Ledger.beginUnlessDuplicate), so it is atomic.
 */
import type { LaunchRecord } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'

export { canonicalPayload } from '../history'

/** How far back a start counts as "the same launch again". */
export const DUPLICATE_WINDOW_MS = 60_000

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
