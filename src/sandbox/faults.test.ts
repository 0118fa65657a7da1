import { describe, expect, it } from 'vitest'

import { faultDelayMs } from './faults'
import { DEFAULT_FIXTURE } from './fixture'
import { SandboxState } from './state'
import {
  buildStartPath,
  json,
  postStart,
  rawExchange,
  rawRequest,
  startHeaders,
  useSandbox
} from './test-support'
import type { FaultConfig } from './types'

const start = useSandbox()

const ONBOARDING = buildStartPath('[DOCS]customer_onboarding')

async function startWith(faults: FaultConfig, extra: Record<string, string> = {}) {
  const sb = await start({ faults })
  return postStart(sb.url, ONBOARDING, sb.demoToken, {}, extra)
}

describe('latency', () => {
  it('delays only the process in scope: another start overtakes it', async () => {
    const sb = await start({ faults: { latencyMs: 60_000, processName: 'loan request' } })
    const controller = new AbortController()
    let settled = false
    const slow = fetch(`${sb.url}${buildStartPath('loan request')}`, {
      method: 'POST',
      headers: startHeaders(sb.demoToken),
      body: '{}',
      signal: controller.signal
    }).finally(() => (settled = true))
    await sb.waitForRequests(1)
    expect((await postStart(sb.url, ONBOARDING, sb.demoToken)).status).toBe(200)
    expect(settled).toBe(false)
    controller.abort()
    await expect(slow).rejects.toThrow(/abort/i)
  })

  it('answers normally after a short delay', async () => {
    expect((await startWith({ latencyMs: 5, jitterMs: 5 })).status).toBe(200)
  })

  it('draws jitter from a seeded PRNG: same seed, same delays', () => {
    const delays = (seed: number): number[] => {
      const state = new SandboxState(DEFAULT_FIXTURE, {
        mountRoot: true,
        requirePlatformHeader: false,
        strictRawBrackets: false,
        legacyErrors: false,
        control: false,
        redact: false
      })
      const fault = { latencyMs: 100, jitterMs: 50, seed }
      state.setFaults(fault)
      return Array.from({ length: 8 }, () => faultDelayMs(state, fault))
    }
    expect(delays(7)).toEqual(delays(7))
    expect(delays(7)).not.toEqual(delays(8))
    for (const d of delays(7)) expect(d >= 100 && d < 150).toBe(true)
  })
})

