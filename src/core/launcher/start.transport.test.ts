/** startProcess when no proper answer comes: timeouts, resets, cancel, TLS, proxies (NET-1…6). */
import https from 'node:https'
import { gzipSync } from 'node:zlib'

import { describe, expect, it } from 'vitest'

import type { StartTarget } from '../../shared/domain'
import { directTransport } from '../net/direct'
import { startProcess } from './start'
import { closedPort, makeCertificate, sendJson, useTestServers } from './test-servers'
import type { StartRequest } from './types'

const TOKEN = 'TOKEN-0b9e6c1d-canary-44aa'
const TARGET: StartTarget = { mode: 'build', appId: 'a', buildId: 'b', processName: 'loan request' }
const INSTANCE = { uuid: 'u-1', state: 'STARTED', tokens: [] }

const { serve, silent } = useTestServers()

function request(baseUrl: string, extra: Partial<StartRequest> = {}): StartRequest {
  return { baseUrl, platform: 'web', token: TOKEN, target: TARGET, payload: { a: 1 }, ...extra }
}

function expectNoToken(value: unknown): void {
  expect(JSON.stringify(value)).not.toContain(TOKEN)
}

describe('startProcess: timeouts', () => {
  it('a server that never answers: unknown TIMEOUT after the inactivity timeout', async () => {
    const server = await serve(() => undefined)
    const outcome = await startProcess(request(server.url, { inactivityTimeoutMs: 200 }))
    expect(outcome).toMatchObject({
      status: 'unknown',
      requestSent: true,
      error: { code: 'TIMEOUT' }
    })
    expect(outcome.error?.message).toBe('The server sent nothing for 0.2 s after the request.')
    expect(outcome.error?.hint).toContain('check FlowX before launching again')
    expect(server.received).toHaveLength(1)
    expectNoToken(outcome)
  })

  it('a server that trickles forever: stopped by the total deadline', async () => {
    const server = await serve((_, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{')
      // One byte at a time keeps the inactivity timer from ever firing.
      const timer = setInterval(() => res.write(' '), 20)
      res.on('close', () => clearInterval(timer))
    })
    const outcome = await startProcess(
      request(server.url, { inactivityTimeoutMs: 10_000, deadlineMs: 300 })
    )
    expect(outcome).toMatchObject({
      status: 'unknown',
      requestSent: true,
      error: { code: 'TIMEOUT' }
    })
    expect(outcome.error?.message).toBe('No complete answer within the 0.3 s time limit.')
  })

  it('a TLS handshake that stalls: failed TIMEOUT, nothing was sent', async () => {
    const { port } = await silent()
    const outcome = await startProcess(
      request(`https://127.0.0.1:${port}`, { inactivityTimeoutMs: 200 })
    )
    expect(outcome).toMatchObject({
      status: 'failed',
      requestSent: false,
      error: { code: 'TIMEOUT' }
    })
    expect(outcome.error?.message).toBe(`Could not reach 127.0.0.1:${port} within 0.2 s.`)
  })
})

describe('startProcess: broken connections and bodies', () => {
  it('nothing listening: failed NETWORK, nothing sent', async () => {
    const port = await closedPort()
    const outcome = await startProcess(request(`http://127.0.0.1:${port}/rtm`))
    expect(outcome).toMatchObject({ status: 'failed', requestSent: false })
    expect(outcome.error).toMatchObject({
      code: 'NETWORK',
      message: `Connection refused by 127.0.0.1:${port}.`,
      hint: 'Check the base URL and that the FlowX runtime is running.'
    })
  })

  it('reset after reading the request: unknown NETWORK', async () => {
    const server = await serve((_, _res, req) => req.socket.resetAndDestroy())
    const outcome = await startProcess(request(server.url))
    expect(outcome).toMatchObject({
      status: 'unknown',
      requestSent: true,
      error: { code: 'NETWORK' }
    })
    expect(outcome.error?.message).toBe(
      'The connection was closed after the request was sent (ECONNRESET).'
    )
    expect(server.received).toHaveLength(1)
  })

  it('a body cut off after the status line: unknown UNREADABLE_RESPONSE with the status', async () => {
    const server = await serve((_, res, req) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' })
      res.write('{"uuid":"u-1","sta', () => req.socket.destroy())
    })
    const outcome = await startProcess(request(server.url))
    expect(outcome).toMatchObject({
      status: 'unknown',
      httpStatus: 200,
      requestSent: true,
      error: { code: 'UNREADABLE_RESPONSE' }
    })
    expect(outcome.error?.message).toBe(
      'The server answered 200 OK, but the response was cut off or corrupt.'
    )
  })

  it('a compressed body that inflates past 10 MB is not loaded', async () => {
    const bomb = gzipSync(Buffer.alloc(11 * 1024 * 1024, 0x20))
    const server = await serve((_, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
      res.end(bomb)
    })
    const outcome = await startProcess(request(server.url))
    expect(outcome).toMatchObject({ status: 'unknown', error: { code: 'UNREADABLE_RESPONSE' } })
    expect(outcome.error?.message).toBe('The response is larger than 10 MB and was not loaded.')
  })
})

