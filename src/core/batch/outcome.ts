/** Turning a launch's ledger record (or its refusal) into a row outcome. */
import type { LaunchRecord } from '../../shared/domain'
import { AppFailure, type AppError } from '../../shared/errors'
import { judged, parseExpectation } from './expectations'
import type { RowOutcome } from './types'

/**
 * A 'failed' record without an HTTP status never reached FlowX (connection refused, TLS, cancelled
 * before sending): the launcher marks anything that may have arrived as 'unknown' instead.
 */
export function outcomeOfRecord(row: number, record: LaunchRecord, key?: string): RowOutcome {
  // The outcome the row expected is kept with its record: a run read back is judged the same.
  const expectation = record.expected === undefined ? undefined : parseExpectation(record.expected)
  return judged(
    statusOfRecord(row, record, key),
    expectation?.ok ? expectation.expectation : undefined
  )
}

function statusOfRecord(row: number, record: LaunchRecord, key?: string): RowOutcome {
  const unsent = record.status === 'failed' && record.httpStatus === undefined
  // A row recorded ahead and completed unsent when its run stopped (NOT_SENT_ERROR) reads back as
  // not sent, as the run showed it, also once the run is only in the ledger.
  const status =
    record.status === 'pending'
      ? 'unknown'
      : unsent && isNotSentError(record.error)
        ? 'not-sent'
        : record.status
  return {
    row,
    status,
    sent: !unsent,
    recordId: record.id,
    ...(record.httpStatus !== undefined ? { httpStatus: record.httpStatus } : {}),
    ...(record.durationMs !== undefined ? { durationMs: record.durationMs } : {}),
    ...(record.instance?.uuid ? { instanceUuid: record.instance.uuid } : {}),
    ...(record.instance ? { tokenCount: record.instance.tokens.length } : {}),
    ...(record.error ? { error: record.error } : {}),
    ...(key !== undefined ? { key } : {})
  }
}

/**
 * A launch that threw: a refusal of ours (AppFailure: token refused, bad input) happened before
 * sending; anything else cannot be placed, so the row is 'unknown' and is never rerun by itself.
 */
export function outcomeOfError(row: number, error: unknown, key?: string): RowOutcome {
  if (error instanceof AppFailure) {
    return { row, status: 'failed', sent: false, error: error.error, ...(key ? { key } : {}) }
  }
  return {
    row,
    status: 'unknown',
    sent: true,
    error: {
      code: 'INTERNAL',
      message: 'The launch failed in an unexpected way; check FlowX before running this row again.'
    },
    ...(key !== undefined ? { key } : {})
  }
}

/** A row recorded ahead of its slot whose request never left: the run stopped first. */
export const NOT_SENT_ERROR: AppError = {
  code: 'CANCELLED',
  message: 'The batch stopped before this row was sent; nothing was sent.'
}

function isNotSentError(error: AppError | undefined): boolean {
  return error?.code === NOT_SENT_ERROR.code && error.message === NOT_SENT_ERROR.message
}
