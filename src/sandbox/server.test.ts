import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'

import { describe, expect, it } from 'vitest'

import { SANDBOX_IDS } from './fixture'
import { startSandbox } from './server'
import { buildStartPath, json, postForm, postStart, rawRequest, useSandbox } from './test-support'

const start = useSandbox()

const ONBOARDING = buildStartPath('[DOCS]customer_onboarding')

/** Resolves with the connection error, or 'connected'. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    socket.on('connect', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
  })
}

describe('lifecycle', () => {
  it('listens on 127.0.0.1 only and exposes its URLs', async () => {
    const sb = await start()
    const port = Number(new URL(sb.url).port)
    expect(sb.url).toBe(`http://127.0.0.1:${port}`)
    expect(sb.baseUrl).toBe(`${sb.url}/rtm`)
    expect(sb.issuer).toBe(`${sb.url}/realms/flowx`)
    expect(await tryConnect('127.0.0.1', port)).toBe('connected')
    expect(await tryConnect('::1', port)).not.toBe('connected')
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)
    if (external) expect(await tryConnect(external.address, port)).not.toBe('connected')
  })

  it('close() ends a hung request and resolves; closed resolves; close is idempotent', async () => {
    const sb = await start({ faults: { hang: true } })
    const pending = postStart(sb.url, ONBOARDING, sb.demoToken)
    await sb.waitForRequests(1)
    await sb.close()
    await expect(pending).rejects.toThrow()
    await sb.closed
    await sb.close()
    expect(await tryConnect('127.0.0.1', Number(new URL(sb.url).port))).toBe('ECONNREFUSED')
  })

  it('stops by itself after maxLifetimeMs', async () => {
    const sb = await start({ maxLifetimeMs: 1 })
    await sb.closed
    expect(await tryConnect('127.0.0.1', Number(new URL(sb.url).port))).toBe('ECONNREFUSED')
  })

  it('rejects when the port is taken', async () => {
    const sb = await start()
    await expect(startSandbox({ port: Number(new URL(sb.url).port) })).rejects.toMatchObject({
      code: 'EADDRINUSE'
    })
  })

  it('rejects waitForRequests once closed', async () => {
    const sb = await start()
    const waiting = sb.waitForRequests(5)
    await sb.close()
    await expect(waiting).rejects.toThrow(/closed/)
  })
})

describe('request log and clock', () => {
  it('records method, raw path, query, decoded segments, lower-case headers, body and time', async () => {
    const sb = await start()
    sb.setClockOffset(1000)
    const before = Date.now() + 1_000_000
    await rawRequest(sb.url, `${ONBOARDING}?x=1`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${sb.demoToken}`,
        'Content-Type': 'application/json',
        'X-Trace': 'T1'
      },
      body: '{"a":1}'
    })
    const [entry] = sb.requests
    expect(entry).toMatchObject({
      method: 'POST',
      rawPath: ONBOARDING,
      query: 'x=1',
      body: '{"a":1}',
      bodyBytes: 7,
      headers: { 'x-trace': 'T1', 'content-type': 'application/json' }
    })
    expect(entry?.segments.at(-2)).toBe('[DOCS]customer_onboarding')
    expect(entry!.time).toBeGreaterThanOrEqual(before)
  })

  it('sends a Date header on the sandbox clock', async () => {
    const sb = await start()
    sb.setClockOffset(400 * 24 * 60 * 60)
    const res = await rawRequest(sb.url, '/realms/flowx/.well-known/openid-configuration')
    const year = new Date(String(res.headers.date)).getUTCFullYear()
    expect(year).toBeGreaterThan(new Date().getUTCFullYear())
  })

  it('masks credentials in the log with redact', async () => {
    const sb = await start({ redact: true })
    await postStart(sb.url, ONBOARDING, sb.demoToken)
    await postForm(sb.url, '/realms/flowx/protocol/openid-connect/token', {
      grant_type: 'password',
      client_id: SANDBOX_IDS.publicClientId,
      username: 'demo',
      password: 'demo-secret-pw'
    })
    const log = JSON.stringify(sb.requests)
    expect(log).not.toContain(sb.demoToken)
    expect(log).not.toContain('demo-secret-pw')
    expect(sb.requests[0]?.headers.authorization).toBe('Bearer ••••')
  })
})

describe('control routes', () => {
  it('are absent without control: true', async () => {
    const sb = await start()
    expect((await rawRequest(sb.url, '/__mock/health')).status).toBe(401)
  })

  it('serve health, requests, faults, clock and reset', async () => {
    const sb = await start({ control: true })
    expect(json(await rawRequest(sb.url, '/__mock/health'))).toEqual({ status: 'UP' })
    await postStart(sb.url, ONBOARDING, sb.demoToken)
    const log = JSON.parse((await rawRequest(sb.url, '/__mock/requests')).text) as unknown[]
    expect(log).toHaveLength(1)

    const put = (body: string): ReturnType<typeof rawRequest> =>
      rawRequest(sb.url, '/__mock/faults', { method: 'PUT', body })
    expect((await put('{"failStatus":503}')).status).toBe(200)
    expect((await postStart(sb.url, ONBOARDING, sb.demoToken)).status).toBe(503)
    expect((await put('{"failStatus":418}')).status).toBe(400)
    expect((await put('{"nonsense":true}')).status).toBe(400)
    expect((await put('null')).status).toBe(200)
    expect((await postStart(sb.url, ONBOARDING, sb.demoToken)).status).toBe(200)

    const clock = await rawRequest(sb.url, '/__mock/clock', {
      method: 'POST',
      body: '{"offsetSec":86400}'
    })
    expect(json(clock).offsetSec).toBe(86400)
    expect((await postStart(sb.url, ONBOARDING, sb.demoToken)).status).toBe(401)

    const reset = await rawRequest(sb.url, '/__mock/reset', { method: 'POST' })
    expect(reset.status).toBe(204)
    expect(sb.requests).toHaveLength(0)
    expect((await postStart(sb.url, ONBOARDING, sb.demoToken)).status).toBe(200)
  })
})
