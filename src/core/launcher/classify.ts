/**
 * Mapping a start call's result to an outcome (DESIGN.md §4): FlowX's HTTP answer, a proxy's own
 * answer or failure, or a transport failure (transport-error.ts). start.ts makes the call.
 */
import type { StartMode } from '../../shared/domain'
import type { AppError, ErrorCode } from '../../shared/errors'
import { proxyAnswerProblem, proxyTransportProblem } from '../net/proxy-failure'
import type { NetTransport } from '../net/types'
import { CHECK_BEFORE_RETRY, hintFor } from './hints'
import type { HttpAnswer, PostResult } from './http-client'
import { parseInstance } from './instance'
import { describeProblem, htmlToText, MAX_DETAIL_LENGTH, statusLine } from './problem'
import { classifyTransportError } from './transport-error'
import type { Classified } from './types'

/** An HTTP answer as received, headers keyed in lower case. */
export interface ResponseInput {
  status: number
  statusText?: string
  headers: Record<string, string | undefined>
  body: string
  /** The URL called, to resolve a relative Location. */
  url: string
  mode: StartMode
  /** Whether an Authorization header was sent (picks the 401 hint). */
  tokenSent: boolean
  /** Set when the body could not be read in full, e.g. "was cut off". */
  bodyLost?: string
}

