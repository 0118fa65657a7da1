/**
 * FlowX instance and token enum values with their meaning (flowx-api.md §d.2), for tags and the
 * token legend. Values the server sends that are not listed here are shown as they arrive.
 */

/** Naive UI tag types we colour states with. */
export type StateTone = 'default' | 'success' | 'info' | 'warning' | 'error'

export interface StateInfo {
  value: string
  meaning: string
  tone: StateTone
}

export const INSTANCE_STATES: readonly StateInfo[] = [
  {
    value: 'CREATED',
    meaning: 'Shown only when creating the instance had an error.',
    tone: 'warning'
  },
  { value: 'STARTED', meaning: 'Running.', tone: 'success' },
  { value: 'DISMISSED', meaning: 'A user stopped a subprocess.', tone: 'default' },
  { value: 'EXPIRED', meaning: 'The definition’s expiry time passed.', tone: 'warning' },
  { value: 'FINISHED', meaning: 'Completed successfully.', tone: 'info' },
  { value: 'TERMINATED', meaning: 'A termination request was sent.', tone: 'default' },
  { value: 'ON_HOLD', meaning: 'No longer editable.', tone: 'warning' },
  { value: 'FAILED', meaning: 'A scheduled check found it unfinished.', tone: 'error' }
]

export const TOKEN_STATES: readonly StateInfo[] = [
  {
    value: 'ACTIVE',
    meaning: 'A new token, or a parent reactivated after a join.',
    tone: 'success'
  },
  {
    value: 'INACTIVE',
    meaning: 'A child reached the join, or the token reached an end node.',
    tone: 'default'
  },
  { value: 'ABORTED', meaning: 'The token moved backwards and was replaced.', tone: 'warning' },
  { value: 'ON_HOLD', meaning: 'A parent waiting for its children.', tone: 'info' },
  {
    value: 'DISMISSED',
    meaning: 'The process or subprocess was cancelled or exited.',
    tone: 'default'
  },
  { value: 'EXPIRED', meaning: 'Its expiry time passed.', tone: 'warning' },
  { value: 'TERMINATED', meaning: 'A termination request was sent.', tone: 'error' }
]

export const NODE_STATUSES: readonly StateInfo[] = [
  { value: 'ARRIVED', meaning: 'The token reached the node.', tone: 'info' },
  { value: 'EXECUTING', meaning: 'Execution of the node started.', tone: 'info' },
  { value: 'EXECUTED_COMPLETE', meaning: 'Every mandatory action is done.', tone: 'success' },
  {
    value: 'EXECUTED_PARTIAL',
    meaning: 'Mandatory actions pending, typically a user task waiting for input.',
    tone: 'warning'
  },
  {
    value: 'WAITING_MESSAGE_EVENT',
    meaning: 'At an intermediate message catch event.',
    tone: 'warning'
  },
  { value: 'WAITING_TIMER_EVENT', meaning: 'At an intermediate timer event.', tone: 'warning' },
  { value: 'WAITING_MESSAGE', meaning: 'Waiting for an external system (Kafka).', tone: 'warning' },
  { value: 'MESSAGE_RECEIVED', meaning: 'The awaited message arrived.', tone: 'success' },
  {
    value: 'MESSAGE_RESPONSE_TIMED_OUT',
    meaning: 'The awaited message did not arrive in time.',
    tone: 'error'
  }
]

/** Spelling differences seen across FlowX versions ("ON HOLD" vs "ON_HOLD"). */
function normalise(value: string): string {
  return value.trim().toUpperCase().replace(/\s+/g, '_')
}

/** Look a value up in one of the tables above. */
export function findState(
  table: readonly StateInfo[],
  value: string | undefined
): StateInfo | undefined {
  if (!value) return undefined
  const key = normalise(value)
  return table.find((s) => s.value === key)
}

/** Tag tone for a value, neutral when unknown. */
export function toneOf(table: readonly StateInfo[], value: string | undefined): StateTone {
  return findState(table, value)?.tone ?? 'default'
}
