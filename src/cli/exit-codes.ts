/**
 * The CLI's exit codes, so scripts can tell "FlowX said no" from "fix the command" from "we do not
 * know whether it started". Pure: the tests pin the whole table.
 */
import type { LaunchStatus } from '../shared/domain'
import type { ErrorCode } from '../shared/errors'

/** Every exit code the CLI uses. */
export const EXIT = {
  /** The process started. */
  STARTED: 0,
  /** FlowX answered with an error (HTTP error status, redirect). */
  FLOWX_ERROR: 1,
  /** Invalid input or a local problem: nothing was sent, nothing was recorded. */
  INVALID_INPUT: 2,
  /** Network error, timeout, cancel after sending, unreadable response, TLS: outcome not confirmed. */
  NOT_CONFIRMED: 3,
  /** Interrupted by SIGINT (128 + 2), as shells report it. */
  SIGINT: 130,
  /** Interrupted by SIGTERM (128 + 15). */
  SIGTERM: 143
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/**
 * Exit code for a failed launch, by error code. Spelled out for every code so that adding a code to
 * shared/errors.ts fails the type check until someone decides here.
 */
const FAILED_LAUNCH_EXIT: Record<ErrorCode, ExitCode> = {
  // FlowX (or something in front of it) answered: the request was received and refused.
  UNAUTHORIZED: EXIT.FLOWX_ERROR,
  FORBIDDEN: EXIT.FLOWX_ERROR,
  NOT_FOUND: EXIT.FLOWX_ERROR,
  VALIDATION: EXIT.FLOWX_ERROR,
  PAYLOAD_TOO_LARGE: EXIT.FLOWX_ERROR,
  HTTP_ERROR: EXIT.FLOWX_ERROR,
  SERVER: EXIT.FLOWX_ERROR,
  REDIRECT: EXIT.FLOWX_ERROR,
  // A 401, then no new token: FlowX refused the start, so nothing was created.
  AUTH_BAD_SECRET: EXIT.FLOWX_ERROR,
  AUTH_UNKNOWN_CLIENT: EXIT.FLOWX_ERROR,
  AUTH_BAD_CREDENTIALS: EXIT.FLOWX_ERROR,
  AUTH_GRANT_NOT_ENABLED: EXIT.FLOWX_ERROR,
  AUTH_ISSUER_UNREACHABLE: EXIT.FLOWX_ERROR,
  AUTH_ISSUER_INVALID: EXIT.FLOWX_ERROR,
  AUTH_CLOCK_SKEW: EXIT.FLOWX_ERROR,
  AUTH_FAILED: EXIT.FLOWX_ERROR,
  // No usable answer: the process may or may not have started.
  NETWORK: EXIT.NOT_CONFIRMED,
  TIMEOUT: EXIT.NOT_CONFIRMED,
  CANCELLED: EXIT.NOT_CONFIRMED,
  TLS: EXIT.NOT_CONFIRMED,
  UNREADABLE_RESPONSE: EXIT.NOT_CONFIRMED,
  // Local codes do not normally end a recorded launch; if one does, the call may have gone out.
  INVALID_INPUT: EXIT.NOT_CONFIRMED,
  INVALID_PAYLOAD: EXIT.NOT_CONFIRMED,
  PROFILE_NOT_FOUND: EXIT.NOT_CONFIRMED,
  RECORD_NOT_FOUND: EXIT.NOT_CONFIRMED,
  TOKEN_MISSING: EXIT.NOT_CONFIRMED,
  SECRET_UNAVAILABLE: EXIT.NOT_CONFIRMED,
  BUSY: EXIT.NOT_CONFIRMED,
  CONFIRMATION_REQUIRED: EXIT.NOT_CONFIRMED,
  DUPLICATE_START: EXIT.NOT_CONFIRMED,
  STORE_MIGRATION: EXIT.NOT_CONFIRMED,
  STORE_UNWRITABLE: EXIT.NOT_CONFIRMED,
  FORBIDDEN_SENDER: EXIT.NOT_CONFIRMED,
  CONFLICT: EXIT.NOT_CONFIRMED,
  INTERNAL: EXIT.NOT_CONFIRMED
}

/** Exit code for a launch the ledger recorded, from its status and error code. */
export function exitCodeForLaunch(record: {
  status: LaunchStatus
  error?: { code: ErrorCode }
}): ExitCode {
  if (record.status === 'started') return EXIT.STARTED
  // 'unknown' (and a 'pending' that never completed) means the answer was lost, whatever the code.
  if (record.status !== 'failed') return EXIT.NOT_CONFIRMED
  return record.error ? FAILED_LAUNCH_EXIT[record.error.code] : EXIT.NOT_CONFIRMED
}

/**
 * Codes core throws from LaunchService.start only before it records or sends anything
 * (payload, base URL and duplicate-request checks).
 */
const REFUSED_BEFORE_SENDING: ReadonlySet<ErrorCode> = new Set([
  'INVALID_INPUT',
  'INVALID_PAYLOAD',
  'PAYLOAD_TOO_LARGE',
  'CONFIRMATION_REQUIRED',
  'DUPLICATE_START'
])

/**
 * Exit code for an error thrown instead of a launch record. Before the launch call nothing can have
 * been sent; a throw from inside it may come after the request went out (e.g. the ledger was busy
 * when the outcome was written), unless the code is one of the up-front checks.
 */
export function exitCodeForError(
  error: { code: ErrorCode },
  stage: 'before-launch' | 'during-launch'
): ExitCode {
  if (stage === 'before-launch') return EXIT.INVALID_INPUT
  return REFUSED_BEFORE_SENDING.has(error.code) ? EXIT.INVALID_INPUT : EXIT.NOT_CONFIRMED
}

/** Exit code after a signal interrupted a launch. */
export function exitCodeForSignal(signal: 'SIGINT' | 'SIGTERM'): ExitCode {
  return signal === 'SIGINT' ? EXIT.SIGINT : EXIT.SIGTERM
}