describe('connection faults', () => {
  it('hang: accepts and never answers until the client aborts', async () => {
    const sb = await start({ faults: { hang: true } })
    const controller = new AbortController()
    const pending = rawRequest(sb.url, ONBOARDING, {
      method: 'POST',
      headers: startHeaders(sb.demoToken),
      body: '{}',
      signal: controller.signal
    })
    const [seen] = await sb.waitForRequests(1)
    expect(seen?.rawPath).toBe(ONBOARDING)
    controller.abort()
    await expect(pending).rejects.toThrow(/abort/i)
    await sb.close()
  })

  it('reset: the connection is reset after the request is read', async () => {
    const sb = await start({ faults: { reset: true } })
    await expect(postStart(sb.url, ONBOARDING, sb.demoToken)).rejects.toMatchObject({
      code: 'ECONNRESET'
    })
    expect(sb.requests).toHaveLength(1)
  })

  it('truncate: announces the full length, sends half, closes', async () => {
    const sb = await start({ faults: { truncate: true } })
    const request =
      `POST ${ONBOARDING} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${sb.demoToken}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}'
    const wire = (await rawExchange(sb.url, request)).toString('utf8')
    const [head, body = ''] = wire.split('\r\n\r\n')
    expect(head).toMatch(/^HTTP\/1\.1 200/)
    const length = Number(/content-length: (\d+)/i.exec(head ?? '')?.[1])
    expect(Buffer.byteLength(body)).toBe(Math.floor(length / 2))
    expect(() => JSON.parse(body)).toThrow()
  })

  it('slowBodyBytesPerSec: drips the body in several chunks, uncompressed and intact', async () => {
    const res = await startWith({ slowBodyBytesPerSec: 4000 }, { 'Accept-Encoding': 'gzip' })
    expect(res.status).toBe(200)
    expect(res.chunks).toBeGreaterThan(1)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(json(res).state).toBe('STARTED')
  })
})

describe('bad answers', () => {
  it('garbage200 text: a 200 labelled JSON that is not JSON', async () => {
    const res = await startWith({ garbage200: 'text' })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/json')
    expect(() => JSON.parse(res.text)).toThrow()
  })

  it('garbage200 missing-uuid: JSON without any instance uuid', async () => {
    const body = json(await startWith({ garbage200: 'missing-uuid' }))
    expect(body.uuid).toBeUndefined()
    expect(body.instanceMetadata).toEqual({ processInstanceId: expect.any(Number) })
    expect(body.state).toBe('STARTED')
  })

  it.each([
    [{ failStatus: 500 }, 500, 'application/problem+json'],
    [{ failStatus: 503 }, 503, 'application/problem+json'],
    [{ failStatus: 502 }, 502, 'text/html;charset=utf-8'],
    [{ failStatus: 504 }, 504, 'text/html;charset=utf-8'],
    [{ failStatus: 413 }, 413, 'text/html;charset=utf-8'],
    [{ failStatus: 413, failBody: 'problem' }, 413, 'application/problem+json'],
    [{ failStatus: 500, failBody: 'html' }, 500, 'text/html;charset=utf-8'],
    [{ failStatus: 504, failBody: 'text' }, 504, 'text/plain;charset=utf-8'],
    [{ failStatus: 503, failBody: 'empty' }, 503, undefined]
  ] as Array<[FaultConfig, number, string | undefined]>)('%o', async (fault, status, type) => {
    const res = await startWith(fault)
    expect(res.status).toBe(status)
    expect(res.headers['content-type']).toBe(type)
    if (type === undefined) expect(res.text).toBe('')
    if (type?.includes('problem'))
      expect(json(res)).toMatchObject({ status, type: 'https://www.flowx.ai/error' })
    if (type?.startsWith('text/html')) expect(res.text).toContain(`<h1>${status} `)
  })

  it('413: the page the ingress sends for a body over 1 MB, also by header in control mode', async () => {
    const sb = await start({ faults: { failStatus: 413 } })
    const res = await postStart(sb.url, ONBOARDING, sb.demoToken, { small: true })
    expect(res.status).toBe(413)
    expect(res.text).toContain('<title>413 Request Entity Too Large</title>')
    expect(res.text).toContain('<center>nginx</center>')

    const control = await start({ control: true })
    const byHeader = await postStart(
      control.url,
      ONBOARDING,
      control.demoToken,
      {},
      {
        'X-Mock-Fault': '413'
      }
    )
    expect(byHeader.status).toBe(413)
    expect(byHeader.text).toContain('<h1>413 Request Entity Too Large</h1>')
  })

  it('failEveryNth: only every Nth start fails', async () => {
    const sb = await start({ faults: { failEveryNth: 3, failStatus: 502 } })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++)
      statuses.push((await postStart(sb.url, ONBOARDING, sb.demoToken)).status)
    expect(statuses).toEqual([200, 200, 502, 200, 200, 502])
  })

  it('retryAfter: 503 by default, or the given status, with Retry-After', async () => {
    const alone = await startWith({ retryAfter: 7 })
    expect(alone.status).toBe(503)
    expect(alone.headers['retry-after']).toBe('7')
    const limited = await startWith({ failStatus: 429, retryAfter: 2 })
    expect(limited.status).toBe(429)
    expect(limited.headers['retry-after']).toBe('2')
  })

  it('redirectTo: answers the redirect and nothing else', async () => {
    const res = await startWith({
      redirectTo: { status: 307, location: 'http://127.0.0.1:9/evil' }
    })
    expect(res.status).toBe(307)
    expect(res.headers.location).toBe('http://127.0.0.1:9/evil')
  })

  it('echoAuthorization: a 500 whose body carries the received Authorization header', async () => {
    const sb = await start({ faults: { echoAuthorization: true } })
    const res = await postStart(sb.url, ONBOARDING, sb.demoToken)
    expect(res.status).toBe(500)
    expect(res.text).toContain(`Bearer ${sb.demoToken}`)
  })
})

describe('scope and control', () => {
  it('applies to the named process and to start routes only; setFaults changes them live', async () => {
    const sb = await start({ faults: { failStatus: 500, processName: 'loan request' } })
    expect((await postStart(sb.url, ONBOARDING, sb.demoToken)).status).toBe(200)
    const loan = buildStartPath('loan request')
    expect((await postStart(sb.url, loan, sb.demoToken, { customerId: 1, amount: 2 })).status).toBe(
      500
    )
    sb.setFaults({ failStatus: 500 })
    const info = `/rtm/api/runtime/app/${'1b9e6d2f-5c80-4f3b-8d4e-6a7b8c9d0e12'}/build/info`
    expect((await rawRequest(sb.url, info, { headers: startHeaders(sb.demoToken) })).status).toBe(
      200
    )
    expect((await postStart(sb.url, ONBOARDING, sb.demoToken)).status).toBe(500)
    sb.setFaults(undefined)
    expect((await postStart(sb.url, ONBOARDING, sb.demoToken)).status).toBe(200)
  })

  it('X-Mock-Fault triggers one fault for one call, in control mode only', async () => {
    const plain = await start()
    expect(
      (await postStart(plain.url, ONBOARDING, plain.demoToken, {}, { 'X-Mock-Fault': '502' }))
        .status
    ).toBe(200)
    await plain.close()

    const sb = await start({ control: true })
    const once = await postStart(sb.url, ONBOARDING, sb.demoToken, {}, { 'X-Mock-Fault': '502' })
    expect(once.status).toBe(502)
    expect(once.text).toContain('nginx')
    expect((await postStart(sb.url, ONBOARDING, sb.demoToken)).status).toBe(200)
    const missing = await postStart(
      sb.url,
      ONBOARDING,
      sb.demoToken,
      {},
      { 'X-Mock-Fault': 'missing-uuid' }
    )
    expect(json(missing).uuid).toBeUndefined()
    const unknown = await postStart(
      sb.url,
      ONBOARDING,
      sb.demoToken,
      {},
      { 'X-Mock-Fault': 'nope' }
    )
    expect(unknown.status).toBe(400)
  })
})
