/** What a History row shows, formatted once per launch while it stays near view. */
import type { LaunchStatus, LaunchSummary } from '@shared/domain'

import { formatDuration, formatFullTimestamp, formatListTime, shortId } from '../../lib/format'
import { launchReason, type LaunchReason } from '../../lib/launch-reason'
import { profileColorHex } from '../../lib/profile-colors'

export interface HistoryRowView {
  /** Compact time for the list; `fullTime` is the full timestamp for the hover. */
  time: string
  fullTime: string
  /** The profile's colour, as the custom property its dot is drawn with. */
  dot: string
  mode: string
  status: string
  reason: LaunchReason
  instance: string
  duration: string
}

const STATUS: Record<LaunchStatus, string> = {
  started: 'Started',
  failed: 'Failed',
  unknown: 'Unknown',
  pending: 'Pending'
}

function format(row: LaunchSummary): HistoryRowView {
  return {
    time: formatListTime(row.startedAt),
    fullTime: formatFullTimestamp(row.startedAt),
    dot: `--dot: ${profileColorHex(row.profileColor)}`,
    mode: row.mode === 'build' ? 'Build' : 'Workspace',
    status: STATUS[row.status] ?? row.status,
    reason: launchReason(row),
    instance: shortId(row.instanceUuid),
    duration: formatDuration(row.durationMs)
  }
}

/**
 * The rows formatted lately, oldest out first: as the list scrolls, a launch moves to the next
 * row slot and is not formatted again. A few screenfuls are kept.
 */
const recent = new Map<LaunchSummary, HistoryRowView>()
export const RECENT_ROW_VIEWS = 200

export function historyRowView(row: LaunchSummary): HistoryRowView {
  let view = recent.get(row)
  if (!view) {
    view = format(row)
    recent.set(row, view)
    if (recent.size > RECENT_ROW_VIEWS) recent.delete(recent.keys().next().value as LaunchSummary)
  }
  return view
}
