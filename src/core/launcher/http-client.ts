/**
 * The one POST the launcher makes, with the settings security.md NET-1…6 asks for. It never throws:
 * it returns the answer, or the error together with whether the request had been sent.
 */
import type http from 'node:http'

import {
  type AxiosHeaders,
  type AxiosResponse,
  getAdapter,
  type InternalAxiosRequestConfig,
  isAxiosError
} from 'axios'

import { MAX_PAYLOAD_BYTES } from '../../shared/limits'
import { axiosNetOptions } from '../net/tunnel'
import type { NetTransport } from '../net/types'
import { pooledAgent } from './connection-pool'
import { type AbortedBy, Exchange, onDeadline } from './exchange'

export type { AbortedBy } from './exchange'

/** Largest response body we load (security.md NET-6: a small gzip body can inflate to gigabytes). */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024

/** One POST with a JSON body. */
export interface PostRequest {
  /** Validated base URL. */
  baseUrl: string
  /** Encoded path below the base. */
  path: string
  headers: Record<string, string>
  body: string
  inactivityTimeoutMs: number
  /** The user's cancel. */
  signal?: AbortSignal
  /**
   * Total time for the whole call (NET-1): the inactivity timeout is reset by every byte, so only
   * this bounds a server that trickles its answer.
   */
  deadlineMs?: number
  /** The profile's agents and proxy (see src/core/net). */
  transport: NetTransport
}

/** An HTTP answer, headers keyed in lower case. */
export interface HttpAnswer {
  status: number
  statusText: string
  headers: Record<string, string | undefined>
  body: string
}

/** The answer, or the error; `response` is set on errors that came after the status line. */
export type PostResult =
  | { ok: true; response: HttpAnswer; requestSent: true }
  | {
      ok: false
      error: unknown
      response?: HttpAnswer
      requestSent: boolean
      /** Set when the call was ended by the user's cancel or the deadline, whichever came first. */
      aborted?: AbortedBy
    }

/**
 * axios's http adapter, which sends every start. It is called directly with a complete config
 * rather than through an Axios instance: Axios#request would merge each call's config with the
 * instance defaults, check and flatten it, copy and normalise the headers once more and run
 * request and response transforms, and a start uses none of that (no defaults beyond the fixed
 * settings below, no interceptors, no transforms: the body leaves and comes back as it is). What
 * guards a start is the adapter's: the URL built under the base, redirects, size limits, proxy
 * handling, timeouts, decompression.
 */
const httpAdapter = getAdapter('http')

/**
 * The axios config of one start: the fixed settings and the call's own. A null prototype, as
 * axios's own merged configs have, so nothing set on Object.prototype can reach a setting the
 * adapter reads. Left at the adapter's defaults: the answer is read as UTF-8 text, and a
 * compressed one is inflated (within maxContentLength).
 */
function callConfig(
  request: PostRequest,
  exchange: Exchange,
  pooled: http.Agent | undefined
): InternalAxiosRequestConfig<string> {
  const config = {
    __proto__: null,
    method: 'post',
    baseURL: request.baseUrl,
    url: request.path,
    // Never let a path turn into another host (CVE-2025-27152), never follow redirects with the
    // token or payload (NET-2).
    allowAbsoluteUrls: false,
    maxRedirects: 0,
    maxContentLength: MAX_RESPONSE_BYTES,
    maxBodyLength: MAX_PAYLOAD_BYTES,
    // We classify every status ourselves.
    validateStatus: everyStatus,
    // A plain object: the adapter makes its own AxiosHeaders from it and never changes it.
    headers: request.headers as unknown as AxiosHeaders,
    data: request.body,
    timeout: request.inactivityTimeoutMs,
    transport: exchange,
    // Never pick up proxies from the environment unnoticed (NET-5).
    proxy: false,
    // Masks the header in AxiosError#toJSON; we never return axios errors, but a log might.
    redact: REDACTED_HEADERS
  } as InternalAxiosRequestConfig<string>
  if (pooled) {
    // Direct: the keep-alive pool (the exchange sets it on the request too).
    if (request.baseUrl.startsWith('https:')) config.httpsAgent = pooled
    else config.httpAgent = pooled
  } else {
    // Through a proxy (only direct connections are pooled): an https target goes through our
    // CONNECT tunnel (src/core/net/tunnel.ts).
    const net = axiosNetOptions(request.transport, request.baseUrl)
    config.proxy = net.proxy
    config.httpAgent = net.httpAgent
    config.httpsAgent = net.httpsAgent
  }
  return config
}

const everyStatus = (): boolean => true
const REDACTED_HEADERS = Object.freeze(['authorization', 'proxy-authorization']) as string[]

/** An axios response as the plain answer the launcher and build info read. */
export function toAnswer(response: AxiosResponse<unknown>): HttpAnswer {
  const headers: Record<string, string | undefined> = {}
  const given = (response.headers ?? {}) as Record<string, unknown>
  for (const name of Object.keys(given)) {
    const value = given[name]
    if (value !== undefined && value !== null) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
    }
  }
  const body = typeof response.data === 'string' ? response.data : ''
  return { status: response.status, statusText: response.statusText ?? '', headers, body }
}

/** POST `body` to `baseUrl + path` and report what happened. */
export async function postJson(request: PostRequest): Promise<PostResult> {
  const pooled = pooledAgent(request.transport, request.baseUrl.startsWith('https:'))
  const exchange = new Exchange(request.inactivityTimeoutMs, pooled)
  const { signal, deadlineMs } = request
  if (signal?.aborted) exchange.abort('user')
  else signal?.addEventListener('abort', exchange, { once: true })
  // A timer cleared when the call ends: AbortSignal.timeout would keep every launch's deadline
  // (and its signal) alive for two minutes, which a batch run piles up by the thousand.
  const deadline =
    deadlineMs !== undefined ? setTimeout(onDeadline, deadlineMs, exchange) : undefined
  try {
    const call = httpAdapter(callConfig(request, exchange, pooled)) as Promise<
      AxiosResponse<string>
    >
    const response = await (pooled ? call : Promise.race([call, exchange.aborts()]))
    return { ok: true, response: toAnswer(response), requestSent: true }
  } catch (error) {
    const response = isAxiosError(error) && error.response ? toAnswer(error.response) : undefined
    // A request on a reused (kept-alive) connection that fails before any byte of the answer may
    // have reached FlowX even when the write looked unfinished: it is an unknown outcome, never a
    // clean failure, and nothing is ever resent.
    const reused = exchange.req?.reusedSocket === true
    // An answer that started arriving proves the server had the request.
    return {
      ok: false,
      error,
      requestSent: exchange.finished || reused || response !== undefined,
      ...(response ? { response } : {}),
      ...(exchange.aborted ? { aborted: exchange.aborted } : {})
    }
  } finally {
    clearTimeout(deadline)
    signal?.removeEventListener('abort', exchange)
  }
}
