import type { ErrorCode } from '@shared/errors'

/** A short title per error code; the message and hint come from main. */
export const ERROR_TITLES: Record<ErrorCode, string> = {
  NETWORK: 'Could not reach the server',
  TIMEOUT: 'The server did not answer in time',
  CANCELLED: 'Cancelled',
  TLS: 'TLS / certificate problem',
  REDIRECT: 'The server redirected the call',
  UNAUTHORIZED: 'Not authenticated (401)',
  FORBIDDEN: 'Not allowed (403)',
  NOT_FOUND: 'Not found (404)',
  VALIDATION: 'Rejected by FlowX (400)',
  PAYLOAD_TOO_LARGE: 'Payload too large (413)',
  HTTP_ERROR: 'Unexpected HTTP status',
  SERVER: 'Server error',
  UNREADABLE_RESPONSE: 'Unreadable response',
  INVALID_INPUT: 'Invalid input',
  INVALID_PAYLOAD: 'Invalid payload',
  PROFILE_NOT_FOUND: 'Profile not found',
  RECORD_NOT_FOUND: 'Record not found',
  TOKEN_MISSING: 'No bearer token',
  AUTH_BAD_SECRET: 'Client secret rejected',
  AUTH_UNKNOWN_CLIENT: 'Unknown client id',
  AUTH_BAD_CREDENTIALS: 'Username or password rejected',
  AUTH_GRANT_NOT_ENABLED: 'Login type not enabled for this client',
  AUTH_ISSUER_UNREACHABLE: 'Could not reach the identity provider',
  AUTH_ISSUER_INVALID: 'Not an identity provider address',
  AUTH_CLOCK_SKEW: "This computer's clock is off",
  AUTH_FAILED: 'Could not get a token',
  SECRET_UNAVAILABLE: 'Secret unavailable',
  BUSY: 'Already running',
  CONFIRMATION_REQUIRED: 'Confirmation required',
  DUPLICATE_START: 'Sent moments ago',
  STORE_MIGRATION: 'Stored data could not be upgraded',
  STORE_UNWRITABLE: 'Changes cannot be saved',
  FORBIDDEN_SENDER: 'Refused',
  CONFLICT: 'Changed on disk',
  INTERNAL: 'Internal error'
}

/** Title for a code, tolerant of codes added later. */
export function errorTitle(code: string): string {
  return ERROR_TITLES[code as ErrorCode] ?? code
}
