/** Messages between the ledger worker and its client. */
import type { AppError } from '../../shared/errors'
import type { LedgerOpenReport } from './open'

export interface WorkerStart {
  file: string
  readOnly?: boolean
}

/** A failure crossing the thread: an AppFailure keeps its code, anything else only a message. */
export type WireError = { app: true; error: AppError } | { app: false; message: string }

export type WorkerRequest =
  { type: 'call'; id: number; method: string; args: unknown[] } | { type: 'close' }

export type WorkerReply =
  | { type: 'ready'; readOnly: boolean; report: LedgerOpenReport }
  | { type: 'failed'; error: WireError }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: WireError }
  | { type: 'closed' }
