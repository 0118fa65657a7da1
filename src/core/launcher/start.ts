/**
 * Starting a FlowX process over the runtime REST API (flowx-api.md §a, DESIGN.md §4): the checks
 * that need no network, the call and its timing; classify.ts reads the result.
 */
import http from 'node:http'

import type { AppError } from '../../shared/errors'
import { parsePayload } from '../../shared/payload'
import { checkBearerToken, checkPlatformValue, PLATFORM_MESSAGE } from '../../shared/launch-rules'
import { MAX_PAYLOAD_BYTES } from '../../shared/limits'
import { buildStartPath, startTargetProblem, validateBaseUrl } from '../../shared/url'
import { directTransport } from '../net/direct'
import { httpsModule } from '../net/lazy-tls'
import type { NetTransport } from '../net/types'
import { classifyInternalFailure, classifyResult } from './classify'
import { postJson } from './http-client'
import { redactError } from './redact'
import type { Classified, StartOutcome, StartRequest } from './types'

/** Default longest silence on the connection. */
export const DEFAULT_INACTIVITY_TIMEOUT_MS = 30_000
/** Default total time for one start call. */
export const DEFAULT_DEADLINE_MS = 120_000

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.ceil(value) : fallback
}

function refuse(code: AppError['code'], message: string, hint?: string): Classified {
  return { status: 'failed', error: { code, message, ...(hint ? { hint } : {}) } }
}

/** The JSON text of a payload object, or undefined when it is not one (BigInt, cycles, toJSON tricks). */
function serialize(payload: unknown): string | undefined {
  try {
    const text: unknown = JSON.stringify(payload)
    return typeof text === 'string' && text.startsWith('{') ? text : undefined
  } catch {
    return undefined
  }
}

/**
 * Whether a value given as `transport` really is one (it may come from less typed code). Its https
 * agent is looked at only for an https:// call (`secure`): the transports build it on first read,
 * and reading it would load Node's TLS layer for a plain http call.
 */
function isTransport(value: unknown, secure: boolean): value is NetTransport {
  if (typeof value !== 'object' || value === null) return false
  const t = value as Partial<NetTransport>
  return (
    t.httpAgent instanceof http.Agent &&
    'httpsAgent' in t &&
    (!secure || t.httpsAgent instanceof httpsModule().Agent) &&
    proxyOf(t) !== undefined &&
    typeof t.route === 'string'
  )
}

/** The transport's proxy when it is false or a well-formed proxy, else undefined. */
function proxyOf(t: Partial<NetTransport>): NetTransport['proxy'] | undefined {
  const proxy = t.proxy
  if (proxy === false) return false
  return typeof proxy === 'object' &&
    proxy !== null &&
    typeof proxy.host === 'string' &&
    typeof proxy.port === 'number'
    ? proxy
    : undefined
}

/**
 * The last platform and token that passed their rules (shared/launch-rules.ts, the rules the app's
 * schemas are built from, with the same messages): a run of launches sends the same ones each
 * time, and a token is a few KB.
 */
let lastPlatform: { input: unknown; value: string } | undefined
let lastToken: { input: string; value: string } | undefined

function checkedPlatform(input: unknown): string | undefined {
  if (lastPlatform !== undefined && lastPlatform.input === input) return lastPlatform.value
  if (typeof input !== 'string') return undefined
  const checked = checkPlatformValue(input)
  if (!checked.ok) return undefined
  lastPlatform = { input, value: checked.value }
  return checked.value
}

function checkedToken(input: string): { ok: true; token: string } | { ok: false; message: string } {
  if (lastToken !== undefined && lastToken.input === input)
    return { ok: true, token: lastToken.value }
  // The rules' messages never quote the value.
  const checked = checkBearerToken(input)
  if (!checked.ok) return checked
  lastToken = { input, value: checked.value }
  return { ok: true, token: checked.value }
}

let lastBase: { raw: string; checked: ReturnType<typeof validateBaseUrl> } | undefined

/**
 * validateBaseUrl, remembered for the last URL checked: a run of launches calls the same one, and
 * the launch service and the start each check it.
 */
export function checkedBaseUrl(raw: string): ReturnType<typeof validateBaseUrl> {
  if (lastBase?.raw !== raw) lastBase = { raw, checked: validateBaseUrl(raw) }
  return lastBase.checked
}

let lastHeaders:
  { platform: string; token: string | undefined; headers: Record<string, string> } | undefined

/**
 * The request headers, the same object while platform and token stay the same (axios copies it
 * and never changes it). Names in lower case: HTTP/1.1 reads them without regard to case, and
 * axios looks each one up case-insensitively several times per call, which costs least when no
 * name needs lowering.
 */
function headersFor(platform: string, token: string | undefined): Record<string, string> {
  if (lastHeaders?.platform === platform && lastHeaders.token === token) return lastHeaders.headers
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    'flowx-platform': platform,
    // A start answer is a few KB: compressing it costs both sides more than it saves.
    'accept-encoding': 'identity'
  }
  if (token !== undefined) headers.authorization = `Bearer ${token}`
  Object.freeze(headers)
  lastHeaders = { platform, token, headers }
  return headers
}

