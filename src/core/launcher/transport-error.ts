/**
 * Mapping a call that got no HTTP answer to an outcome (security.md NET-1). Whether the request had
 * been sent decides between 'failed' (FlowX cannot have it) and 'unknown' (it may have started).
 */
import type { AppError, ErrorCode } from '../../shared/errors'
import { CHECK_BEFORE_RETRY } from './hints'
import type { Classified } from './types'

/** What is known about the call besides the error itself. */
export interface TransportContext {
  requestSent: boolean
  /** The base URL called, for messages (validated: carries no credentials). */
  baseUrl: string
  inactivityTimeoutMs: number
  deadlineMs: number
  /** Set when the call was aborted: by the user's signal or by the total deadline. */
  aborted?: 'user' | 'deadline'
}

const TLS_MESSAGES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "The server's certificate is self-signed and not trusted.",
  SELF_SIGNED_CERT_IN_CHAIN:
    "The server's certificate chain ends in a self-signed certificate that is not trusted.",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    "The server's certificate was issued by an authority this app does not trust.",
  UNABLE_TO_GET_ISSUER_CERT:
    "The server's certificate was issued by an authority this app does not trust.",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    "The server's certificate was issued by an authority this app does not trust.",
  CERT_HAS_EXPIRED: "The server's certificate has expired.",
  CERT_NOT_YET_VALID: "The server's certificate is not valid yet; check this computer's clock.",
  ERR_TLS_CERT_ALTNAME_INVALID: "The server's certificate is for a different host name."
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

/** Every error code on the error, its causes and (for dual-stack connects) its aggregated errors. */
function errorCodes(error: unknown): string[] {
  const codes: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 5 && isRecord(current); depth++) {
    if (typeof current.code === 'string') codes.push(current.code)
    if (Array.isArray(current.errors)) {
      for (const inner of current.errors) {
        if (isRecord(inner) && typeof inner.code === 'string') codes.push(inner.code)
      }
    }
    current = current.cause
  }
  return codes
}

function isTlsCode(code: string): boolean {
  return (
    code in TLS_MESSAGES ||
    code.startsWith('CERT_') ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code === 'EPROTO'
  )
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`
}

function outcome(
  status: Classified['status'],
  code: ErrorCode,
  message: string,
  hint?: string
): Classified {
  const error: AppError = { code, message, ...(hint ? { hint } : {}) }
  return { status, error }
}

function classifyAbort(ctx: TransportContext): Classified {
  if (ctx.aborted === 'user') {
    return ctx.requestSent
      ? outcome('unknown', 'CANCELLED', 'Cancelled after the request was sent.', CHECK_BEFORE_RETRY)
      : outcome('failed', 'CANCELLED', 'Cancelled before the request was sent.')
  }
  const limit = seconds(ctx.deadlineMs)
  return ctx.requestSent
    ? outcome(
        'unknown',
        'TIMEOUT',
        `No complete answer within the ${limit} time limit.`,
        CHECK_BEFORE_RETRY
      )
    : outcome(
        'failed',
        'TIMEOUT',
        `Could not send the request within the ${limit} time limit.`,
        'Check the base URL and your network or VPN, then try again.'
      )
}

/** Classify a call that ended without an HTTP answer. */
export function classifyTransportError(error: unknown, ctx: TransportContext): Classified {
  if (ctx.aborted) return classifyAbort(ctx)
  const codes = errorCodes(error)
  const host = URL.canParse(ctx.baseUrl) ? new URL(ctx.baseUrl).host : ctx.baseUrl
  const has = (...wanted: string[]): boolean => codes.some((code) => wanted.includes(code))
  const sent = ctx.requestSent
  const rawMessage = error instanceof Error ? error.message : ''

  const tls = codes.find(isTlsCode)
  if (tls) {
    const message = TLS_MESSAGES[tls] ?? `The secure connection to ${host} failed (${tls}).`
    return outcome(
      'failed',
      'TLS',
      message,
      'If the server uses a private certificate authority, add its certificate to the profile; check the host name in the base URL.'
    )
  }
  if (has('ETIMEDOUT', 'ECONNABORTED')) {
    const silence = seconds(ctx.inactivityTimeoutMs)
    return sent
      ? outcome(
          'unknown',
          'TIMEOUT',
          `The server sent nothing for ${silence} after the request.`,
          CHECK_BEFORE_RETRY
        )
      : outcome(
          'failed',
          'TIMEOUT',
          `Could not reach ${host} within ${silence}.`,
          'Check the base URL and your network or VPN, then try again.'
        )
  }
  if (rawMessage.startsWith('maxContentLength')) {
    return outcome(
      'unknown',
      'UNREADABLE_RESPONSE',
      'The response is larger than 10 MB and was not loaded.',
      CHECK_BEFORE_RETRY
    )
  }
  if (rawMessage.startsWith('Request body larger than maxBodyLength')) {
    return outcome(
      'failed',
      'PAYLOAD_TOO_LARGE',
      'The payload is larger than 1 MB; nothing was sent.'
    )
  }
  if (!sent) {
    if (has('ECONNREFUSED')) {
      return outcome(
        'failed',
        'NETWORK',
        `Connection refused by ${host}.`,
        'Check the base URL and that the FlowX runtime is running.'
      )
    }
    if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME')) {
      const name = URL.canParse(ctx.baseUrl) ? new URL(ctx.baseUrl).hostname : host
      return outcome(
        'failed',
        'NETWORK',
        `The host ${name} could not be found.`,
        'Check the host name in the base URL, and your VPN or DNS.'
      )
    }
    if (has('EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENETDOWN')) {
      return outcome(
        'failed',
        'NETWORK',
        `${host} cannot be reached from this computer.`,
        'Check your network or VPN connection.'
      )
    }
  }
  const code = codes.find((c) => !c.startsWith('ERR_BAD_') && c !== 'ERR_NETWORK') ?? codes[0]
  const reason = code ? ` (${code})` : rawMessage ? `: ${rawMessage}` : ''
  if (has('ECONNRESET', 'EPIPE') || /socket hang up/i.test(rawMessage)) {
    return sent
      ? outcome(
          'unknown',
          'NETWORK',
          `The connection was closed after the request was sent${reason}.`,
          CHECK_BEFORE_RETRY
        )
      : outcome(
          'failed',
          'NETWORK',
          `The connection was closed before the request was sent${reason}.`,
          'Try again; if it repeats, check the base URL and any proxy or VPN.'
        )
  }
  return sent
    ? outcome(
        'unknown',
        'NETWORK',
        `The connection failed after the request was sent${reason}.`,
        CHECK_BEFORE_RETRY
      )
    : outcome(
        'failed',
        'NETWORK',
        `The connection failed${reason}.`,
        'Check the base URL and your network, then try again.'
      )
}
