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
 * back as one: a message costs far more than the few hundred bytes of a launch it carries. Both
 * travel as JSON text (`calls`: WorkerCall[], `replies`: CallReply[]): copying one string and
 * parsing it costs both threads less than the structured clone of every record's fields. Ledger
 * values are plain JSON data; an undefined value reads back as absent, NaN as null.
 */
export type WorkerRequest = { type: 'calls'; calls: string } | { type: 'close' }

export type WorkerReply =
  | { type: 'ready'; readOnly: boolean; report: LedgerOpenReport }
  | { type: 'failed'; error: WireError }
  | { type: 'results'; replies: string }
  | { type: 'closed' }

/** A call's arguments without trailing undefined ones (JSON would make them null, not absent). */
export function trimArgs(args: unknown[]): unknown[] {
  let end = args.length
  while (end > 0 && args[end - 1] === undefined) end--
  return end === args.length ? args : args.slice(0, end)
}
