import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { SANDBOX_IDS } from './fixture'
import { decodeJwt } from './jwt'
import { startSandbox } from './server'
import { buildStartPath, json, postForm, postStart, rawRequest } from './test-support'
import type { Sandbox } from './types'

let sb: Sandbox
const TOKEN = '/realms/flowx/protocol/openid-connect/token'
const PUBLIC = SANDBOX_IDS.publicClientId
const basic = (id: string, secret: string): Record<string, string> => ({
  Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`
})
const password = (username: string, pw: string): Record<string, string> => ({
  grant_type: 'password',
  client_id: PUBLIC,
  username,
  password: pw
})

beforeEach(async () => {
  sb = await startSandbox()
})

afterEach(async () => {
  await sb.close()
})

async function startsWith(token: string): Promise<number> {
  return (await postStart(sb.url, buildStartPath('[DOCS]customer_onboarding'), token)).status
}

describe('client_credentials', () => {
  it('issues a service-account token through HTTP Basic that the runtime accepts', async () => {
    const res = await postForm(
      sb.url,
      TOKEN,
      { grant_type: 'client_credentials' },
      basic(SANDBOX_IDS.clientId, SANDBOX_IDS.clientSecret)
    )
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const body = json(res)
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300, refresh_expires_in: 0 })
    expect(body.refresh_token).toBeUndefined()
    const claims = decodeJwt(String(body.access_token))
    expect(claims).toMatchObject({
      iss: sb.issuer,
      sub: 'service-account-flowx-launcher-sandbox',
      azp: SANDBOX_IDS.clientId,
      roles: ['FLOWX_ROLE'],
      realm_access: { roles: ['FLOWX_ROLE'] }
    })
    expect(claims!.exp - claims!.iat).toBe(300)
    expect(await startsWith(String(body.access_token))).toBe(200)
  })

  it('accepts the client credentials in the body too', async () => {
    const res = await postForm(sb.url, TOKEN, {
      grant_type: 'client_credentials',
      client_id: SANDBOX_IDS.clientId,
      client_secret: SANDBOX_IDS.clientSecret
    })
    expect(res.status).toBe(200)
  })

  it('refuses a bad, missing or unknown client with RFC 6749 bodies', async () => {
    const bad = await postForm(
      sb.url,
      TOKEN,
      { grant_type: 'client_credentials' },
      basic(SANDBOX_IDS.clientId, 'nope')
    )
    expect(bad.status).toBe(401)
    expect(json(bad)).toEqual({
      error: 'unauthorized_client',
      error_description: 'Invalid client or Invalid client credentials'
    })
    const missing = await postForm(sb.url, TOKEN, {
      grant_type: 'client_credentials',
      client_id: SANDBOX_IDS.clientId
    })
    expect(missing.status).toBe(401)
    expect(json(missing).error).toBe('unauthorized_client')
    const unknown = await postForm(sb.url, TOKEN, {
      grant_type: 'client_credentials',
      client_id: 'who'
    })
    expect(unknown.status).toBe(401)
    expect(json(unknown).error).toBe('invalid_client')
  })

  it('refuses the grant on a public client with 400 unauthorized_client', async () => {
    const res = await postForm(sb.url, TOKEN, {
      grant_type: 'client_credentials',
      client_id: PUBLIC
    })
    expect(res.status).toBe(400)
    expect(json(res).error).toBe('unauthorized_client')
  })
})

describe('password and refresh_token', () => {
  it('issues access and refresh tokens for a user', async () => {
    const res = await postForm(sb.url, TOKEN, password('tester', 'tester'))
    expect(res.status).toBe(200)
    const body = json(res)
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300, refresh_expires_in: 1800 })
    expect(typeof body.session_state).toBe('string')
    expect(decodeJwt(String(body.access_token))).toMatchObject({ sub: 'tester', azp: PUBLIC })
    expect(decodeJwt(String(body.refresh_token))?.typ).toBe('Refresh')
  })

  it('answers a wrong password with 401 invalid_grant', async () => {
    const res = await postForm(sb.url, TOKEN, password('demo', 'wrong'))
    expect(res.status).toBe(401)
    expect(json(res)).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid user credentials'
    })
  })

  it('refuses the password grant on a client without it', async () => {
    const res = await postForm(
      sb.url,
      TOKEN,
      { grant_type: 'password', username: 'demo', password: 'demo' },
      basic(SANDBOX_IDS.clientId, SANDBOX_IDS.clientSecret)
    )
    expect(res.status).toBe(400)
    expect(json(res).error).toBe('unauthorized_client')
  })

  it('refreshes, and refuses an expired or unknown refresh token with "Token is not active"', async () => {
    const first = json(await postForm(sb.url, TOKEN, password('demo', 'demo')))
    const refresh = { grant_type: 'refresh_token', client_id: PUBLIC }
    const renewed = await postForm(sb.url, TOKEN, {
      ...refresh,
      refresh_token: String(first.refresh_token)
    })
    expect(renewed.status).toBe(200)
    expect(await startsWith(String(json(renewed).access_token))).toBe(200)

    const notActive = { error: 'invalid_grant', error_description: 'Token is not active' }
    for (const token of ['garbage', String(first.access_token)]) {
      const res = await postForm(sb.url, TOKEN, { ...refresh, refresh_token: token })
      expect(res.status).toBe(400)
      expect(json(res)).toEqual(notActive)
    }
    sb.setClockOffset(1801)
    const expired = await postForm(sb.url, TOKEN, {
      ...refresh,
      refresh_token: String(first.refresh_token)
    })
    expect(expired.status).toBe(400)
    expect(json(expired)).toEqual(notActive)
  })

  it('lets an access token expire on the sandbox clock', async () => {
    const body = json(await postForm(sb.url, TOKEN, password('demo', 'demo')))
    sb.setClockOffset(290)
    expect(await startsWith(String(body.access_token))).toBe(200)
    sb.setClockOffset(301)
    const res = await postStart(
      sb.url,
      buildStartPath('[DOCS]customer_onboarding'),
      String(body.access_token)
    )
    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toContain('error_description="Jwt expired at ')
  })
})

describe('token endpoint errors', () => {
  it('answers an unsupported or missing grant type', async () => {
    const unsupported = await postForm(sb.url, TOKEN, {
      grant_type: 'authorization_code',
      client_id: PUBLIC
    })
    expect(unsupported.status).toBe(400)
    expect(json(unsupported).error).toBe('unsupported_grant_type')
    const missing = await postForm(sb.url, TOKEN, { client_id: PUBLIC })
    expect(missing.status).toBe(400)
    expect(json(missing).error).toBe('invalid_request')
  })

  it('answers 405 to GET and 404 to an unknown realm', async () => {
    const get = await rawRequest(sb.url, TOKEN)
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
    const realm = await postForm(
      sb.url,
      '/realms/other/protocol/openid-connect/token',
      password('demo', 'demo')
    )
    expect(realm.status).toBe(404)
    expect(json(realm)).toEqual({ error: 'Realm does not exist' })
  })

  it('answers 503 while the IdP is down, leaving the runtime up', async () => {
    sb.setFaults({ idpDown: true, retryAfter: 30 })
    const res = await postForm(sb.url, TOKEN, password('demo', 'demo'))
    expect(res.status).toBe(503)
    expect(res.headers['retry-after']).toBe('30')
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    sb.setFaults({ idpDown: true })
    expect(await startsWith(sb.demoToken)).toBe(200)
    sb.setFaults(undefined)
    expect((await postForm(sb.url, TOKEN, password('demo', 'demo'))).status).toBe(200)
  })
})

describe('discovery and userinfo', () => {
  it('serves the openid-configuration under both prefixes', async () => {
    const modern = json(await rawRequest(sb.url, '/realms/flowx/.well-known/openid-configuration'))
    expect(modern).toMatchObject({
      issuer: sb.issuer,
      token_endpoint: `${sb.issuer}/protocol/openid-connect/token`,
      userinfo_endpoint: `${sb.issuer}/protocol/openid-connect/userinfo`
    })
    const legacy = json(
      await rawRequest(sb.url, '/auth/realms/flowx/.well-known/openid-configuration')
    )
    expect(legacy.issuer).toBe(`${sb.url}/auth/realms/flowx`)
  })

  it('issues /auth-prefixed tokens that the runtime trusts', async () => {
    const res = await postForm(sb.url, `/auth${TOKEN}`, password('demo', 'demo'))
    const token = String(json(res).access_token)
    expect(decodeJwt(token)?.iss).toBe(`${sb.url}/auth/realms/flowx`)
    expect(await startsWith(token)).toBe(200)
  })

  it('answers userinfo for a valid token and 401 otherwise', async () => {
    const path = '/realms/flowx/protocol/openid-connect/userinfo'
    const ok = await rawRequest(sb.url, path, {
      headers: { Authorization: `Bearer ${sb.demoToken}` }
    })
    expect(ok.status).toBe(200)
    expect(json(ok)).toMatchObject({ sub: 'demo', roles: ['FLOWX_ROLE'] })
    expect((await rawRequest(sb.url, path)).status).toBe(401)
    sb.setClockOffset(13 * 60 * 60)
    const expired = await rawRequest(sb.url, path, {
      headers: { Authorization: `Bearer ${sb.demoToken}` }
    })
    expect(expired.status).toBe(401)
    expect(json(expired).error).toBe('invalid_token')
  })
})
