/** Token endpoint failures, discovery and redirects: each a specific message with no secret in it. */
import { describe, expect, it } from 'vitest'

import { DEFAULT_FIXTURE, SANDBOX_IDS } from '../../sandbox/fixture'
import { useSandbox } from '../../sandbox/test-support'
import type { Sandbox } from '../../sandbox/types'
import { AppFailure, type AppError } from '../../shared/errors'
import {
  closedPort,
  makeCertificate,
  sendJson,
  useTestServers,
  type Received
} from '../launcher/test-servers'
import { directTransport } from '../net/direct'
import { RefreshRejected, discoverTokenEndpoint, requestToken } from './idp-client'
import { fakeJwt, grantsSeen, testManager, type LoggedLine } from './test-support'
import type { TokenSource } from './token-manager'

const startSandbox = useSandbox()
const { serve, silent } = useTestServers()

const SECRET = 'CANARY-SECRET-7f3a9c0d'
const PASSWORD = 'CANARY-PASSWORD-51be2e'

function cc(issuer: string, clientId: string, clientSecret = SECRET): TokenSource {
  return { kind: 'client-credentials', issuer, clientId, clientSecret }
}

function pw(issuer: string, clientId: string, password = PASSWORD, clientSecret?: string) {
  return {
    kind: 'password',
    issuer,
    clientId,
    username: 'demo',
    password,
    ...(clientSecret ? { clientSecret } : {})
  } satisfies TokenSource
}

