/**
 * One start's request as Node sends it: the body joined to the head in one write, whether its last
 * byte reached the socket, and its end on the user's cancel or the total deadline. node:https loads
 * only for an https request.
 */
import http from 'node:http'
import type https from 'node:https'

import { httpsModule } from '../net/lazy-tls'

/** What ended a call early: the user's cancel or the total deadline. */
export type AbortedBy = 'user' | 'deadline'

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
 * What Node's http.request reads of the options axios hands over. axios's object also carries
 * settings only follow-redirects and HTTP/2 read (AXIOS_ONLY_OPTIONS), and it is a dictionary
 * (Object.create(null)), which Node copies key by key twice per request (ClientRequest, then the
 * agent). This one has a fixed shape and only these keys; its prototype is null too.
 */
export function requestOptions(
  given: https.RequestOptions,
  pooled: http.Agent | undefined,
  inactivityTimeoutMs: number
): https.RequestOptions {
  return {
    __proto__: null,
    protocol: given.protocol,
    host: given.host,
    hostname: given.hostname,
    port: given.port,
    path: given.path,
    socketPath: given.socketPath,
    method: given.method,
    headers: given.headers,
    auth: given.auth,
    family: given.family,
    lookup: given.lookup,
    insecureHTTPParser: given.insecureHTTPParser,
    createConnection: given.createConnection,
    // A direct connection goes through the keep-alive pool; otherwise the proxy's agent.
    agent: pooled ?? given.agent,
    // This `timeout` also bounds the TCP connect (and a proxy's CONNECT); axios's own timeout
    // (ClientRequest#setTimeout with a custom transport) only starts once the socket connected.
    timeout: inactivityTimeoutMs
  } as https.RequestOptions
}

/** Options axios sets for follow-redirects and HTTP/2 only, which a start's request never reads. */
export const AXIOS_ONLY_OPTIONS: readonly string[] = [
  'agents',
  'beforeRedirect',
  'beforeRedirects',
  'http2Options',
  'maxBodyLength',
  'maxRedirects',
  'sensitiveHeaders'
]

/**
 * One call's transport for axios, which sees the request itself. Before 'finish' (refused, DNS, TLS
 * handshake, CONNECT, connect timeout, early cancel) nothing can have started.
 *
 * It also ends the call on the user's cancel or the deadline by destroying its request (axios then
 * rejects as for any failed request): no AbortController, signal or listener of axios's own per
 * launch. It is its own abort listener (`handleEvent`) and its deadline timer's argument, so this
 * allocates no closures either.
 */
export class Exchange {
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
    const req = (options.protocol === 'https:' ? httpsModule() : http).request(
      requestOptions(options, this.pooled, this.inactivityTimeoutMs),
      onResponse
    ) as TrackedRequest
    this.req = req
    req.write = holdWrite as typeof req.write
    req.end = joinEnd as typeof req.end
    req.on('finish', markFinished)
    return req
  }

  /** Whether the last byte of the request was handed to the socket. */
  get finished(): boolean {
    return this.req?.[FINISHED] === true
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

/** The deadline timer's callback (the exchange is its argument: no closure per launch). */
export function onDeadline(exchange: Exchange): void {
  exchange.abort('deadline')
}
