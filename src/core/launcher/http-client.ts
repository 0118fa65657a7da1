/**
 * The one POST the launcher makes, with the settings security.md NET-1…6 asks for. It never throws:
 * it returns the answer, or the error together with whether the request had been sent.
 */
import { createHash } from 'node:crypto'
import http from 'node:http'
import type https from 'node:https'

import {
  type AxiosHeaders,
  type AxiosResponse,
  getAdapter,
  type InternalAxiosRequestConfig,
  isAxiosError
} from 'axios'

import { MAX_PAYLOAD_BYTES } from '../../shared/limits'
import { httpsModule } from '../net/lazy-tls'
import { axiosNetOptions } from '../net/tunnel'
import type { NetTransport } from '../net/types'

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

/** What ended a call early: the user's cancel or the total deadline. */
export type AbortedBy = 'user' | 'deadline'

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
 * How long an idle connection is kept for the next launch: under the 5 s keep-alive of Node
 * servers and far under nginx's 75 s, so a server does not close it just as we reuse it. A
 * server's own `Keep-Alive: timeout=` hint shortens it further (Node's agent reads it).
 */
export const IDLE_SOCKET_MS = 4000

/**
 * The TCP keep-alive delay axios sets on every request's socket. The pool sets the same, so a
 * reused connection is not switched between two delays (eight setsockopt calls) per launch.
 */
export const TCP_KEEPALIVE_MS = 60_000

/** Pooled keep-alive agents for direct connections, one per protocol and TLS trust. */
const pools = new Map<string, http.Agent>()
const MAX_POOLS = 32

/**
 * The agent to send through. Direct connections reuse a keep-alive pool (no TCP and TLS handshake
 * per launch); connections through a proxy keep the transport's own fresh agents.
 */
function pooledAgent(transport: NetTransport, secure: boolean): http.Agent | undefined {
  if (transport.proxy !== false) return undefined
  const base: https.AgentOptions = secure ? transport.httpsAgent.options : {}
  const fingerprint = secure ? trustFingerprint(base) : 'http'
  let agent = pools.get(fingerprint)
  if (!agent) {
    if (pools.size >= MAX_POOLS) {
      const [oldest, evicted] = pools.entries().next().value as [string, http.Agent]
      pools.delete(oldest)
      evicted.destroy()
    }
    const options = {
      keepAlive: true,
      keepAliveMsecs: TCP_KEEPALIVE_MS,
      timeout: IDLE_SOCKET_MS,
      maxFreeSockets: 64,
      scheduling: 'lifo' as const
    }
    agent = secure ? new (httpsModule().Agent)({ ...base, ...options }) : new http.Agent(options)
    pools.set(fingerprint, agent)
  }
  return agent
}

/** Fingerprints already computed, per agent options object (hashing a CA bundle per launch costs). */
const fingerprints = new WeakMap<https.AgentOptions, string>()

