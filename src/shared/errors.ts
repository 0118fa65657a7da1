/**
 * The small, typed set of failures the app can report. The renderer and the CLI switch on `code`
 * and never parse a message.
 */
export const ERROR_CODES = [
  // FlowX call outcomes
  'NETWORK',
  'TIMEOUT',
  'CANCELLED',
  'TLS',
  'REDIRECT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION',
  'PAYLOAD_TOO_LARGE',
  'HTTP_ERROR',
  'SERVER',
  'UNREADABLE_RESPONSE',
  // Local outcomes
  'INVALID_INPUT',
  'INVALID_PAYLOAD',
  'PROFILE_NOT_FOUND',
  'RECORD_NOT_FOUND',
  'TOKEN_MISSING',
  // Identity provider outcomes (token endpoint)
  'AUTH_BAD_SECRET',
  'AUTH_UNKNOWN_CLIENT',
  'AUTH_BAD_CREDENTIALS',
  'AUTH_GRANT_NOT_ENABLED',
  'AUTH_ISSUER_UNREACHABLE',
  'AUTH_ISSUER_INVALID',
  'AUTH_CLOCK_SKEW',
  'AUTH_FAILED',
  'SECRET_UNAVAILABLE',
  'BUSY',
  'CONFIRMATION_REQUIRED',
  'DUPLICATE_START',
  'STORE_MIGRATION',
  'STORE_UNWRITABLE',
  'FORBIDDEN_SENDER',
  /** A library file changed on disk since it was opened, or cannot be written safely. */
  'CONFLICT',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** A failure safe to show, store and send across IPC: never carries a secret. */
export interface AppError {
  code: ErrorCode
  /** One human sentence: the server's own message where there is one. */
  message: string
  /** What the user can do about it. */
  hint?: string
  /** HTTP status when the server answered. */
  httpStatus?: number
  /** Longer detail (e.g. the stripped body of an HTML error page), for a "details" view. */
  detail?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

/** Build a successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

/** Build a failed result. */
export function fail<T = never>(
  code: ErrorCode,
  message: string,
  extra: Omit<AppError, 'code' | 'message'> = {}
): Result<T> {
  return { ok: false, error: { code, message, ...extra } }
}

/** An error thrown inside core that is already safe to show; the IPC wrapper turns it into a Result. */
export class AppFailure extends Error {
  readonly error: AppError
  constructor(code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}) {
    super(message)
    this.name = 'AppFailure'
    this.error = { code, message, ...extra }
  }
}
