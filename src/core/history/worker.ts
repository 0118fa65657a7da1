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
import type { WireError, WorkerReply, WorkerRequest, WorkerStart } from './worker-protocol'

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
const queue: Array<WorkerRequest & { type: 'call' }> = []
let closeRequested = false

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'close') {
    closeRequested = true
    if (queue.length === 0) close()
    return
  }
  queue.push(request)
  if (queue.length === 1) setImmediate(drain)
})

function drain(): void {
  const calls = queue.splice(0)
  if (!host) {
    const error = toWire(new AppFailure('INTERNAL', 'The launch history could not be opened.'))
    for (const call of calls)
      port?.postMessage({ type: 'error', id: call.id, error } satisfies WorkerReply)
  } else {
    const results = host.callMany(calls)
    calls.forEach((call, at) => {
      const result = results[at]
      port?.postMessage(
        (result.ok
          ? { type: 'result', id: call.id, value: result.value }
          : { type: 'error', id: call.id, error: toWire(result.error) }) satisfies WorkerReply
      )
    })
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