describe('startProcess: cancel', () => {
  it('cancel after the request arrived: unknown CANCELLED, and the server sees the socket close', async () => {
    const controller = new AbortController()
    let socketClosed: Promise<void> = Promise.resolve()
    const server = await serve((_, _res, req) => {
      socketClosed = new Promise((resolve) => req.socket.once('close', () => resolve()))
      controller.abort()
    })
    const outcome = await startProcess(request(server.url, { signal: controller.signal }))
    expect(outcome).toMatchObject({
      status: 'unknown',
      requestSent: true,
      error: { code: 'CANCELLED', message: 'Cancelled after the request was sent.' }
    })
    await socketClosed
  })

  it('already cancelled: failed CANCELLED, nothing sent', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE))
    const outcome = await startProcess(request(server.url, { signal: AbortSignal.abort() }))
    expect(outcome).toMatchObject({
      status: 'failed',
      requestSent: false,
      error: { code: 'CANCELLED', message: 'Cancelled before the request was sent.' }
    })
    expect(server.received).toHaveLength(0)
  })

  it('cancel while connected but before the request could be written: failed CANCELLED', async () => {
    const controller = new AbortController()
    // The TCP connection is accepted but the TLS handshake never completes, so the request stays queued.
    const { port } = await silent(() => controller.abort())
    const outcome = await startProcess(
      request(`https://127.0.0.1:${port}`, { signal: controller.signal })
    )
    expect(outcome).toMatchObject({
      status: 'failed',
      requestSent: false,
      error: { code: 'CANCELLED' }
    })
  })
})

const certificate = makeCertificate(['127.0.0.1', 'localhost'])
const wrongHost = makeCertificate(['other.example'])

describe.skipIf('skip' in certificate || 'skip' in wrongHost)('startProcess: TLS', () => {
  const tls = certificate as { key: string; cert: string }

  it('a self-signed certificate is refused and nothing is sent', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE), tls)
    const outcome = await startProcess(request(server.url))
    expect(outcome).toMatchObject({ status: 'failed', requestSent: false })
    expect(outcome.error).toMatchObject({
      code: 'TLS',
      message: "The server's certificate is self-signed and not trusted."
    })
    expect(server.received).toHaveLength(0)
  })

  it('the same server is accepted through an agent that trusts its certificate', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE), tls)
    const httpsAgent = new https.Agent({ ca: tls.cert, keepAlive: false })
    const transport = { ...directTransport(), httpsAgent }
    const outcome = await startProcess(request(server.url, { transport }))
    expect(outcome).toMatchObject({ status: 'started', instance: { uuid: 'u-1' } })
    expect(server.received[0].headers.authorization).toBe(`Bearer ${TOKEN}`)
  })

  it('a trusted certificate for another host name is refused', async () => {
    const other = wrongHost as { key: string; cert: string }
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE), other)
    const httpsAgent = new https.Agent({ ca: other.cert, keepAlive: false })
    const transport = { ...directTransport(), httpsAgent }
    const outcome = await startProcess(request(server.url, { transport }))
    expect(outcome.error).toMatchObject({
      code: 'TLS',
      message: "The server's certificate is for a different host name."
    })
    expect(server.received).toHaveLength(0)
  })
})

describe('startProcess: proxies', () => {
  it('ignores proxy settings in the environment', async () => {
    const proxy = await serve((_, res) => sendJson(res, 502, 'proxy'))
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE))
    const settings: Record<string, string> = {
      HTTP_PROXY: proxy.url,
      http_proxy: proxy.url,
      HTTPS_PROXY: proxy.url,
      https_proxy: proxy.url,
      NO_PROXY: '',
      no_proxy: ''
    }
    const saved = Object.keys(settings).map((name) => [name, process.env[name]] as const)
    Object.assign(process.env, settings)
    try {
      const outcome = await startProcess(request(server.url))
      expect(outcome.status).toBe('started')
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
    expect(proxy.received).toHaveLength(0)
    expect(server.received).toHaveLength(1)
  })
})
