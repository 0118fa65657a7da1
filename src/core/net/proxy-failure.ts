/**
 * Messages for calls that failed at the proxy rather than at FlowX (security.md NET-5). The route
 * never carries credentials, and nothing here quotes an error's own text.
 */
import type { AppError } from '../../shared/errors'
import { PROXY_CONNECT_REFUSED } from './tunnel'

/** What is known about a call that went through a proxy. */
export interface ProxyFailureContext {
  /** e.g. "proxy.corp:3128"; never with credentials. */
  route: string
  /** host:port of the FlowX server. */
  targetHost: string
  /** Whether the profile gave the proxy a user name. */
  hasCredentials: boolean
  inactivityTimeoutMs: number
}

const CHECK_PROXY = 'Check the proxy settings of the profile, or ask your network administrator.'

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`
}

/** The error and its causes (axios wraps the transport's error). */
function chainOf(error: unknown): Record<string, unknown>[] {
  const chain: Record<string, unknown>[] = []
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const record = current as Record<string, unknown>
    chain.push(record)
    current = record.cause
  }
  return chain
}

/**
 * The proxy answered instead of FlowX: a refused CONNECT (`connect`), or 407 for a plain http
 * call. On CONNECT only the proxy can answer, so its 401 (some proxies send it instead of 407) is
 * proxy authentication too.
 */
export function proxyAnswerProblem(
  status: number,
  statusText: string,
  ctx: ProxyFailureContext,
  connect = false
): AppError {
  if (status === 407 || (connect && status === 401)) {
    return {
      code: 'NETWORK',
      httpStatus: status,
      message: ctx.hasCredentials
        ? `The proxy ${ctx.route} did not accept the proxy user name and password (${status}).`
        : `The proxy ${ctx.route} asks for a user name and password (${status}).`,
      hint: 'Set the proxy user name and password in the profile (the CLI reads the password from FLOWX_PROXY_PASSWORD); nothing reached FlowX.'
    }
  }
  const line = statusText ? `${status} ${statusText}` : String(status)
  return {
    code: 'NETWORK',
    httpStatus: status,
    message: `The proxy ${ctx.route} would not connect to ${ctx.targetHost} (${line}).`,
    hint: `${CHECK_PROXY} Nothing reached FlowX.`
  }
}

/**
 * A failure before anything was sent, when a proxy is in use: a refused CONNECT, or a connection
 * that failed (every connection goes to the proxy). Undefined for other failures (TLS with FlowX
 * through the tunnel, resets), which keep their usual messages.
 */
export function proxyTransportProblem(
  error: unknown,
  ctx: ProxyFailureContext
): AppError | undefined {
  const chain = chainOf(error)
  const refusal = chain.find(
    (link) => link.code === PROXY_CONNECT_REFUSED && typeof link.proxyStatus === 'number'
  )
  if (refusal && typeof refusal.proxyStatus === 'number') {
    const text = typeof refusal.proxyStatusText === 'string' ? refusal.proxyStatusText : ''
    return proxyAnswerProblem(refusal.proxyStatus, text, ctx, true)
  }
  const codes = chain.flatMap((link) => (typeof link.code === 'string' ? [link.code] : []))
  const has = (...wanted: string[]): boolean => codes.some((code) => wanted.includes(code))
  if (has('ECONNREFUSED')) {
    return {
      code: 'NETWORK',
      message: `Connection refused by the proxy ${ctx.route}.`,
      hint: CHECK_PROXY
    }
  }
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME')) {
    return {
      code: 'NETWORK',
      message: `The proxy host in ${ctx.route} could not be found.`,
      hint: CHECK_PROXY
    }
  }
  if (has('EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENETDOWN')) {
    return {
      code: 'NETWORK',
      message: `The proxy ${ctx.route} cannot be reached from this computer.`,
      hint: CHECK_PROXY
    }
  }
  if (has('ETIMEDOUT', 'ECONNABORTED')) {
    return {
      code: 'TIMEOUT',
      message: `Could not reach ${ctx.targetHost} through the proxy ${ctx.route} within ${seconds(ctx.inactivityTimeoutMs)}.`,
      hint: CHECK_PROXY
    }
  }
  return undefined
}
