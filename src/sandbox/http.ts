/** Request context, bounded body reading and the one place responses are written. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { gzipSync } from 'node:zlib'

import { badRequestPage, nginxPage, problemBody, type LegacyFields } from './problems'
import type { SandboxState } from './state'
import type { FaultConfig } from './types'

/** FlowX's ingress and Undertow both stop at 1 MB (flowx-api.md §a). */
export const MAX_BODY_BYTES = 1_048_576
/** A too-large upload is drained (not stored) so the client can read the 413; past this it is cut. */
const MAX_DRAIN_BYTES = 64 * MAX_BODY_BYTES

/** One request being answered. */
export interface Ctx {
  req: IncomingMessage
  res: ServerResponse
  state: SandboxState
  method: string
  rawPath: string
  /** Path segments before decoding. */
  rawSegments: string[]
  body: Buffer
  tooLarge: boolean
  /** Runtime responses carry Spring's security headers and may be gzip-encoded. */
  runtime: boolean
  /** The fault in force for this request (runtime start routes only). */
  fault?: FaultConfig
}

export type Headers = Record<string, string | number>

/** The headers FlowX's runtime sends on every answer (flowx-api.md §a, [DOC S1]). */
const RUNTIME_HEADERS: Headers = {
  Vary: 'Accept-Encoding',
  'X-Content-Type-Options': 'nosniff',
  'X-XSS-Protection': '0',
  'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
  Pragma: 'no-cache',
  Expires: '0',
  'X-Frame-Options': 'DENY'
}

export interface BodyResult {
  body: Buffer
  size: number
  tooLarge: boolean
}

/** Read a request body, keeping at most 1 MB; resolves undefined if the client went away. */
export function readBody(req: IncomingMessage): Promise<BodyResult | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) tooLarge = true
      if (tooLarge) chunks.length = 0
      else chunks.push(chunk)
      if (size > MAX_DRAIN_BYTES) req.socket.destroy()
    })
    req.on('end', () =>
      resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), size, tooLarge })
    )
    req.on('error', () => resolve(undefined))
    req.on('close', () => {
      if (!req.complete) resolve(undefined)
    })
  })
}

/** Whether an Accept-Encoding value allows gzip. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false
  return header.split(',').some((part) => {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase())
    if (name !== 'gzip' && name !== '*') return false
    const q = params.find((p) => p.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  })
}

/** The headers every response carries: Date on the sandbox clock, Spring's on runtime routes. */
export function baseHeaders(ctx: Ctx, extra: Headers): Headers {
  const all: Headers = { Date: new Date(ctx.state.now()).toUTCString() }
  if (ctx.runtime) Object.assign(all, RUNTIME_HEADERS)
  return Object.assign(all, extra)
}

/** Write a whole response (gzip when asked on runtime routes, trickled under that fault). */
export function send(
  ctx: Ctx,
  status: number,
  headers: Headers = {},
  body: string | Buffer = ''
): void {
  const { req, res } = ctx
  if (res.headersSent || res.destroyed) return
  const all = baseHeaders(ctx, headers)
  let payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  const rate = ctx.fault?.slowBodyBytesPerSec
  if (ctx.runtime && payload.length > 0 && !rate && acceptsGzip(req.headers['accept-encoding'])) {
    payload = gzipSync(payload)
    all['Content-Encoding'] = 'gzip'
  }
  all['Content-Length'] = payload.length
  // After an oversized upload the connection is not worth keeping.
  if (ctx.tooLarge) all.Connection = 'close'
  res.writeHead(status, all)
  if (rate && rate > 0 && payload.length > 0) trickle(ctx, payload, rate)
  else res.end(payload)
}

/** Drip a body in 50 ms steps at about `rate` bytes per second. */
function trickle(ctx: Ctx, payload: Buffer, rate: number): void {
  const step = Math.max(1, Math.ceil(rate / 20))
  let offset = 0
  const tick = (): void => {
    if (ctx.res.destroyed) return
    const chunk = payload.subarray(offset, offset + step)
    offset += step
    if (offset >= payload.length) ctx.res.end(chunk)
    else {
      ctx.res.write(chunk)
      ctx.state.later(50, tick)
    }
  }
  tick()
}

/** A JSON response. */
export function sendJson(ctx: Ctx, status: number, value: unknown, headers: Headers = {}): void {
  send(ctx, status, { 'Content-Type': 'application/json', ...headers }, JSON.stringify(value))
}

/** A problem+json response; legacy mode adds the JHipster fields on runtime errors. */
export function sendProblem(
  ctx: Ctx,
  status: number,
  title: string,
  detail?: string,
  extra: { legacy?: LegacyFields; headers?: Headers } = {}
): void {
  const legacy = ctx.state.options.legacyErrors
    ? (extra.legacy ?? { errorKey: `error.http.${status}`, entityName: 'problemEntity' })
    : undefined
  send(
    ctx,
    status,
    { 'Content-Type': 'application/problem+json', ...extra.headers },
    JSON.stringify(problemBody(status, title, detail, legacy))
  )
}

/** An HTML page. */
export function sendHtml(ctx: Ctx, status: number, html: string, headers: Headers = {}): void {
  send(ctx, status, { 'Content-Type': 'text/html;charset=utf-8', ...headers }, html)
}

/** The NGINX error page for a status. */
export function sendNginx(ctx: Ctx, status: number, headers: Headers = {}): void {
  // The ingress answers before the service: none of Spring's headers, no compression.
  sendHtml({ ...ctx, runtime: false }, status, nginxPage(status), headers)
}

/** A servlet-container 400 page. */
export function sendBadRequestPage(ctx: Ctx, message: string): void {
  sendHtml(ctx, 400, badRequestPage(message))
}