/** The failure `get` throws, checked to carry none of the values given (nor the test canaries). */
async function failureOf(
  source: TokenSource,
  secrets: string[] = [],
  extra: Parameters<typeof testManager>[0] = {}
): Promise<{ error: AppError; lines: LoggedLine[] }> {
  const { manager, lines } = testManager(extra)
  let caught: unknown
  try {
    await manager.get('p1', source)
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(AppFailure)
  const failure = caught as AppFailure
  const shown = JSON.stringify([failure.error, failure.message, String(failure), lines])
  for (const value of [SECRET, PASSWORD, ...secrets]) expect(shown).not.toContain(value)
  expect(shown).not.toMatch(/eyJ[A-Za-z0-9_-]{4,}\./)
  const status = manager.status('p1', source)
  expect(status).toMatchObject({ state: 'error', error: failure.error })
  return { error: failure.error, lines }
}

function hostOf(url: string): string {
  return new URL(url).host
}

/** A fake identity provider: no discovery, and `token` answering every token request. */
async function fakeIdp(
  token: (received: Received, res: import('node:http').ServerResponse) => void
) {
  return serve((received, res) => {
    if (received.url.endsWith('/protocol/openid-connect/token')) return token(received, res)
    sendJson(res, 404, { error: 'Unable to find matching target resource method' })
  })
}

describe('token endpoint errors from the sandbox (Keycloak wording)', () => {
  it('unknown client → AUTH_UNKNOWN_CLIENT naming the client', async () => {
    const sandbox = await startSandbox()
    const { error } = await failureOf(cc(sandbox.issuer, 'nope-client'))
    expect(error.code).toBe('AUTH_UNKNOWN_CLIENT')
    expect(error.message).toContain("'nope-client'")
    expect(error.message).toContain(hostOf(sandbox.url))
    expect(error.httpStatus).toBe(401)
  })

  it('wrong client secret → AUTH_BAD_SECRET', async () => {
    const sandbox = await startSandbox()
    const { error, lines } = await failureOf(cc(sandbox.issuer, SANDBOX_IDS.clientId))
    expect(error.code).toBe('AUTH_BAD_SECRET')
    expect(error.message).toBe(
      `The identity provider at ${hostOf(sandbox.url)} rejected the client secret of '${SANDBOX_IDS.clientId}': Invalid client or Invalid client credentials.`
    )
    expect(error.hint).toContain('Credentials')
    expect(lines.find((l) => l.message === 'Access token request')?.meta).toMatchObject({
      grant: 'client_credentials',
      outcome: 'AUTH_BAD_SECRET'
    })
    // Sent once, with the secret, and not retried.
    expect(grantsSeen(sandbox)).toEqual(['client_credentials'])
  })

  it('a confidential client without its secret → AUTH_BAD_SECRET', async () => {
    const sandbox = await startSandbox()
    const source = { ...pw(sandbox.issuer, SANDBOX_IDS.clientId), password: PASSWORD }
    const { error } = await failureOf(source)
    // The sandbox checks the client before the grant: a missing secret is a client failure.
    expect(error.code).toBe('AUTH_BAD_SECRET')
    expect(error.message).toContain('Client secret not provided in request')
  })

  it('client credentials on a client without service accounts → AUTH_GRANT_NOT_ENABLED', async () => {
    const sandbox = await startSandbox()
    const { error } = await failureOf(cc(sandbox.issuer, SANDBOX_IDS.publicClientId))
    expect(error.code).toBe('AUTH_GRANT_NOT_ENABLED')
    expect(error.message).toContain('Public client not allowed to retrieve service account')
    expect(error.hint).toContain('Service accounts roles')
    expect(error.httpStatus).toBe(400)
  })

  it('password grant on a client without direct access grants → AUTH_GRANT_NOT_ENABLED', async () => {
    const sandbox = await startSandbox()
    const source = pw(sandbox.issuer, SANDBOX_IDS.clientId, PASSWORD, SANDBOX_IDS.clientSecret)
    const { error } = await failureOf(source, [SANDBOX_IDS.clientSecret])
    expect(error.code).toBe('AUTH_GRANT_NOT_ENABLED')
    expect(error.message).toContain('Client not allowed for direct access grants')
    expect(error.hint).toContain("'Direct access grants'")
  })

  it('wrong password → AUTH_BAD_CREDENTIALS naming the user', async () => {
    const sandbox = await startSandbox()
    const { error } = await failureOf(pw(sandbox.issuer, SANDBOX_IDS.publicClientId))
    expect(error.code).toBe('AUTH_BAD_CREDENTIALS')
    expect(error.message).toContain("'demo'")
    expect(error.httpStatus).toBe(401)
  })

  it('unknown realm → AUTH_ISSUER_INVALID', async () => {
    const sandbox = await startSandbox()
    const { error } = await failureOf(cc(`${sandbox.url}/realms/nope`, SANDBOX_IDS.clientId))
    expect(error.code).toBe('AUTH_ISSUER_INVALID')
    expect(error.message).toBe(`Realm 'nope' does not exist on ${hostOf(sandbox.url)}.`)
  })

  it('identity provider down (503) → AUTH_ISSUER_UNREACHABLE', async () => {
    const sandbox = await startSandbox({ faults: { idpDown: true } })
    const { error } = await failureOf(cc(sandbox.issuer, SANDBOX_IDS.clientId))
    expect(error.code).toBe('AUTH_ISSUER_UNREACHABLE')
    expect(error.message).toBe(
      `The identity provider at ${hostOf(sandbox.url)} is not working (HTTP 503 Service Unavailable).`
    )
    expect(error.httpStatus).toBe(503)
  })

  it('an invalid issuer in the source → INVALID_INPUT, nothing sent', async () => {
    const { error } = await failureOf(cc('http://kc.example.com/realms/flowx', 'c'))
    expect(error).toMatchObject({ code: 'INVALID_INPUT' })
    expect(error.message).toContain('The issuer must be https')
  })
})

describe('token endpoint errors from the network', () => {
  it('nothing listening → AUTH_ISSUER_UNREACHABLE "connection refused"', async () => {
    const port = await closedPort()
    const { error } = await failureOf(cc(`http://127.0.0.1:${port}/realms/flowx`, 'c'))
    expect(error.code).toBe('AUTH_ISSUER_UNREACHABLE')
    expect(error.message).toBe(
      `Could not reach the identity provider at 127.0.0.1:${port}: connection refused.`
    )
  })

  it('a server that never answers → TIMEOUT', async () => {
    const server = await fakeIdp(() => undefined)
    const { error } = await failureOf(cc(`${server.url}/realms/flowx`, 'c'), [], {
      timeouts: { inactivityTimeoutMs: 200, deadlineMs: 10_000 }
    })
    expect(error.code).toBe('TIMEOUT')
    expect(error.message).toContain(hostOf(server.url))
    expect(server.received.at(-1)?.body).toContain('grant_type=client_credentials')
  })

  it('the user cancels mid-flight → CANCELLED', async () => {
    const server = await fakeIdp(() => undefined)
    const { manager } = testManager()
    const controller = new AbortController()
    const pending = manager.get('p1', cc(`${server.url}/realms/flowx`, 'c'), {
      signal: controller.signal
    })
    // Abort once the token request has arrived.
    while (!server.received.some((r) => r.method === 'POST')) {
      await new Promise((resolve) => setImmediate(resolve))
    }
    controller.abort()
    await expect(pending).rejects.toMatchObject({ error: { code: 'CANCELLED' } })
  })

  it('an untrusted certificate → TLS', async (ctx) => {
    const cert = makeCertificate(['127.0.0.1'])
    if ('skip' in cert) return ctx.skip(cert.skip)
    const server = await serve((_r, res) => sendJson(res, 200, {}), cert)
    const { error } = await failureOf(cc(`${server.url}/realms/flowx`, 'c'))
    expect(error.code).toBe('TLS')
    expect(error.message).toContain('self-signed')
    expect(error.message).toContain(hostOf(server.url))
    expect(server.received).toHaveLength(0)
  })

  it('a stalled TLS handshake ends in TIMEOUT', async () => {
    const stalled = await silent()
    const { error } = await failureOf(
      cc(`https://127.0.0.1:${stalled.port}/realms/flowx`, 'c'),
      [],
      {
        timeouts: { inactivityTimeoutMs: 200, deadlineMs: 1_000 }
      }
    )
    expect(['TIMEOUT']).toContain(error.code)
  })

  it('a 200 that is not a token response → AUTH_ISSUER_INVALID', async () => {
    const server = await fakeIdp((_r, res) =>
      sendJson(res, 200, '<html>Welcome</html>', 'text/html')
    )
    const { error } = await failureOf(cc(`${server.url}/realms/flowx`, 'c'))
    expect(error.code).toBe('AUTH_ISSUER_INVALID')
    expect(error.message).toContain('without a token')
  })

  it('a 500 page echoing the form → AUTH_ISSUER_UNREACHABLE without the secret', async () => {
    const server = await fakeIdp((received, res) =>
      sendJson(res, 500, `<pre>${received.body}</pre>`, 'text/html')
    )
    const { error } = await failureOf(cc(`${server.url}/realms/flowx`, 'c'))
    expect(error.code).toBe('AUTH_ISSUER_UNREACHABLE')
    expect(server.received.at(-1)?.body).toContain(SECRET)
  })

  it('an error_description echoing the secret is masked', async () => {
    const server = await fakeIdp((received, res) =>
      sendJson(res, 400, {
        error: 'invalid_request',
        error_description: `Bad form: ${decodeURIComponent(received.body)}`
      })
    )
    const { error } = await failureOf(cc(`${server.url}/realms/flowx`, 'c'))
    expect(error.code).toBe('AUTH_FAILED')
    expect(error.message).toContain('Bad form: grant_type=client_credentials')
    expect(error.message).toContain('••••')
  })
})

describe('redirects are never followed', () => {
  it.each([302, 307])(
    '%i to a second server → REDIRECT; the second server receives nothing',
    async (status) => {
      const target = await serve((_r, res) => sendJson(res, 200, { access_token: 'stolen' }))
      const redirector = await serve((received, res) => {
        res.writeHead(status, { Location: `${target.url}${received.url}` })
        res.end()
      })
      const { error } = await failureOf(cc(`${redirector.url}/realms/flowx`, 'c'))
      expect(error.code).toBe('REDIRECT')
      expect(error.message).toBe(
        `The identity provider at ${hostOf(redirector.url)} answered ${status} → ${hostOf(target.url)}/realms/flowx/protocol/openid-connect/token; not followed.`
      )
      expect(target.received).toHaveLength(0)
      expect(redirector.received.map((r) => r.method)).toEqual(['GET', 'POST'])
    }
  )
})

describe('discovery', () => {
  it('uses a token_endpoint on the issuer origin', async () => {
    const server = await serve((received, res) => {
      if (received.url.endsWith('/.well-known/openid-configuration')) {
        return sendJson(res, 200, { token_endpoint: `${serverUrl()}/custom/token?tenant=1` })
      }
      sendJson(res, 200, { access_token: 'opaque-access-1', expires_in: 60 })
    })
    const serverUrl = (): string => server.url
    const { manager } = testManager()
    const token = await manager.get('p1', cc(`${server.url}/realms/flowx`, 'c'))
    expect(token.value).toBe('opaque-access-1')
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /realms/flowx/.well-known/openid-configuration',
      'POST /custom/token?tenant=1'
    ])
  })

  it('ignores a token_endpoint on another host; that host receives nothing', async () => {
    const other = await serve((_r, res) => sendJson(res, 200, { access_token: 'x' }))
    const issuerServer = await serve((received, res) => {
      if (received.url.endsWith('/.well-known/openid-configuration')) {
        return sendJson(res, 200, {
          token_endpoint: `${other.url}/realms/flowx/protocol/openid-connect/token`
        })
      }
      sendJson(res, 200, { access_token: 'opaque-access-2', expires_in: 60 })
    })
    const { manager } = testManager()
    const token = await manager.get('p1', cc(`${issuerServer.url}/realms/flowx`, 'c'))
    expect(token.value).toBe('opaque-access-2')
    expect(other.received).toHaveLength(0)
    expect(issuerServer.received.at(-1)?.url).toBe('/realms/flowx/protocol/openid-connect/token')
  })

  it.each([
    ['404', (res: import('node:http').ServerResponse) => sendJson(res, 404, { error: 'x' })],
    [
      'not JSON',
      (res: import('node:http').ServerResponse) => sendJson(res, 200, '<html>', 'text/html')
    ],
    [
      'no token_endpoint',
      (res: import('node:http').ServerResponse) => sendJson(res, 200, { issuer: 'x' })
    ]
  ])('falls back to the default endpoint when discovery gives %s', async (_name, answer) => {
    const server = await serve((received, res) => {
      if (received.method === 'GET') return answer(res)
      sendJson(res, 200, { access_token: 'opaque' })
    })
    const found = await discoverTokenEndpoint(`${server.url}/realms/flowx`, directTransport(), {
      inactivityTimeoutMs: 5_000,
      deadlineMs: 10_000,
      now: Date.now
    })
    expect(found).toEqual({
      endpoint: `${server.url}/realms/flowx/protocol/openid-connect/token`,
      discovered: false,
      answered: true
    })
  })
})

