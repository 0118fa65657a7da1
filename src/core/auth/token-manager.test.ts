/** TokenManager against the real sandbox identity provider over HTTP. */
import { describe, expect, it } from 'vitest'

import { SANDBOX_IDS } from '../../sandbox/fixture'
import { rawRequest, useSandbox } from '../../sandbox/test-support'
import type { Sandbox } from '../../sandbox/types'
import { AppFailure } from '../../shared/errors'
import { MASK } from '../logging/redact'
import { fakeJwt, grantsSeen, testManager } from './test-support'
import type { TokenSource } from './token-manager'

const startSandbox = useSandbox()

function clientCredentials(sandbox: Sandbox, extra: Partial<TokenSource> = {}): TokenSource {
  return {
    kind: 'client-credentials',
    issuer: sandbox.issuer,
    clientId: SANDBOX_IDS.clientId,
    clientSecret: SANDBOX_IDS.clientSecret,
    ...extra
  } as TokenSource
}

function passwordSource(sandbox: Sandbox, username = 'demo', password = 'demo'): TokenSource {
  return {
    kind: 'password',
    issuer: sandbox.issuer,
    clientId: SANDBOX_IDS.publicClientId,
    username,
    password
  }
}

async function userinfoStatus(sandbox: Sandbox, token: string): Promise<number> {
  const response = await rawRequest(sandbox.url, '/realms/flowx/protocol/openid-connect/userinfo', {
    headers: { Authorization: `Bearer ${token}` }
  })
  return response.status
}