/** What tells one TLS trust from another: CA, client certificate, verification, server name. */
function trustFingerprint(options: https.AgentOptions): string {
  let fingerprint = fingerprints.get(options)
  if (fingerprint === undefined) {
    const { ca, cert, key, rejectUnauthorized, servername } = options
    fingerprint = createHash('sha256')
      .update(
        JSON.stringify([
          ca ?? null,
          cert ?? null,
          key ?? null,
          rejectUnauthorized ?? true,
          servername ?? null
        ])
      )
      .digest('hex')
    fingerprints.set(options, fingerprint)
  }
  return fingerprint
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

/** Close every pooled connection (the app quitting, tests). */
export function closePooledConnections(): void {
  for (const agent of pools.values()) agent.destroy()
  pools.clear()
}

/** The body axios wrote, held back until `end()` (see holdWrite). */
const HELD = Symbol('held body')
/** Set once the last byte of the request was handed to the socket ('finish'). */
const FINISHED = Symbol('request finished')

type TrackedRequest = http.ClientRequest & { [HELD]?: Buffer; [FINISHED]?: true }

const requestWrite = http.ClientRequest.prototype.write as (...args: unknown[]) => boolean
const requestEnd = http.ClientRequest.prototype.end as (...args: unknown[]) => http.ClientRequest

/** Hand the held body to the socket as an ordinary write. */
function releaseHeld(req: TrackedRequest): void {
  const body = req[HELD]
  if (body === undefined) return
  req[HELD] = undefined
  requestWrite.call(req, body)
}

/**
 * axios writes the body and then ends the request, so Node sends the head and the body as two
 * chunks (a writev, and on a busy machine two packets). The body is held back here and given to
 * `end()` as latin1 text (the exact bytes): Node then joins it to the head in one write. Plain
 * functions set on the request, not closures: nothing is allocated for this per launch.
 */
function holdWrite(this: TrackedRequest, ...args: unknown[]): boolean {
  if (
    this[HELD] === undefined &&
    args.length === 1 &&
    Buffer.isBuffer(args[0]) &&
    !this.headersSent
  ) {
    this[HELD] = args[0]
    return true
  }
  releaseHeld(this)
  return requestWrite.apply(this, args)
}

function joinEnd(this: TrackedRequest, ...args: unknown[]): http.ClientRequest {
  const body = this[HELD]
  if (body !== undefined && (args.length === 0 || typeof args[0] === 'function')) {
    this[HELD] = undefined
    return requestEnd.call(this, body.toString('latin1'), 'latin1', ...args)
  }
  releaseHeld(this)
  return requestEnd.apply(this, args)
}

/** 'finish': from now on FlowX (or, for plain http, the proxy) may have the request. */
function markFinished(this: TrackedRequest): void {
  this[FINISHED] = true
}

/** Why a call ended early, as the error its request is destroyed with. */
function abortError(by: AbortedBy): Error {
  return by === 'user'
    ? Object.assign(new Error('The call was cancelled.'), { code: 'ERR_CANCELED' })
    : Object.assign(new Error('The deadline passed.'), { code: 'ERR_DEADLINE' })
}

/**
 * One call's transport for axios, which sees the request itself. Before 'finish' (refused, DNS, TLS
 * handshake, CONNECT, connect timeout, early cancel) nothing can have started.
 *
 * It also ends the call on the user's cancel or the deadline by destroying its request (axios then
 * rejects as for any failed request): no AbortController, signal or listener of axios's own per
 * launch. It is its own abort listener (`handleEvent`) and its deadline timer's argument, so this
 * allocates no closures either.
 */
class Exchange {
  /** The request as handed to Node (its socket says whether the connection was reused). */
  req: TrackedRequest | undefined
  aborted: AbortedBy | undefined

  constructor(
    private readonly inactivityTimeoutMs: number,
    /** For a direct connection: the keep-alive pool, set on the request itself. */
    private readonly pooled: http.Agent | undefined
  ) {}

  /**
   * Called by axios (synchronously, once). For a plain http target behind a proxy, axios hands
   * options that already point at the proxy (absolute URL as path, Proxy-Authorization header).
   */
  request(
    options: https.RequestOptions,
    onResponse: (res: http.IncomingMessage) => void
  ): http.ClientRequest {
    // Cancelled before axios got here: no request at all (a pooled socket would make it look sent).
    if (this.aborted) throw abortError(this.aborted)
    // axios builds these options for this request alone: set ours on them rather than copy.
    if (this.pooled) options.agent = this.pooled
    // This `timeout` also bounds the TCP connect (and a proxy's CONNECT); axios's own timeout
    // (ClientRequest#setTimeout with a custom transport) only starts once the socket connected.
    options.timeout = this.inactivityTimeoutMs
    const req = (options.protocol === 'https:' ? httpsModule() : http).request(
      options,
      onResponse
    ) as TrackedRequest
    this.req = req
    req.write = holdWrite as typeof req.write
    req.end = joinEnd as typeof req.end
    req.on('finish', markFinished)
    return req
  }

  /** Rejects the call at once on abort, when waiting for the request's error could take long. */
  private rejectCall: ((error: Error) => void) | undefined

  abort(by: AbortedBy): void {
    if (this.aborted) return
    this.aborted = by
    const error = abortError(by)
    this.req?.destroy(error)
    this.rejectCall?.(error)
  }

  /**
   * A promise rejected on abort. A request destroyed before it has a socket errors only once its
   * agent hands one over, and a proxy's CONNECT tunnel can take up to the inactivity timeout to
   * do so; direct connections get theirs at once and need no race.
   */
  aborts(): Promise<never> {
    return new Promise<never>((_, reject) => {
      this.rejectCall = reject
    })
  }

  /** The user's signal fired (an EventListener object). */
  handleEvent(): void {
    this.abort('user')
  }
}

function onDeadline(exchange: Exchange): void {
  exchange.abort('deadline')
}

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
    const sent = exchange.req
    // A request on a reused (kept-alive) connection that fails before any byte of the answer may
    // have reached FlowX even when the write looked unfinished: it is an unknown outcome, never a
    // clean failure, and nothing is ever resent.
    const reused = sent?.reusedSocket === true
    // An answer that started arriving proves the server had the request.
    return {
      ok: false,
      error,
      requestSent: sent?.[FINISHED] === true || reused || response !== undefined,
      ...(response ? { response } : {}),
      ...(exchange.aborted ? { aborted: exchange.aborted } : {})
    }
  } finally {
    clearTimeout(deadline)
    signal?.removeEventListener('abort', exchange)
  }
}
