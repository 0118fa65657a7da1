/**
 * Launching batch rows through the launch service, each tagged with its batch and row number, and
 * (for a run that watches its rows) each row's record kept until its outcome is out.
 */
import { randomUUID } from 'node:crypto'

import type { LaunchContext, LaunchRecord } from '../../shared/domain'
import type { LaunchConnection, LaunchRequest, LaunchService } from '../launches/launch-service'
import type { RecordRow } from './types'

/** The batch-wide part of every row's ledger context. */
export interface BatchContext {
  batchId: string
  savedLaunch?: string
  /** The payload as written, with its {{variables}}. */
  template?: string
  launchedBy?: string
}

type ContextRequest = LaunchRequest & { context?: LaunchContext }

/**
 * Each row is an ordinary launch: the service writes it pending before its request can leave and
 * never resends it. A batch repeats one launch on purpose, so the duplicate-start guard is off.
 */
export function recordRows(
  launches: Pick<LaunchService, 'prepare' | 'cancel'>,
  connection: LaunchConnection,
  batch: BatchContext
): RecordRow {
  return async (resolved) => {
    const request: ContextRequest = {
      requestId: randomUUID(),
      target: resolved.target,
      payload: resolved.payload,
      allowDuplicate: true,
      context: {
        ...batch,
        batchRow: resolved.row,
        variables: resolved.variables,
        ...(resolved.expected !== undefined ? { expected: resolved.expected } : {})
      }
    }
    const prepared = await launches.prepare(connection, request)
    return {
      async send(signal, answered) {
        const abort = (): void => void launches.cancel(request.requestId)
        if (signal.aborted) abort()
        else signal.addEventListener('abort', abort, { once: true })
        try {
          return await prepared.send({ onAnswer: answered })
        } finally {
          signal.removeEventListener('abort', abort)
        }
      },
      abandon: (error) => prepared.abandon(error)
    }
  }
}

/** Rows whose records are kept in `records` from their answer until their outcome is out. */
export function watchedRows(recordRow: RecordRow, records: Map<number, LaunchRecord>): RecordRow {
  return async (resolved) => {
    const recorded = await recordRow(resolved)
    return {
      abandon: (error) => recorded.abandon(error),
      async send(signal, answered) {
        try {
          const record = await recorded.send(signal, (early) => {
            records.set(resolved.row, early)
            answered(early)
          })
          // A started row's outcome is out already, with its record as answered.
          if (records.has(resolved.row)) records.set(resolved.row, record)
          return record
        } catch (error) {
          records.delete(resolved.row)
          throw error
        }
      }
    }
  }
}