describe('TokenManager: client credentials', () => {
  it('fetches a token the sandbox accepts, and reuses it', async () => {
    const sandbox = await startSandbox()
    const { manager, redactor, lines } = testManager()
    const token = await manager.get('p1', clientCredentials(sandbox))
    expect(token.fetched).toBe(true)
    expect(token.claims?.subject).toBe(`service-account-${SANDBOX_IDS.clientId}`)
    expect(token.claims?.roles).toContain('FLOWX_ROLE')
    expect(token.expiresAt).toBeGreaterThan(Date.now() + 200_000)
    expect(token.expiresAt).toBeLessThanOrEqual(Date.now() + 300_000)
    expect(await userinfoStatus(sandbox, token.value)).toBe(200)

    const again = await manager.get('p1', clientCredentials(sandbox))
    expect(again).toEqual({ ...token, fetched: false })
    expect(grantsSeen(sandbox)).toEqual(['client_credentials'])

    // Discovery was read, then the advertised endpoint used; the secret went in the form.
    const paths = sandbox.requests
      .map((r) => `${r.method} ${r.rawPath}`)
      .filter((p) => !p.endsWith('/userinfo'))
    expect(paths).toEqual([
      'GET /realms/flowx/.well-known/openid-configuration',
      'POST /realms/flowx/protocol/openid-connect/token'
    ])
    const form = new URLSearchParams(sandbox.requests[1]?.body)
    expect(form.get('client_secret')).toBe(SANDBOX_IDS.clientSecret)

    // Token and secret are masked; the log has one line per fetch and neither value.
    expect(redactor.redactText(`x ${token.value} ${SANDBOX_IDS.clientSecret}`)).toBe(
      `x ${MASK} ${MASK}`
    )
    const fetchLines = lines.filter((l) => l.message === 'Access token request')
    expect(fetchLines).toHaveLength(1)
    expect(fetchLines[0]?.meta).toMatchObject({
      grant: 'client_credentials',
      issuerHost: new URL(sandbox.url).host,
      outcome: 'ok'
    })
    expect(typeof fetchLines[0]?.meta?.durationMs).toBe('number')
    const logged = JSON.stringify(lines)
    expect(logged).not.toContain(token.value)
    expect(logged).not.toContain(SANDBOX_IDS.clientSecret)
  })

  it('works with the pre-17 /auth issuer too', async () => {
    const sandbox = await startSandbox()
    const { manager } = testManager()
    const source = clientCredentials(sandbox, { issuer: `${sandbox.url}/auth/realms/flowx` })
    const token = await manager.get('p1', source)
    expect(token.claims?.issuer).toBe(`${sandbox.url}/auth/realms/flowx`)
    expect(sandbox.requests.at(-1)?.rawPath).toBe(
      '/auth/realms/flowx/protocol/openid-connect/token'
    )
  })

  it('reads discovery once per issuer', async () => {
    const sandbox = await startSandbox()
    const { manager } = testManager()
    await manager.get('p1', clientCredentials(sandbox))
    await manager.get('p2', clientCredentials(sandbox))
    await manager.get('p1', clientCredentials(sandbox), { force: true })
    const wellKnown = sandbox.requests.filter((r) => r.rawPath.endsWith('openid-configuration'))
    expect(wellKnown).toHaveLength(1)
    expect(grantsSeen(sandbox)).toEqual([
      'client_credentials',
      'client_credentials',
      'client_credentials'
    ])
  })

  it('20 concurrent gets share one token request', async () => {
    const sandbox = await startSandbox()
    const { manager } = testManager()
    const source = clientCredentials(sandbox)
    const tokens = await Promise.all(Array.from({ length: 20 }, () => manager.get('p1', source)))
    expect(new Set(tokens.map((t) => t.value)).size).toBe(1)
    expect(tokens.every((t) => t.fetched)).toBe(true)
    expect(grantsSeen(sandbox)).toEqual(['client_credentials'])
  })

  it('force fetches anew; invalidate makes the next get fetch', async () => {
    const sandbox = await startSandbox()
    const { manager } = testManager()
    const source = clientCredentials(sandbox)
    const first = await manager.get('p1', source)
    const forced = await manager.get('p1', source, { force: true })
    expect(forced.fetched).toBe(true)
    expect(grantsSeen(sandbox)).toHaveLength(2)

    manager.invalidate('p1', 'some-other-token-value')
    expect((await manager.get('p1', source)).fetched).toBe(false)
    manager.invalidate('p1', first.value) // no longer held: no-op
    expect((await manager.get('p1', source)).fetched).toBe(false)

    manager.invalidate('p1', forced.value)
    expect(manager.status('p1', source).state).toBe('expired')
    const third = await manager.get('p1', source)
    expect(third.fetched).toBe(true)
    expect(grantsSeen(sandbox)).toHaveLength(3)
  })

  it('an edited profile (other secret or user) fetches anew; forget drops everything', async () => {
    const sandbox = await startSandbox()
    const { manager, redactor } = testManager()
    await manager.get('p1', passwordSource(sandbox, 'demo', 'demo'))
    const tester = await manager.get('p1', passwordSource(sandbox, 'tester', 'tester'))
    expect(tester.fetched).toBe(true)
    expect(tester.claims?.username).toBe('tester')
    expect(grantsSeen(sandbox)).toEqual(['password', 'password'])

    manager.forget('p1')
    expect(manager.status('p1', passwordSource(sandbox, 'tester', 'tester')).state).toBe('idle')
    expect(manager.skewMs('p1')).toBeUndefined()
    expect((await manager.get('p1', passwordSource(sandbox, 'tester', 'tester'))).fetched).toBe(
      true
    )
    expect(redactor.redactText(SANDBOX_IDS.clientSecret)).toBe(SANDBOX_IDS.clientSecret)
  })

  it('a cancelled wait ends with CANCELLED while other waiters still get the token', async () => {
    const sandbox = await startSandbox()
    const { manager } = testManager()
    const source = clientCredentials(sandbox)
    const controller = new AbortController()
    const cancelledCall = manager.get('p1', source, { signal: controller.signal })
    const patient = manager.get('p1', source)
    controller.abort()
    await expect(cancelledCall).rejects.toMatchObject({ error: { code: 'CANCELLED' } })
    expect((await patient).fetched).toBe(true)
  })
})

