/** Messages between the ledger worker and its client. */
import type { AppError } from '../../shared/errors'
import type { LedgerOpenReport } from './open'

export interface WorkerStart {
  file: string
  readOnly?: boolean
}

/** A failure crossing the thread: an AppFailure keeps its code, anything else only a message. */
export type WireError = { app: true; error: AppError } | { app: false; message: string }

/** One ledger call. */
export interface WorkerCall {
  id: number
  method: string
  args: unknown[]
}

/** The answer to one call. */
export type CallReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError }

/**
 * Calls made in the same turn of the event loop travel as one message, and their answers come
 * back as one: a message costs far more than the few hundred bytes of a launch it carries.
 */
export type WorkerRequest = { type: 'calls'; calls: WorkerCall[] } | { type: 'close' }

export type WorkerReply =
  | { type: 'ready'; readOnly: boolean; report: LedgerOpenReport }
  | { type: 'failed'; error: WireError }
  | { type: 'results'; replies: CallReply[] }
  | { type: 'closed' }