describe('clock skew', () => {
  it('a token already expired on arrival → AUTH_CLOCK_SKEW naming the difference', async () => {
    const nowSec = Math.floor(Date.now() / 1000)
    const token = fakeJwt({ sub: 'svc', iat: nowSec - 900, exp: nowSec - 600 })
    const server = await fakeIdp((_r, res) =>
      sendJson(res, 200, { access_token: token, expires_in: 300, token_type: 'Bearer' })
    )
    const { error } = await failureOf(cc(`${server.url}/realms/flowx`, 'c'), [token])
    expect(error.code).toBe('AUTH_CLOCK_SKEW')
    expect(error.message).toBe(
      `The token from ${hostOf(server.url)} had already expired when it arrived. This computer's clock is 15 minutes ahead of the identity provider's.`
    )
  })

  it('a large skew alone is recorded, not an error, when the token is still usable', async () => {
    const sandbox = await startSandbox()
    sandbox.setClockOffset(3_600)
    const { manager, lines } = testManager()
    const token = await manager.get(
      'p1',
      cc(sandbox.issuer, SANDBOX_IDS.clientId, SANDBOX_IDS.clientSecret)
    )
    expect(token.fetched).toBe(true)
    expect(Math.round((manager.skewMs('p1') ?? 0) / 60_000)).toBe(60)
    expect(lines.some((l) => l.message === 'Clock skew with the identity provider')).toBe(true)
  })
})