function codeForStatus(status: number): ErrorCode {
  const codes: Record<number, ErrorCode> = {
    400: 'VALIDATION',
    401: 'UNAUTHORIZED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    413: 'PAYLOAD_TOO_LARGE'
  }
  return codes[status] ?? (status >= 500 && status < 600 ? 'SERVER' : 'HTTP_ERROR')
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

function bodyPreview(body: string, contentType: string): string | undefined {
  const text = /html/i.test(contentType) ? htmlToText(body) : body.trim()
  if (text === '') return undefined
  return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH - 1)}…` : text
}

/** A 2xx: started when the body names the instance, otherwise unknown (FlowX may have created it). */
function classifySuccess(input: ResponseInput): Classified {
  const httpStatus = input.status
  const json = input.bodyLost ? undefined : parseJson(input.body)
  const instance = parseInstance(json)
  if (instance?.uuid) return { status: 'started', httpStatus, instance }

  const line = statusLine(input.status, input.statusText)
  const contentType = input.headers['content-type'] ?? ''
  let message: string
  if (input.bodyLost) message = `The server answered ${line}, but the response ${input.bodyLost}.`
  else if (instance) message = `The server answered ${line} without an instance uuid.`
  else if (/html/i.test(contentType))
    message = `The server answered ${line} with a web page, not a FlowX instance.`
  else message = `The server answered ${line}, but the response is not JSON.`
  const detail = bodyPreview(input.body, contentType)
  const error: AppError = {
    code: 'UNREADABLE_RESPONSE',
    message,
    hint: CHECK_BEFORE_RETRY,
    httpStatus,
    ...(detail ? { detail } : {})
  }
  return { status: 'unknown', httpStatus, error, ...(instance ? { instance } : {}) }
}

/** Where a redirect pointed, without query or credentials, or undefined when unreadable. */
function redirectTarget(location: string | undefined, base: string): string | undefined {
  if (!location) return undefined
  try {
    const url = new URL(location, base)
    return url.origin === 'null' ? undefined : url.origin + url.pathname
  } catch {
    return undefined
  }
}

/** Classify any HTTP answer; the request reached the server. */
export function classifyResponse(input: ResponseInput): Classified {
  const httpStatus = input.status
  if (httpStatus >= 200 && httpStatus < 300) return classifySuccess(input)

  if (httpStatus >= 300 && httpStatus < 400) {
    const target = redirectTarget(input.headers.location, input.url)
    const message = target
      ? `The server redirected to ${target}; not followed.`
      : `The server answered ${statusLine(httpStatus, input.statusText)} without a usable Location; not followed.`
    const hint = hintFor({
      code: 'REDIRECT',
      httpStatus,
      text: message,
      mode: input.mode,
      tokenSent: input.tokenSent
    })
    return { status: 'failed', httpStatus, error: { code: 'REDIRECT', message, hint, httpStatus } }
  }

  const code = codeForStatus(httpStatus)
  const problem = describeProblem({
    status: httpStatus,
    statusText: input.statusText,
    contentType: input.headers['content-type'],
    wwwAuthenticate: input.headers['www-authenticate'],
    body: input.bodyLost ? '' : input.body
  })
  const detail = input.bodyLost
    ? [problem.detail, `The response body ${input.bodyLost}.`].filter(Boolean).join('\n')
    : problem.detail
  const hint = hintFor({
    code,
    httpStatus,
    text: [problem.message, detail].join('\n'),
    mode: input.mode,
    tokenSent: input.tokenSent
  })
  const error: AppError = {
    code,
    message: problem.message,
    httpStatus,
    ...(hint ? { hint } : {}),
    ...(detail ? { detail } : {})
  }
  // A gateway timeout means FlowX got the request and did not answer in time: it may still have
  // created the instance, so this is not a safe "failed".
  return { status: httpStatus === 504 ? 'unknown' : 'failed', httpStatus, error }
}

/** What reading a call's result needs to know about the call as it was sent. */
export interface SentCall {
  /** The validated base URL. */
  baseUrl: string
  /** Set when an Authorization header was sent. */
  token?: string
  transport: NetTransport
}

/**
 * Classify the result of a start call (postJson's): `path` is the start path under the call's
 * base URL, `mode` the target's; the timeouts are the call's own, for the messages.
 */
export function classifyResult(
  result: PostResult,
  call: SentCall,
  path: string,
  mode: StartMode,
  inactivityTimeoutMs: number,
  deadlineMs: number
): Classified {
  const requestSent = result.requestSent
  const proxied = call.transport.proxy !== false

  if (result.ok) {
    const { status, statusText } = result.response
    // 407 is the proxy's own answer: it did not pass the request on.
    if (proxied && status === 407) {
      const error = proxyAnswerProblem(status, statusText, proxyContext(call, inactivityTimeoutMs))
      return { status: 'failed', error }
    }
    return classifyResponse(answerOf(call, path, mode, result.response))
  }
  const context = { requestSent, baseUrl: call.baseUrl, inactivityTimeoutMs, deadlineMs }
  if (result.aborted) {
    return classifyTransportError(result.error, { ...context, aborted: result.aborted })
  }
  if (result.response) {
    // The status line arrived but the body did not (cut off, corrupt compression).
    const answer = answerOf(call, path, mode, result.response)
    answer.bodyLost = 'was cut off or corrupt'
    return classifyResponse(answer)
  }
  if (proxied && !requestSent) {
    const problem = proxyTransportProblem(result.error, proxyContext(call, inactivityTimeoutMs))
    if (problem) return { status: 'failed', error: problem }
  }
  return classifyTransportError(result.error, context)
}

/** The launcher itself failed while handling a call (a bug of ours, not a server answer). */
export function classifyInternalFailure(requestSent: boolean): Classified {
  // Careful if the request was out: FlowX may have it.
  return {
    status: requestSent ? 'unknown' : 'failed',
    error: {
      code: 'INTERNAL',
      message: 'The launcher failed while handling this call.',
      ...(requestSent ? { hint: CHECK_BEFORE_RETRY } : {})
    }
  }
}

/** What a proxy's failure message needs to know about the call. */
function proxyContext(call: SentCall, inactivityTimeoutMs: number) {
  return {
    route: call.transport.route,
    targetHost: new URL(call.baseUrl).host,
    hasCredentials: call.transport.proxy !== false && !!call.transport.proxy.auth,
    inactivityTimeoutMs
  }
}

/** An HTTP answer with what classifying it needs to know about the call. */
function answerOf(
  call: SentCall,
  path: string,
  mode: StartMode,
  response: HttpAnswer
): ResponseInput {
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    body: response.body,
    url: call.baseUrl + path,
    mode,
    tokenSent: call.token !== undefined
  }
}
