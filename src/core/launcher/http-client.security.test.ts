/**
 * The POST client holds the line by itself (security.md NET-3, NET-6), whatever path or body a
 * caller hands it: the checks before it (validated ids, the payload limit) are not the only guard.
 */
import { afterEach, describe, expect, it } from 'vitest'

import { MAX_PAYLOAD_BYTES } from '../../shared/schemas'
import { directTransport } from '../net/direct'
import { closePooledConnections } from './connection-pool'
import { postJson } from './http-client'
import { sendJson, useTestServers } from './test-servers'

const TOKEN = 'TOKEN-5b0e2c77-canary-a1d4'
const { serve, proxy } = useTestServers()
afterEach(() => closePooledConnections())

function post(baseUrl: string, path: string, body = '{}') {
  return postJson({
    baseUrl,
    path,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body,
    inactivityTimeoutMs: 30_000,
    signal: new AbortController().signal,
    transport: directTransport()
  })
}

/** A JSON object of exactly `bytes` bytes. */
const bodyOf = (bytes: number): string =>
  JSON.stringify({ big: 'x'.repeat(bytes - '{"big":""}'.length) })

describe('postJson (NET-3): a path never becomes another host', () => {
  it('an absolute URL given as the path stays below the base URL; the other host gets nothing', async () => {
    const base = await serve((_, res) => sendJson(res, 200, { uuid: 'u-1' }))
    const evil = await serve((_, res) => sendJson(res, 200, { stolen: true }))

    const result = await post(`${base.url}/rtm`, `${evil.url}/steal`)

    expect(evil.received).toHaveLength(0)
    expect(result.ok).toBe(true)
    expect(base.received).toHaveLength(1)
    expect(base.received[0].url.startsWith('/rtm/')).toBe(true)
    expect(base.received[0].headers.authorization).toBe(`Bearer ${TOKEN}`)
  })
})

describe('postJson (NET-6): the body limit is enforced by the client', () => {
  it('a body one byte over the limit is refused before sending; the server sees nothing', async () => {
    const server = await serve((_, res) => sendJson(res, 200, { uuid: 'u-1' }))
    const body = bodyOf(MAX_PAYLOAD_BYTES + 1)
    expect(Buffer.byteLength(body)).toBe(MAX_PAYLOAD_BYTES + 1)

    const result = await post(`${server.url}/rtm`, 'api/start', body)

    expect(result).toMatchObject({ ok: false, requestSent: false })
    expect(server.received).toHaveLength(0)
  })

  it('a body exactly at the limit is sent (the positive control)', async () => {
    const server = await serve((_, res) => sendJson(res, 200, { uuid: 'u-1' }))
    const body = bodyOf(MAX_PAYLOAD_BYTES)
    expect(Buffer.byteLength(body)).toBe(MAX_PAYLOAD_BYTES)

    const result = await post(`${server.url}/rtm`, 'api/start', body)

    expect(result.ok).toBe(true)
    expect(server.received).toHaveLength(1)
    expect(server.received[0].body).toHaveLength(MAX_PAYLOAD_BYTES)
  })
})

describe('postJson: settings set on Object.prototype do not reach the call', () => {
  const polluted = {
    proxy: undefined as unknown,
    allowAbsoluteUrls: true,
    maxRedirects: 5,
    maxContentLength: -1,
    maxBodyLength: -1,
    beforeRedirect: () => undefined,
    onUploadProgress: () => undefined,
    // A cancel token that cancels at once: would end every call before it is sent.
    cancelToken: { subscribe: (cancel: () => void) => cancel(), unsubscribe: () => undefined }
  }

  afterEach(() => {
    for (const key of Object.keys(polluted))
      delete (Object.prototype as Record<string, unknown>)[key]
  })

  it('no proxy, redirect, limit or cancel comes from a polluted prototype; the start goes where it should', async () => {
    const recording = await proxy()
    const base = await serve((_, res) => sendJson(res, 200, { uuid: 'u-1' }))
    const evil = await serve((_, res) => sendJson(res, 200, { stolen: true }))
    polluted.proxy = { protocol: 'http', host: '127.0.0.1', port: recording.port }
    for (const [key, value] of Object.entries(polluted)) {
      Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true })
    }

    const result = await post(`${base.url}/rtm`, `${evil.url}/steal`)
    const tooBig = await post(`${base.url}/rtm`, 'api/start', bodyOf(MAX_PAYLOAD_BYTES + 1))

    expect(result.ok).toBe(true)
    expect(base.received).toHaveLength(1)
    expect(evil.received).toHaveLength(0)
    expect(recording.seen).toHaveLength(0)
    expect(tooBig).toMatchObject({ ok: false, requestSent: false })
  })
})
