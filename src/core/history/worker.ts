/**
 * The ledger's worker thread (built as out/main/ledger-worker.js): opens the file named in
 * workerData and answers calls from worker-client.ts, so SQLite never runs on the Electron main
 * thread. Idle upkeep (index, checkpoint, retention) runs here too.
 */
import { parentPort, workerData } from 'node:worker_threads'

import { AppFailure } from '../../shared/errors'
import { LedgerHost } from './host'
import type { LedgerOptions } from './ledger'
import { openLedgerFile } from './open'
import type {
  CallReply,
  WireError,
  WorkerCall,
  WorkerReply,
  WorkerRequest,
  WorkerStart
} from './worker-protocol'

const port = parentPort
if (!port) throw new Error('ledger-worker runs as a worker thread')

const start = workerData as WorkerStart
let host: LedgerHost | undefined

try {
  const options: LedgerOptions = { readOnly: start.readOnly }
  const { ledger, report } = openLedgerFile(start.file, options)
  host = new LedgerHost(ledger)
  port.postMessage({ type: 'ready', readOnly: ledger.readOnly, report } satisfies WorkerReply)
} catch (error) {
  port.postMessage({ type: 'failed', error: toWire(error) } satisfies WorkerReply)
}

/** Calls that arrived while the previous ones ran: answered together after one commit. */
const queue: WorkerCall[] = []
let closeRequested = false

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'close') {
    closeRequested = true
    if (queue.length === 0) close()
    return
  }
  if (queue.length === 0) setImmediate(drain)
  queue.push(...(JSON.parse(request.calls) as WorkerCall[]))
})

function drain(): void {
  const calls = queue.splice(0)
  if (!host) {
    const error = toWire(new AppFailure('INTERNAL', 'The launch history could not be opened.'))
    const replies = calls.map(({ id }): CallReply => ({ id, ok: false, error }))
    port?.postMessage({ type: 'results', replies: JSON.stringify(replies) } satisfies WorkerReply)
  } else {
    const results = host.callMany(calls)
    const replies = calls.map(({ id }, at): CallReply => {
      const result = results[at]
      return result.ok
        ? { id, ok: true, value: result.value }
        : { id, ok: false, error: toWire(result.error) }
    })
    // One message for the whole group, sent once its commit is durable.
    port?.postMessage({ type: 'results', replies: JSON.stringify(replies) } satisfies WorkerReply)
  }
  if (queue.length > 0) setImmediate(drain)
  else if (closeRequested) close()
}

function close(): void {
  try {
    host?.close()
  } finally {
    port?.postMessage({ type: 'closed' } satisfies WorkerReply)
    port?.close()
  }
}

function toWire(error: unknown): WireError {
  if (error instanceof AppFailure) return { app: true, error: error.error }
  return { app: false, message: error instanceof Error ? error.message : String(error) }
}
