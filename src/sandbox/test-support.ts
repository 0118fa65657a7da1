/** Helpers for the sandbox's own tests: a raw HTTP client that sends paths exactly as given. */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'
import { gunzipSync } from 'node:zlib'

import { afterEach } from 'vitest'

import { SANDBOX_IDS } from './fixture'
import { startSandbox } from './server'
import type { Sandbox, SandboxOptions } from './types'

/** A response as it came off the wire. */
export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  /** The body bytes as received (still gzip-encoded when the server compressed). */
  raw: Buffer
  /** The body as text, gunzipped when needed. */
  text: string
  /** How many data events carried the body. */
  chunks: number
}

export interface RawRequest {
  method?: string
  headers?: Record<string, string | number>
  body?: string | Buffer
  signal?: AbortSignal
}

/**
 * Send one request on a fresh connection. Unlike fetch, the path is not normalised, so `..`,
 * backslashes and raw brackets reach the server as written.
 */
export function rawRequest(
  baseUrl: string,
  path: string,
  init: RawRequest = {}
): Promise<RawResponse> {
  const url = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: init.method ?? 'GET',
        path,
        headers: init.headers,
        agent: false,
        signal: init.signal
      },
      (res) => {
        const parts: Buffer[] = []
        res.on('data', (chunk: Buffer) => parts.push(chunk))
        res.on('error', reject)
        res.on('end', () => {
          const raw = Buffer.concat(parts)
          const gzip = res.headers['content-encoding'] === 'gzip'
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            raw,
            text: (gzip ? gunzipSync(raw) : raw).toString('utf8'),
            chunks: parts.length
          })
        })
      }
    )
    req.on('error', reject)
    req.end(init.body)
  })
}

/** Parse a JSON body, failing the test with the text when it is not JSON. */
export function json(response: RawResponse): Record<string, unknown> {
  return JSON.parse(response.text) as Record<string, unknown>
}

/** The by-build start path, each segment encoded as the launcher does. */
export function buildStartPath(
  name: string,
  appId: string = SANDBOX_IDS.appId,
  buildId: string = SANDBOX_IDS.committedBuildId,
  prefix = '/rtm'
): string {
  const seg = encodeURIComponent
  return `${prefix}/api/runtime/app/${seg(appId)}/build/${seg(buildId)}/process-name/${seg(name)}/start`
}

/** The by-workspace start path. */
export function workspaceStartPath(
  name: string,
  workspaceId: string = SANDBOX_IDS.workspaceId,
  appId: string = SANDBOX_IDS.appId
): string {
  const seg = encodeURIComponent
  return `/rtm/api/runtime/wks/${seg(workspaceId)}/app/${seg(appId)}/process-name/${seg(name)}/start`
}

/** Headers of a well-formed start call. */
export function startHeaders(
  token: string,
  extra: Record<string, string> = {}
): Record<string, string> {
  return {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
    'Flowx-Platform': 'web',
    ...extra
  }
}

/** POST a start with a JSON body (default {}). */
export function postStart(
  url: string,
  path: string,
  token: string,
  body: unknown = {},
  extra: Record<string, string> = {}
): Promise<RawResponse> {
  return rawRequest(url, path, {
    method: 'POST',
    headers: startHeaders(token, extra),
    body: JSON.stringify(body)
  })
}

/** POST a form to a token endpoint. */
export function postForm(
  url: string,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {}
): Promise<RawResponse> {
  return rawRequest(url, path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString()
  })
}

/** Write a raw request on a socket and collect every byte until the server closes it. */
export function rawExchange(baseUrl: string, request: string): Promise<Buffer> {
  const url = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = []
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () =>
      socket.write(request)
    )
    socket.on('data', (chunk: Buffer) => parts.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(Buffer.concat(parts)))
  })
}

/** A `start(options)` for tests: every sandbox it starts is closed after the test. */
export function useSandbox(): (options?: SandboxOptions) => Promise<Sandbox> {
  const running: Sandbox[] = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map((sandbox) => sandbox.close()))
  })
  return async (options = {}) => {
    const sandbox = await startSandbox(options)
    running.push(sandbox)
    return sandbox
  }
}
