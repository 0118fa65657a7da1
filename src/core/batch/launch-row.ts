/** Launching one batch row through the launch service, tagged with its batch and row number. */
import { randomUUID } from 'node:crypto'

import type { LaunchContext } from '../../shared/domain'
import type { LaunchConnection, LaunchRequest, LaunchService } from '../launches/launch-service'
import type { LaunchOne } from './types'

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
 * Each row is an ordinary launch: the service writes it pending before its request leaves and
 * never resends it. A batch repeats one launch on purpose, so the duplicate-start guard is off.
 */
export function launchRows(
  launches: Pick<LaunchService, 'start' | 'cancel'>,
  connection: LaunchConnection,
  batch: BatchContext
): LaunchOne {
  return async (resolved, signal, answered) => {
    const request: ContextRequest = {
      requestId: randomUUID(),
      target: resolved.target,
      payload: resolved.payload,
      allowDuplicate: true,
      context: {
        ...batch,
        batchRow: resolved.row,
        variables: resolved.variables
      }
    }
    const abort = (): void => void launches.cancel(request.requestId)
    signal.addEventListener('abort', abort, { once: true })
    try {
      return await launches.start(connection, request, { onAnswer: answered })
    } finally {
      signal.removeEventListener('abort', abort)
    }
  }
}
