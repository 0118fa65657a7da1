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

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'close') {
    try {
      host?.close()
    } finally {
      port.postMessage({ type: 'closed' } satisfies WorkerReply)
      port.close()
    }
    return
  }
  try {
    if (!host) throw new AppFailure('INTERNAL', 'The launch history could not be opened.')
    const value = host.call(request.method, request.args)
    port.postMessage({ type: 'result', id: request.id, value } satisfies WorkerReply)
  } catch (error) {
    port.postMessage({ type: 'error', id: request.id, error: toWire(error) } satisfies WorkerReply)
  }
})

function toWire(error: unknown): WireError {
  if (error instanceof AppFailure) return { app: true, error: error.error }
  return { app: false, message: error instanceof Error ? error.message : String(error) }
}