describe('TokenManager: password grant and refresh', () => {
  it('returns and reuses the refresh token; refreshes ahead of expiry', async () => {
    const sandbox = await startSandbox()
    const { manager, redactor, clock } = testManager()
    const source = passwordSource(sandbox)
    const first = await manager.get('p1', source)
    expect(first.claims?.username).toBe('demo')
    expect(grantsSeen(sandbox)).toEqual(['password'])
    const refreshSent = new URLSearchParams(sandbox.requests.at(-1)?.body).get('password')
    expect(refreshSent).toBe('demo')

    // 280 s later on both clocks: inside the 30 s early-refresh window of a 300 s token.
    clock.offsetMs = 280_000
    sandbox.setClockOffset(280)
    const second = await manager.get('p1', source)
    expect(second.fetched).toBe(true)
    expect(second.value).not.toBe(first.value)
    expect(grantsSeen(sandbox)).toEqual(['password', 'refresh_token'])
    const refreshForm = new URLSearchParams(sandbox.requests.at(-1)?.body)
    expect(refreshForm.get('client_id')).toBe(SANDBOX_IDS.publicClientId)
    expect(redactor.redactText(refreshForm.get('refresh_token') ?? '')).toBe(MASK)
    expect(await userinfoStatus(sandbox, second.value)).toBe(200)

    // Still fresh: reused.
    clock.offsetMs = 300_000
    sandbox.setClockOffset(300)
    expect((await manager.get('p1', source)).fetched).toBe(false)

    // Again near the end: the refresh token (renewed) is used again.
    clock.offsetMs = 560_000
    sandbox.setClockOffset(560)
    expect((await manager.get('p1', source)).fetched).toBe(true)
    expect(grantsSeen(sandbox)).toEqual(['password', 'refresh_token', 'refresh_token'])
  })

  it('a refresh the server refuses ("Token is not active") falls back to the password grant', async () => {
    const sandbox = await startSandbox()
    const { manager, clock } = testManager()
    const source = passwordSource(sandbox)
    await manager.get('p1', source)
    // The server's clock has passed the refresh token's 1800 s; ours only the access token's margin.
    clock.offsetMs = 290_000
    sandbox.setClockOffset(2_000)
    const token = await manager.get('p1', source)
    expect(token.fetched).toBe(true)
    expect(grantsSeen(sandbox)).toEqual(['password', 'refresh_token', 'password'])
    expect(await userinfoStatus(sandbox, token.value)).toBe(200)
    expect(manager.status('p1', source).state).toBe('valid')
  })

  it('an expired refresh token is not sent at all', async () => {
    const sandbox = await startSandbox()
    const { manager, clock } = testManager()
    const source = passwordSource(sandbox)
    await manager.get('p1', source)
    clock.offsetMs = 2_000_000
    sandbox.setClockOffset(2_000)
    await manager.get('p1', source)
    expect(grantsSeen(sandbox)).toEqual(['password', 'password'])
  })

  it('a wrong password fails after exactly one request', async () => {
    const sandbox = await startSandbox()
    const { manager } = testManager()
    await manager.get('p1', passwordSource(sandbox))
    manager.forget('p1')
    await expect(
      manager.get('p1', passwordSource(sandbox, 'demo', 'wrong-password-1234'))
    ).rejects.toMatchObject({ error: { code: 'AUTH_BAD_CREDENTIALS' } })
    expect(grantsSeen(sandbox)).toEqual(['password', 'password'])
  })
})

