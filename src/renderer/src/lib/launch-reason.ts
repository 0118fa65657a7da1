/** Why a launch did not start, in a few words for a list (the full message goes in a hover). */
import type { LaunchSummary } from '@shared/domain'

import { errorTitle } from './error-titles'

type ReasonSource = Pick<LaunchSummary, 'status' | 'error' | 'httpStatus'> & {
  /** A short reason the ledger keeps, when it has one. */
  failureReason?: string
}

export interface LaunchReason {
  /** A few words: "Not found (404)", "No answer: outcome unknown". Empty for a started launch. */
  short: string
  /** The full message for the hover. */
  full: string
}

export function launchReason(row: ReasonSource): LaunchReason {
  const message = row.error?.message ?? ''
  if (row.status === 'started') return { short: '', full: '' }
  if (row.status === 'pending') return { short: 'Waiting for the answer', full: '' }
  if (row.failureReason) return { short: row.failureReason, full: message || row.failureReason }
  if (row.error) {
    const title = errorTitle(row.error.code)
    const status = row.error.httpStatus ?? row.httpStatus
    const short = status && !title.includes(String(status)) ? `${title} (${status})` : title
    return { short, full: message || short }
  }
  if (row.status === 'unknown') {
    const short = 'No answer: outcome unknown'
    return { short, full: 'The app stopped before FlowX answered; check FlowX for the instance.' }
  }
  const short = row.httpStatus ? `HTTP ${row.httpStatus}` : 'Failed'
  return { short, full: short }
}
