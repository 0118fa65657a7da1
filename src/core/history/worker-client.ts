/** The Ledger interface over the ledger worker thread (worker.ts). */
import { AppFailure } from '../../shared/errors'
import { ledgerOver, type Ledger } from './client'
import type { LedgerMethod } from './host'
import type { LedgerOpenReport } from './open'
import {
  trimArgs,
  type CallReply,
  type WireError,
  type WorkerCall,
  type WorkerReply,
  type WorkerRequest,
  type WorkerStart
} from './worker-protocol'

export interface LedgerWorkerOptions {
  /** The worker script: out/main/ledger-worker.js in the app; worker.ts (with tsx) in tests. */
  entry: string | URL
  /** Extra Node flags for the worker (tests load TypeScript with `--import tsx`). */
  execArgv?: string[]
  readOnly?: boolean
}

interface Waiting {
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/** Start the worker, open the file in it, and return the Ledger that talks to it. */
export async function openLedgerWorker(
  file: string,
  options: LedgerWorkerOptions
): Promise<Ledger> {
  const start: WorkerStart = { file, readOnly: options.readOnly }
  // Loaded here: a CLI command that keeps its ledger in its own thread never needs it.
  const { Worker } = await import('node:worker_threads')
  const worker = new Worker(options.entry, {
    workerData: start,
    ...(options.execArgv ? { execArgv: options.execArgv } : {})
  })
  const waiting = new Map<number, Waiting>()
  let nextId = 1
  let stopped: AppFailure | undefined
  let closing = false
  let onClosed: (() => void) | undefined

  const ready = new Promise<{ readOnly: boolean; report: LedgerOpenReport }>((resolve, reject) => {
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') resolve({ readOnly: reply.readOnly, report: reply.report })
      else if (reply.type === 'failed') reject(fromWire(reply.error))
      else if (reply.type === 'closed') onClosed?.()
      else {
        for (const answer of JSON.parse(reply.replies) as CallReply[]) {
          const call = waiting.get(answer.id)
          waiting.delete(answer.id)
          if (answer.ok) call?.resolve(answer.value)
          else call?.reject(fromWire(answer.error))
        }
      }
    })
    const stop = (why: string): void => {
      stopped ??= closing
        ? closedFailure()
        : new AppFailure('INTERNAL', `The launch history stopped: ${why}`, {
            hint: 'Restart FlowX Launcher. Launches already recorded are kept.'
          })
      reject(stopped)
      for (const call of waiting.values()) call.reject(stopped)
      waiting.clear()
      onClosed?.()
    }
    worker.on('error', (error) => stop(error.message))
    worker.on('exit', () => stop('its thread ended.'))
  })
  const opened = await ready

  // Calls of one turn of the event loop leave as one message after it (setImmediate): a wave of
  // batch rows, and the completions of every launch whose answer arrived in that turn, not only
  // those of one socket's callback. Fewer, larger groups: fewer commits and thread wake-ups.
  let outbox: WorkerCall[] = []
  const send = (): void => {
    const calls = outbox
    outbox = []
    if (calls.length === 0) return
    if (stopped) {
      for (const { id } of calls) {
        waiting.get(id)?.reject(stopped)
        waiting.delete(id)
      }
      return
    }
    worker.postMessage({ type: 'calls', calls: JSON.stringify(calls) } satisfies WorkerRequest)
  }
  const call = (method: LedgerMethod, args: unknown[]): Promise<unknown> => {
    if (stopped) return Promise.reject(stopped)
    const id = nextId++
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject })
      if (outbox.length === 0) setImmediate(send)
      outbox.push({ id, method, args: trimArgs(args) })
    })
  }
  let closed: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing = true
    closed ??= new Promise<void>((resolve) => {
      if (stopped) return resolve()
      onClosed = resolve
      // Calls made just before closing go first; the worker answers them, then closes.
      if (outbox.length > 0) send()
      worker.postMessage({ type: 'close' } satisfies WorkerRequest)
    }).then(() => {
      stopped ??= closedFailure()
    })
    return closed
  }
  return ledgerOver(call, opened.readOnly, opened.report, close)
}

function fromWire(error: WireError): Error {
  if (error.app) return new AppFailure(error.error.code, error.error.message, error.error)
  return new Error(error.message)
}

function closedFailure(): AppFailure {
  return new AppFailure('INTERNAL', 'The launch history is closed (the app is quitting).')
}