describe('TokenManager: status', () => {
  it('idle → refreshing → valid → expired → error', async () => {
    const sandbox = await startSandbox()
    const { manager, clock } = testManager()
    const source = clientCredentials(sandbox)
    expect(manager.status('p1', undefined)).toEqual({ state: 'none' })
    expect(manager.status('p1', source)).toEqual({ state: 'idle' })

    const pending = manager.get('p1', source)
    expect(manager.status('p1', source).state).toBe('refreshing')
    const token = await pending

    const valid = manager.status('p1', source)
    expect(valid).toMatchObject({
      state: 'valid',
      subject: `service-account-${SANDBOX_IDS.clientId}`,
      roles: ['FLOWX_ROLE'],
      expiresAt: new Date(token.expiresAt ?? 0).toISOString()
    })
    expect(valid.skewSec).toBeUndefined()
    expect(JSON.stringify(valid)).not.toContain(token.value)

    clock.offsetMs = 400_000
    expect(manager.status('p1', source).state).toBe('expired')

    sandbox.setFaults({ idpDown: true })
    await expect(manager.get('p1', source)).rejects.toBeInstanceOf(AppFailure)
    const failed = manager.status('p1', source)
    expect(failed.state).toBe('error')
    expect(failed.error?.code).toBe('AUTH_ISSUER_UNREACHABLE')

    sandbox.setFaults(undefined)
    sandbox.setClockOffset(400)
    await manager.get('p1', source)
    expect(manager.status('p1', source)).toMatchObject({ state: 'valid' })
    expect(manager.status('p1', source).error).toBeUndefined()
  })

  it("'missing' when the source lacks its secret; get says so", async () => {
    const sandbox = await startSandbox()
    const { manager } = testManager()
    const source = clientCredentials(sandbox, { clientSecret: '' })
    expect(manager.status('p1', source).state).toBe('missing')
    await expect(manager.get('p1', source)).rejects.toMatchObject({
      error: { code: 'TOKEN_MISSING' }
    })
    expect(manager.status('p1', { kind: 'static', token: ' ' }).state).toBe('missing')
    expect(sandbox.requests).toHaveLength(0)
  })

  it('a failed proactive refresh keeps using the still-valid token', async () => {
    const sandbox = await startSandbox()
    const { manager, clock } = testManager()
    const source = clientCredentials(sandbox)
    const token = await manager.get('p1', source)
    clock.offsetMs = 280_000
    sandbox.setFaults({ idpDown: true })
    const again = await manager.get('p1', source)
    expect(again).toMatchObject({ value: token.value, fetched: false })
    expect(manager.status('p1', source)).toMatchObject({
      state: 'valid',
      error: { code: 'AUTH_ISSUER_UNREACHABLE' }
    })
    // force does not hide the failure.
    await expect(manager.get('p1', source, { force: true })).rejects.toMatchObject({
      error: { code: 'AUTH_ISSUER_UNREACHABLE' }
    })
  })

  it("measures the identity provider's clock and adjusts expiry by it", async () => {
    const sandbox = await startSandbox()
    sandbox.setClockOffset(-600)
    const { manager } = testManager()
    const source = clientCredentials(sandbox)
    const token = await manager.get('p1', source)
    const skew = manager.skewMs('p1') ?? 0
    expect(Math.round(skew / 60_000)).toBe(-10)
    // The token's exp is 5 min behind our clock, yet it is valid for its 300 s lifetime.
    expect(token.expiresAt).toBeGreaterThan(Date.now() + 200_000)
    expect(Math.round((manager.status('p1', source).skewSec ?? 0) / 60)).toBe(-10)
    expect(await userinfoStatus(sandbox, token.value)).toBe(200)
  })
})

describe('TokenManager: static tokens', () => {
  it('reads expiry from the JWT, never fetches, and is expired once past', async () => {
    const sandbox = await startSandbox()
    const { manager, redactor, clock } = testManager()
    const source: TokenSource = { kind: 'static', token: sandbox.demoToken }
    const token = await manager.get('p1', source)
    expect(token.fetched).toBe(false)
    expect(token.value).toBe(sandbox.demoToken)
    expect(token.claims?.subject).toBe('demo')
    expect(token.expiresAt).toBeGreaterThan(Date.now() + 11 * 3600_000)
    expect(manager.status('p1', source)).toMatchObject({ state: 'valid', subject: 'demo' })
    expect(redactor.redactText(sandbox.demoToken)).toBe(MASK)

    clock.offsetMs = 13 * 3600_000
    expect(manager.status('p1', source).state).toBe('expired')
    await expect(manager.get('p1', source)).rejects.toMatchObject({
      error: { code: 'UNAUTHORIZED' }
    })
    expect(sandbox.requests).toHaveLength(0)
  })

  it('invalidate marks a static token expired; an opaque token has no expiry', async () => {
    const { manager } = testManager()
    const opaque: TokenSource = { kind: 'static', token: 'opaque-token-value-123' }
    const token = await manager.get('p1', opaque)
    expect(token.expiresAt).toBeUndefined()
    expect(manager.status('p1', opaque).state).toBe('valid')
    manager.invalidate('p1', 'opaque-token-value-123')
    expect(manager.status('p1', opaque).state).toBe('expired')
    await expect(manager.get('p1', opaque)).rejects.toMatchObject({
      error: { code: 'UNAUTHORIZED' }
    })
    // Pasting a new token starts over.
    const jwt = fakeJwt({ sub: 'x', exp: Math.floor(Date.now() / 1000) + 60 })
    expect((await manager.get('p1', { kind: 'static', token: jwt })).claims?.subject).toBe('x')
  })
})
