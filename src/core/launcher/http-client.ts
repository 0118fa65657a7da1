/**
 * The one POST the launcher makes, with the settings security.md NET-1…6 asks for. It never throws:
 * it returns the answer, or the error together with whether the request had been sent.
 */
import { createHash } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'

import { Axios, type AxiosResponse, isAxiosError } from 'axios'

import { MAX_PAYLOAD_BYTES } from '../../shared/limits'
import { rawTextExchange } from '../net/raw-exchange'
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
  /** Aborts the call: the user's cancel combined with the total deadline. */
  signal: AbortSignal
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
  | { ok: false; error: unknown; response?: HttpAnswer; requestSent: boolean }

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
    agent = secure ? new https.Agent({ ...base, ...options }) : new http.Agent(options)
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
 * The axios client of starts. Every setting that never changes is its own, and it is built from
 * these alone rather than from axios's global defaults (header buckets per method, form-data
 * settings, JSON transforms): each call merges a handful of keys, a good third less work per start.
 */
const client = new Axios({
  adapter: 'http',
  // Never let a path turn into another host (CVE-2025-27152), never follow redirects with the
  // token or payload (NET-2).
  allowAbsoluteUrls: false,
  maxRedirects: 0,
  maxContentLength: MAX_RESPONSE_BYTES,
  maxBodyLength: MAX_PAYLOAD_BYTES,
  // We classify every status and parse the body ourselves.
  ...rawTextExchange(),
  // No transform at all rather than pass-through ones: the body leaves and comes back as it is.
  transformRequest: [],
  transformResponse: [],
  // Masks the header in AxiosError#toJSON; we never return axios errors, but a log might.
  redact: ['authorization', 'proxy-authorization']
})

/** Close every pooled connection (the app quitting, tests). */
export function closePooledConnections(): void {
  for (const agent of pools.values()) agent.destroy()
  pools.clear()
}

/**
 * axios writes the body and then ends the request, so Node sends the head and the body as two
 * chunks (a writev, and on a busy machine two packets). The body is held back and given to
 * `end()` as latin1 text (the exact bytes): Node then joins it to the head in one write.
 */
function sendHeadWithBody(req: http.ClientRequest): void {
  const write = req.write.bind(req) as (...args: unknown[]) => boolean
  const end = req.end.bind(req) as (...args: unknown[]) => http.ClientRequest
  let held: Buffer | undefined
  const release = (): void => {
    if (held === undefined) return
    const body = held
    held = undefined
    write(body)
  }
  req.write = ((...args: unknown[]) => {
    if (held === undefined && args.length === 1 && Buffer.isBuffer(args[0]) && !req.headersSent) {
      held = args[0]
      return true
    }
    release()
    return write(...args)
  }) as typeof req.write
  req.end = ((...args: unknown[]) => {
    if (held !== undefined && (args.length === 0 || typeof args[0] === 'function')) {
      const body = held
      held = undefined
      return end(body.toString('latin1'), 'latin1', ...args)
    }
    release()
    return end(...args)
  }) as typeof req.end
}

/** An axios response as the plain answer the launcher and build info read. */
export function toAnswer(response: AxiosResponse<unknown>): HttpAnswer {
  const headers: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (value !== undefined && value !== null) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
    }
  }
  const body = typeof response.data === 'string' ? response.data : ''
  return { status: response.status, statusText: response.statusText ?? '', headers, body }
}

/** POST `body` to `baseUrl + path` and report what happened. */
export async function postJson(request: PostRequest): Promise<PostResult> {
  let requestSent = false
  // An https target behind a proxy goes through our CONNECT tunnel (src/core/net/tunnel.ts).
  const { transport: given } = request
  const net =
    given.proxy === false
      ? { proxy: false as const, httpAgent: given.httpAgent, httpsAgent: given.httpsAgent }
      : axiosNetOptions(given, request.baseUrl)
  const secure = request.baseUrl.startsWith('https:')
  const pooled = pooledAgent(request.transport, secure)
  // The request as handed to Node (its socket says whether the connection was reused).
  let sent: http.ClientRequest | undefined
  // Our own transport, to see the request itself: 'finish' fires once the last byte has been
  // handed to the socket, i.e. from then on FlowX (or, for plain http, the proxy) may have it.
  // Before that (refused, DNS, TLS handshake, CONNECT, connect timeout, early cancel) nothing can
  // have started.
  //
  // For a plain http target behind a proxy, axios hands us options that already point at the
  // proxy (absolute URL as path, Proxy-Authorization header).
  const transport = {
    request(
      options: https.RequestOptions,
      onResponse: (res: http.IncomingMessage) => void
    ): http.ClientRequest {
      const client = options.protocol === 'https:' ? https : http
      // axios builds these options for this request alone: set ours on them rather than copy.
      if (pooled) options.agent = pooled
      // This `timeout` also bounds the TCP connect (and a proxy's CONNECT); axios's own timeout
      // (ClientRequest#setTimeout with a custom transport) only starts once the socket connected.
      options.timeout = request.inactivityTimeoutMs
      const req = client.request(options, onResponse)
      sent = req
      sendHeadWithBody(req)
      req.once('finish', () => {
        requestSent = true
      })
      return req
    }
  }
  try {
    const response = await client.request<string>({
      method: 'POST',
      baseURL: request.baseUrl,
      url: request.path,
      // Never pick up proxies from the environment unnoticed (NET-5).
      proxy: net.proxy,
      transport,
      // The profile's agents (its own CA); direct connections go through the pool above.
      httpAgent: net.httpAgent,
      httpsAgent: net.httpsAgent,
      headers: request.headers,
      data: request.body,
      signal: request.signal,
      timeout: request.inactivityTimeoutMs
    })
    return { ok: true, response: toAnswer(response), requestSent: true }
  } catch (error) {
    const response = isAxiosError(error) && error.response ? toAnswer(error.response) : undefined
    // A request on a reused (kept-alive) connection that fails before any byte of the answer may
    // have reached FlowX even when the write looked unfinished: it is an unknown outcome, never a
    // clean failure, and nothing is ever resent.
    const reused = sent?.reusedSocket === true
    // An answer that started arriving proves the server had the request.
    return {
      ok: false,
      error,
      requestSent: requestSent || reused || response !== undefined,
      ...(response ? { response } : {})
    }
  }
}
