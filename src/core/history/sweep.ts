/**
 * At open: launches left `pending` by a process that is no longer running are marked 'unknown'
 * (the request may or may not have reached FlowX). Pending launches of live processes are kept
 * in `live_pending` and looked at again next time; launches written since the last sweep are
 * found from `sweep_state`, so an open with nothing new reads a handful of rows.
 */
import type { AppError } from '../../shared/errors'
import type { StatementCache } from './database'

/** What a launch left pending by a process that has since died reads as. */
export const OUTCOME_UNKNOWN_ERROR: AppError = {
  code: 'NETWORK',
  message: 'Outcome unknown — the launcher stopped before FlowX answered.',
  hint: 'Check FlowX (Designer → Process instances) before launching again.'
}

const SWEEP_STATE = `SELECT (SELECT swept_upto FROM sweep_state) AS upto,
  (SELECT coalesce(max(seq), 0) FROM launches) AS newest`
/** Pending launches written since the last sweep, and those still pending at it. */
const PENDING_SINCE = `SELECT seq, owner_pid FROM launches WHERE status = 'pending'
  AND (seq > ? OR seq IN (SELECT seq FROM live_pending))`
const LIVE_PENDING_COUNT = 'SELECT count(*) AS n FROM live_pending'
const CLEAR_LIVE_PENDING = 'DELETE FROM live_pending'
const ADD_LIVE_PENDING = 'INSERT INTO live_pending (seq) VALUES (?)'
const SWEEP_ONE =
  "UPDATE launches SET status = 'unknown', error_json = ? WHERE seq = ? AND status = 'pending'"
const SET_SWEPT = 'UPDATE sweep_state SET swept_upto = ?'

/**
 * Sweep the pending launches of dead processes. `write` runs its function in one write
 * transaction of the ledger.
 */
export function sweepDeadPending(
  statements: StatementCache,
  write: (fn: () => void) => void,
  isAlive: (pid: number) => boolean
): void {
  const state = statements.get(SWEEP_STATE).get()
  const upto = typeof state?.upto === 'number' ? state.upto : 0
  const newest = typeof state?.newest === 'number' ? state.newest : 0
  const pending = statements.get(PENDING_SINCE).all(upto)
  const known = statements.get(LIVE_PENDING_COUNT).get()?.n
  if (newest === upto && pending.length === known) {
    // Nothing new since the last sweep: only the owners of the known pending launches matter.
    if (pending.every((row) => typeof row.owner_pid === 'number' && isAlive(row.owner_pid))) {
      return
    }
  }
  const errorJson = JSON.stringify(OUTCOME_UNKNOWN_ERROR)
  write(() => {
    statements.get(CLEAR_LIVE_PENDING).run()
    for (const row of pending) {
      const pid = row.owner_pid
      if (typeof pid === 'number' && isAlive(pid)) {
        statements.get(ADD_LIVE_PENDING).run(row.seq)
      } else {
        statements.get(SWEEP_ONE).run(errorJson, row.seq)
      }
    }
    statements.get(SET_SWEPT).run(newest)
  })
}