describe('requestToken: refresh outcomes', () => {
  const fixture = structuredClone(DEFAULT_FIXTURE)
  fixture.realms[0]?.clients.push({
    clientId: 'confidential-login',
    secret: 'login-secret-123',
    public: false,
    grants: ['password', 'refresh_token'],
    roles: []
  })
  const opts = { inactivityTimeoutMs: 5_000, deadlineMs: 10_000, now: Date.now }

  async function refreshToken(sandbox: Sandbox): Promise<string> {
    const endpoint = `${sandbox.issuer}/protocol/openid-connect/token`
    const grant = {
      type: 'password' as const,
      clientId: 'confidential-login',
      clientSecret: 'login-secret-123',
      username: 'demo',
      password: 'demo'
    }
    const response = await requestToken(endpoint, grant, directTransport(), opts)
    expect(response.refreshToken).toBeDefined()
    return response.refreshToken ?? ''
  }

  it('a refused refresh token is RefreshRejected; a wrong secret on refresh is AUTH_BAD_SECRET', async () => {
    const sandbox = await startSandbox({ fixture })
    const endpoint = `${sandbox.issuer}/protocol/openid-connect/token`
    const refresh = await refreshToken(sandbox)
    const wrongSecret = requestToken(
      endpoint,
      {
        type: 'refresh_token',
        clientId: 'confidential-login',
        clientSecret: SECRET,
        refreshToken: refresh
      },
      directTransport(),
      opts
    )
    await expect(wrongSecret).rejects.toMatchObject({ error: { code: 'AUTH_BAD_SECRET' } })
    await expect(wrongSecret).rejects.not.toBeInstanceOf(RefreshRejected)

    sandbox.setClockOffset(2_000)
    const expired = requestToken(
      endpoint,
      {
        type: 'refresh_token',
        clientId: 'confidential-login',
        clientSecret: 'login-secret-123',
        refreshToken: refresh
      },
      directTransport(),
      opts
    )
    await expect(expired).rejects.toBeInstanceOf(RefreshRejected)
    const failure = (await expired.then(
      () => undefined,
      (e: unknown) => e
    )) as AppFailure
    expect(failure.error.message).toContain('Token is not active')
    expect(JSON.stringify(failure.error)).not.toContain(refresh)
  })
})
