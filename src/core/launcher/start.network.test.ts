/**
 * startProcess with a profile's network settings (security.md NET-4, NET-5): a self-signed HTTPS
 * server and a recording forward proxy, all on 127.0.0.1.
 */
import { describe, expect, it } from 'vitest'

import type { ProfileProxy, ProfileTls, StartTarget } from '../../shared/domain'
import { transportFor } from '../net/transport'
import { directProxyResolver, type ProxyResolver } from '../ports'
import { startProcess } from './start'
import { closedPort, makeCertificate, sendJson, useTestServers } from './test-servers'
import type { StartRequest } from './types'

const TOKEN = 'TOKEN-6a2f-network-canary-91bc'
const PASSWORD = 'PROXY-PW-3e7d-network-canary'
const PAYLOAD_MARK = 'PAYLOAD-c41f-canary'
const TARGET: StartTarget = { mode: 'build', appId: 'a', buildId: 'b', processName: 'loan' }
const INSTANCE = { uuid: 'u-1', state: 'STARTED', tokens: [] }
const VERIFIED: ProfileTls = { customCa: '', allowUntrusted: false }

const { serve, silent, proxy } = useTestServers()

function request(baseUrl: string, extra: Partial<StartRequest> = {}): StartRequest {
  return {
    baseUrl,
    platform: 'web',
    token: TOKEN,
    target: TARGET,
    payload: { note: PAYLOAD_MARK },
    ...extra
  }
}

function expectNoSecrets(value: unknown): void {
  const text = JSON.stringify(value)
  expect(text).not.toContain(TOKEN)
  expect(text).not.toContain(PASSWORD)
}

function manual(port: number, username = 'alice'): ProfileProxy {
  return { mode: 'manual', url: `http://127.0.0.1:${port}`, username }
}

const certificate = makeCertificate(['flowx.test', '127.0.0.1', 'localhost'])

describe.skipIf('skip' in certificate)('startProcess: a profile’s TLS trust', () => {
  const tls = certificate as { key: string; cert: string }

  it('without a CA: the self-signed server is not trusted and gets nothing', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE), tls)
    const transport = await transportFor(
      { tls: VERIFIED, proxy: { mode: 'system' } },
      directProxyResolver,
      server.url
    )
    expect(transport.tlsVerification).toBe('on')
    const outcome = await startProcess(request(server.url, { transport }))
    expect(outcome).toMatchObject({
      status: 'failed',
      requestSent: false,
      error: { code: 'TLS', message: "The server's certificate is self-signed and not trusted." }
    })
    expect(server.received).toHaveLength(0)
  })

  it('with its certificate as the custom CA: started, verified against the profile CA', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE), tls)
    const transport = await transportFor(
      { tls: { customCa: tls.cert, allowUntrusted: false }, proxy: { mode: 'system' } },
      directProxyResolver,
      server.url
    )
    expect(transport.tlsVerification).toBe('custom-ca')
    const outcome = await startProcess(request(server.url, { transport }))
    expect(outcome).toMatchObject({ status: 'started', instance: { uuid: 'u-1' } })
    expect(server.received[0].headers.authorization).toBe(`Bearer ${TOKEN}`)
  })

  it('"allow untrusted" on profile A does not weaken profile B, even at the same time', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE), tls)
    const settings = (allowUntrusted: boolean) => ({
      tls: { customCa: '', allowUntrusted },
      proxy: { mode: 'none' } as const
    })
    const [a, b] = await Promise.all([
      transportFor(settings(true), directProxyResolver, server.url),
      transportFor(settings(false), directProxyResolver, server.url)
    ])
    expect([a.tlsVerification, b.tlsVerification]).toEqual(['off', 'on'])
    const [outcomeA, outcomeB] = await Promise.all([
      startProcess(request(server.url, { transport: a })),
      startProcess(request(server.url, { transport: b }))
    ])
    expect(outcomeA).toMatchObject({ status: 'started', instance: { uuid: 'u-1' } })
    expect(outcomeB).toMatchObject({
      status: 'failed',
      requestSent: false,
      error: { code: 'TLS', message: "The server's certificate is self-signed and not trusted." }
    })
    expect(server.received).toHaveLength(1)
  })
})