/** Checks that need no network; the first problem found, or the prepared call. */
function prepare(req: StartRequest):
  | { problem: Classified }
  | {
      problem?: undefined
      baseUrl: string
      headers: Record<string, string>
      body: string
      token?: string
      transport: NetTransport
    } {
  const base = checkedBaseUrl(req.baseUrl)
  if (!base.ok) return { problem: refuse('INVALID_INPUT', base.message) }
  const targetProblem = startTargetProblem(req.target)
  if (targetProblem) return { problem: refuse('INVALID_INPUT', targetProblem) }
  if (req.transport !== undefined && !isTransport(req.transport, base.url.startsWith('https:'))) {
    return {
      problem: refuse('INTERNAL', 'The network settings for this profile could not be applied.')
    }
  }
  const platform = checkedPlatform(req.platform)
  if (platform === undefined) {
    return { problem: refuse('INVALID_INPUT', PLATFORM_MESSAGE) }
  }

  let token: string | undefined
  if (req.token !== undefined && req.token.trim() !== '') {
    const parsed = checkedToken(req.token)
    if (!parsed.ok) return { problem: refuse('INVALID_INPUT', parsed.message) }
    token = parsed.token
  }
  const headers = headersFor(platform, token)

  let body: string | undefined
  if (typeof req.payload === 'string' && req.payloadChecked === true) {
    body = req.payload
  } else if (typeof req.payload === 'string') {
    const checked = parsePayload(req.payload)
    if (!checked.ok) return { problem: { status: 'failed', error: checked.error } }
    body = checked.text
  } else {
    body = serialize(req.payload)
  }
  if (body === undefined) {
    return { problem: refuse('INVALID_PAYLOAD', 'The payload cannot be sent as a JSON object.') }
  }
  // A checked payload was measured by parsePayload (and axios's maxBodyLength holds the line too).
  const bytes = req.payloadChecked === true ? 0 : Buffer.byteLength(body, 'utf8')
  if (bytes > MAX_PAYLOAD_BYTES) {
    return {
      problem: refuse(
        'PAYLOAD_TOO_LARGE',
        `The payload is ${(bytes / (1024 * 1024)).toFixed(2)} MB once serialized; FlowX accepts at most 1 MB.`,
        'Remove large values, or pass a reference to them instead.'
      )
    }
  }
  return {
    baseUrl: base.url,
    headers,
    body,
    ...(token ? { token } : {}),
    transport: req.transport ?? defaultTransport()
  }
}

let sharedDirect: NetTransport | undefined

/**
 * The transport of a start that names none: direct, verified TLS. One for all such starts (its
 * agents are never used for direct calls, which go through the keep-alive pool of
 * connection-pool.ts), rather than two new agents per launch.
 */
function defaultTransport(): NetTransport {
  sharedDirect ??= directTransport()
  return sharedDirect
}

/** The proxy password inside a transport, to mask it in messages like the token. */
function proxyPasswordOf(transport: unknown): string | undefined {
  if (typeof transport !== 'object' || transport === null) return undefined
  const proxy = proxyOf(transport as Partial<NetTransport>)
  if (!proxy) return undefined
  const password = proxy.auth?.password
  return typeof password === 'string' && password !== '' ? password : undefined
}

/** The secrets a start's messages must never show: the token as sent, the proxy password. */
function secretsOf(req: StartRequest): string[] {
  // The trimmed value is what is sent, and masking it also masks any padded copy.
  const secrets = typeof req.token === 'string' ? [req.token.trim()] : []
  const proxyPassword = proxyPasswordOf(req.transport)
  if (proxyPassword) secrets.push(proxyPassword)
  return secrets
}

/** The outcome with its timing; an error is redacted (the secrets are only gathered then). */
function finish(
  req: StartRequest,
  result: Classified,
  startedAt: number,
  requestSent: boolean
): StartOutcome {
  const outcome: StartOutcome = {
    status: result.status,
    durationMs: Math.round(performance.now() - startedAt),
    requestSent
  }
  if (result.httpStatus !== undefined) outcome.httpStatus = result.httpStatus
  if (result.instance !== undefined) outcome.instance = result.instance
  if (result.error) outcome.error = redactError(result.error, secretsOf(req))
  return outcome
}

/**
 * Start one process instance. Never throws; the outcome never contains the token or the proxy
 * password.
 */
export async function startProcess(req: StartRequest): Promise<StartOutcome> {
  const startedAt = performance.now()
  let requestSent = false
  try {
    const call = prepare(req)
    if (call.problem) return finish(req, call.problem, startedAt, requestSent)
    if (req.signal?.aborted) {
      const cancelled = refuse('CANCELLED', 'Cancelled before the request was sent.')
      return finish(req, cancelled, startedAt, requestSent)
    }

    const inactivityTimeoutMs = positiveOr(req.inactivityTimeoutMs, DEFAULT_INACTIVITY_TIMEOUT_MS)
    const deadlineMs = positiveOr(req.deadlineMs, DEFAULT_DEADLINE_MS)
    const path = buildStartPath(req.target)
    // The user's cancel and the total deadline end the call inside postJson, which says which of
    // the two came first (axios's timeout is reset by every byte; only the deadline bounds a
    // server that trickles, NET-1).
    const result = await postJson({
      baseUrl: call.baseUrl,
      path,
      headers: call.headers,
      body: call.body,
      inactivityTimeoutMs,
      deadlineMs,
      ...(req.signal ? { signal: req.signal } : {}),
      transport: call.transport
    })
    requestSent = result.requestSent
    const classified = classifyResult(
      result,
      call,
      path,
      req.target.mode,
      inactivityTimeoutMs,
      deadlineMs
    )
    return finish(req, classified, startedAt, requestSent)
  } catch {
    // A bug of ours, not a server answer: say so, and stay careful if the request was out.
    return finish(req, classifyInternalFailure(requestSent), startedAt, requestSent)
  }
}