describe.skipIf('skip' in certificate)('startProcess: through a forward proxy', () => {
  const tls = certificate as { key: string; cert: string }
  const trusted: ProfileTls = { customCa: tls.cert, allowUntrusted: false }

  it('an https target is tunnelled with CONNECT: the proxy never sees the token or payload', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE), tls)
    const forward = await proxy()
    // flowx.test is not a loopback name, so the proxy applies; the test proxy connects to 127.0.0.1.
    const baseUrl = `https://flowx.test:${server.port}/rtm`
    const transport = await transportFor(
      { tls: trusted, proxy: manual(forward.port), proxyPassword: PASSWORD },
      directProxyResolver,
      baseUrl
    )
    expect(transport.route).toBe(`127.0.0.1:${forward.port}`)
    const outcome = await startProcess(request(baseUrl, { transport }))
    expect(outcome).toMatchObject({ status: 'started', requestSent: true })
    expect(forward.seen).toHaveLength(1)
    const [connect] = forward.seen
    expect(connect.method).toBe('CONNECT')
    expect(connect.url).toBe(`flowx.test:${server.port}`)
    expect(connect.headers['proxy-authorization']).toBe(
      `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`
    )
    expect(connect.body.length).toBeGreaterThan(0)
    expect(connect.body.toString('latin1')).not.toContain(TOKEN)
    expect(connect.body.toString('latin1')).not.toContain(PAYLOAD_MARK)
    // FlowX got the call, and no proxy credentials.
    expect(server.received).toHaveLength(1)
    expect(server.received[0].headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(server.received[0].headers['proxy-authorization']).toBeUndefined()
    expect(server.received[0].body).toContain(PAYLOAD_MARK)
    expectNoSecrets(outcome)
    expectNoSecrets(transport.route)
  })

  it('inside the tunnel the profile’s trust still decides: no CA, no request', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE), tls)
    const forward = await proxy()
    const baseUrl = `https://flowx.test:${server.port}/rtm`
    const transport = await transportFor(
      { tls: VERIFIED, proxy: manual(forward.port), proxyPassword: PASSWORD },
      directProxyResolver,
      baseUrl
    )
    const outcome = await startProcess(request(baseUrl, { transport }))
    expect(outcome).toMatchObject({
      status: 'failed',
      requestSent: false,
      error: { code: 'TLS', message: "The server's certificate is self-signed and not trusted." }
    })
    expect(forward.seen.map((seen) => seen.method)).toEqual(['CONNECT'])
    expect(server.received).toHaveLength(0)
  })

  it('an http target goes through the proxy with Proxy-Authorization', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE))
    const forward = await proxy()
    // The proxy is chosen as for a remote FlowX; the call goes to the loopback server (plain
    // http is allowed only for loopback base URLs).
    const transport = await transportFor(
      { tls: VERIFIED, proxy: manual(forward.port), proxyPassword: PASSWORD },
      directProxyResolver,
      'https://flowx.test/rtm'
    )
    const outcome = await startProcess(request(`${server.url}/rtm`, { transport }))
    expect(outcome).toMatchObject({ status: 'started', requestSent: true })
    expect(forward.seen).toHaveLength(1)
    expect(forward.seen[0]).toMatchObject({
      method: 'POST',
      url: `${server.url}/rtm/api/runtime/app/a/build/b/process-name/loan/start`
    })
    expect(forward.seen[0].headers['proxy-authorization']).toBe(
      `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`
    )
    expect(server.received).toHaveLength(1)
    expectNoSecrets(outcome)
  })

  it("'none' bypasses the proxy", async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE), tls)
    const forward = await proxy()
    const transport = await transportFor(
      { tls: trusted, proxy: { mode: 'none' } },
      { resolve: () => Promise.resolve(`PROXY 127.0.0.1:${forward.port}`) },
      'https://flowx.test/rtm'
    )
    expect(transport.route).toBe('DIRECT')
    const outcome = await startProcess(request(server.url, { transport }))
    expect(outcome.status).toBe('started')
    expect(forward.seen).toHaveLength(0)
    expect(server.received).toHaveLength(1)
  })

  it("'system' uses the proxy the resolver names", async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE), tls)
    const forward = await proxy()
    const asked: string[] = []
    const resolver: ProxyResolver = {
      resolve: (url) => {
        asked.push(url)
        return Promise.resolve(`PROXY 127.0.0.1:${forward.port}; DIRECT`)
      }
    }
    const baseUrl = `https://flowx.test:${server.port}/rtm`
    const transport = await transportFor(
      { tls: trusted, proxy: { mode: 'system' } },
      resolver,
      baseUrl
    )
    const outcome = await startProcess(request(baseUrl, { transport }))
    expect(outcome.status).toBe('started')
    expect(asked).toEqual([baseUrl])
    expect(forward.seen.map((seen) => seen.method)).toEqual(['CONNECT'])
    expect(forward.seen[0].headers['proxy-authorization']).toBeUndefined()
  })

  it('a proxy that refuses the credentials (407): failed, nothing reached FlowX', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE), tls)
    const forward = await proxy(407)
    const baseUrl = `https://flowx.test:${server.port}/rtm`
    const transport = await transportFor(
      { tls: trusted, proxy: manual(forward.port), proxyPassword: PASSWORD },
      directProxyResolver,
      baseUrl
    )
    const outcome = await startProcess(request(baseUrl, { transport }))
    expect(outcome).toMatchObject({
      status: 'failed',
      requestSent: false,
      error: {
        code: 'NETWORK',
        httpStatus: 407,
        message: `The proxy 127.0.0.1:${forward.port} did not accept the proxy user name and password (407).`
      }
    })
    expect(server.received).toHaveLength(0)
    expectNoSecrets(outcome)
  })

  it('a proxy asking for credentials on a plain http call (407): failed', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE))
    const forward = await proxy(407)
    const transport = await transportFor(
      { tls: VERIFIED, proxy: manual(forward.port, '') },
      directProxyResolver,
      'https://flowx.test/rtm'
    )
    const outcome = await startProcess(request(server.url, { transport }))
    expect(outcome).toMatchObject({
      status: 'failed',
      error: {
        code: 'NETWORK',
        message: `The proxy 127.0.0.1:${forward.port} asks for a user name and password (407).`
      }
    })
    expect(server.received).toHaveLength(0)
  })

  it('a proxy that is not running: the message names the proxy, not FlowX', async () => {
    const port = await closedPort()
    const transport = await transportFor(
      { tls: trusted, proxy: manual(port), proxyPassword: PASSWORD },
      directProxyResolver,
      'https://flowx.test/rtm'
    )
    const outcome = await startProcess(request('https://flowx.test/rtm', { transport }))
    expect(outcome).toMatchObject({
      status: 'failed',
      requestSent: false,
      error: { code: 'NETWORK', message: `Connection refused by the proxy 127.0.0.1:${port}.` }
    })
    expectNoSecrets(outcome)
  })

  it('a proxy that cannot reach FlowX (502 to the CONNECT): failed, naming both', async () => {
    const forward = await proxy()
    const port = await closedPort()
    const baseUrl = `https://flowx.test:${port}/rtm`
    const transport = await transportFor(
      { tls: trusted, proxy: manual(forward.port), proxyPassword: PASSWORD },
      directProxyResolver,
      baseUrl
    )
    const outcome = await startProcess(request(baseUrl, { transport }))
    expect(outcome).toMatchObject({
      status: 'failed',
      requestSent: false,
      error: {
        code: 'NETWORK',
        httpStatus: 502,
        message: `The proxy 127.0.0.1:${forward.port} would not connect to flowx.test:${port} (502 Bad Gateway).`
      }
    })
    expectNoSecrets(outcome)
  })

  it('a cancel while the proxy has not answered the CONNECT ends the call at once, not at the inactivity timeout', async () => {
    const controller = new AbortController()
    const { port } = await silent((socket) => {
      socket.resume()
      // The CONNECT has arrived and will never be answered.
      socket.once('data', () => controller.abort())
    })
    const transport = await transportFor(
      { tls: trusted, proxy: manual(port), proxyPassword: PASSWORD },
      directProxyResolver,
      'https://flowx.test/rtm'
    )
    // An inactivity timeout far beyond the test's own: only the cancel can end this call in time.
    const outcome = await startProcess(
      request('https://flowx.test/rtm', {
        transport,
        inactivityTimeoutMs: 600_000,
        signal: controller.signal
      })
    )
    expect(outcome).toMatchObject({
      status: 'failed',
      requestSent: false,
      error: { code: 'CANCELLED', message: 'Cancelled before the request was sent.' }
    })
    expectNoSecrets(outcome)
  })

  it('the total deadline ends a call whose CONNECT is never answered: failed TIMEOUT, nothing sent', async () => {
    const { port } = await silent((socket) => socket.resume())
    const transport = await transportFor(
      { tls: trusted, proxy: manual(port), proxyPassword: PASSWORD },
      directProxyResolver,
      'https://flowx.test/rtm'
    )
    const outcome = await startProcess(
      request('https://flowx.test/rtm', {
        transport,
        inactivityTimeoutMs: 600_000,
        deadlineMs: 300
      })
    )
    expect(outcome).toMatchObject({
      status: 'failed',
      requestSent: false,
      error: { code: 'TIMEOUT', message: 'Could not send the request within the 0.3 s time limit.' }
    })
  })

  it('a proxy that never answers the CONNECT: failed TIMEOUT, and its connection is closed', async () => {
    let closed: Promise<void> = Promise.resolve()
    const { port } = await silent((socket) => {
      closed = new Promise((resolve) => socket.once('close', () => resolve()))
      // Read (and drop) what arrives, so the end of the connection is seen.
      socket.resume()
    })
    const transport = await transportFor(
      { tls: trusted, proxy: manual(port), proxyPassword: PASSWORD },
      directProxyResolver,
      'https://flowx.test/rtm'
    )
    const outcome = await startProcess(
      request('https://flowx.test/rtm', { transport, inactivityTimeoutMs: 200 })
    )
    expect(outcome).toMatchObject({
      status: 'failed',
      requestSent: false,
      error: {
        code: 'TIMEOUT',
        message: `Could not reach flowx.test through the proxy 127.0.0.1:${port} within 0.2 s.`
      }
    })
    expectNoSecrets(outcome)
    await closed
  })
})
