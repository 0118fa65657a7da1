/** A Keycloak-like identity provider: token endpoint, discovery, userinfo (flowx-api.md §e.2, §e.4). */
import { randomUUID } from 'node:crypto'

import { verifyAccessToken } from './auth'
import { headerFault, sendFailure } from './faults'
import { sendBadRequestPage, sendJson, type Ctx, type Headers } from './http'
import { mintJwt, verifyJwt } from './jwt'
import { decodeSegments, matchPattern } from './path'
import type { FixtureClient, FixtureRealm } from './types'

const NO_STORE: Headers = { 'Cache-Control': 'no-store', Pragma: 'no-cache' }

/** An RFC 6749 §5.2 error. */
function oauthError(ctx: Ctx, status: number, error: string, description: string): void {
  sendJson(ctx, status, { error, error_description: description }, NO_STORE)
}

/** Answer a request under /realms or /auth/realms; `offset` is where the realm name sits. */
export function handleIdp(ctx: Ctx, offset: number): void {
  const decoded = decodeSegments(ctx.rawSegments)
  if (!decoded) return sendBadRequestPage(ctx, 'Invalid URI: invalid percent-encoding')
  const [realmName = '', ...rest] = decoded.slice(offset)
  const realm = ctx.state.fixture.realms.find((r) => r.name === realmName)
  if (!realm) return sendJson(ctx, 404, { error: 'Realm does not exist' })
  // Keycloak before 17 lives under /auth, and its tokens carry that issuer.
  const issuer = ctx.state.issuerOf(realm.name, offset === 2)
  const routes: Array<[string, string[], () => void]> = [
    ['GET', [], () => sendJson(ctx, 200, realmInfo(realm, issuer))],
    ['GET', ['.well-known', 'openid-configuration'], () => sendJson(ctx, 200, discovery(issuer))],
    ['POST', ['protocol', 'openid-connect', 'token'], () => token(ctx, realm, issuer)],
    ['GET', ['protocol', 'openid-connect', 'userinfo'], () => userinfo(ctx, realm, issuer)],
    ['POST', ['protocol', 'openid-connect', 'userinfo'], () => userinfo(ctx, realm, issuer)],
    ['GET', ['protocol', 'openid-connect', 'certs'], () => sendJson(ctx, 200, { keys: [] })]
  ]
  const allow = routes.filter(([, pattern]) => matchPattern(pattern, rest)).map(([m]) => m)
  const route = routes.find(
    ([method, pattern]) => method === ctx.method && matchPattern(pattern, rest)
  )
  if (route) return route[2]()
  if (allow.length > 0) {
    return sendJson(ctx, 405, { error: 'HTTP 405 Method Not Allowed' }, { Allow: allow.join(', ') })
  }
  sendJson(ctx, 404, { error: 'Unable to find matching target resource method' })
}

function realmInfo(realm: FixtureRealm, issuer: string): Record<string, unknown> {
  return {
    realm: realm.name,
    'token-service': `${issuer}/protocol/openid-connect`,
    'account-service': `${issuer}/account`,
    'tokens-not-before': 0
  }
}

function discovery(issuer: string): Record<string, unknown> {
  const oidc = `${issuer}/protocol/openid-connect`
  return {
    issuer,
    authorization_endpoint: `${oidc}/auth`,
    token_endpoint: `${oidc}/token`,
    userinfo_endpoint: `${oidc}/userinfo`,
    end_session_endpoint: `${oidc}/logout`,
    jwks_uri: `${oidc}/certs`,
    grant_types_supported: ['client_credentials', 'password', 'refresh_token'],
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['HS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    claims_supported: ['iss', 'sub', 'azp', 'exp', 'iat', 'roles', 'realm_access', 'groups']
  }
}

/** Client credentials from HTTP Basic (RFC 6749 §2.3.1: form-encoded, then base64). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^basic\s+(\S+)$/i.exec(header ?? '')
  if (!match) return undefined
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  const unform = (s: string): string => new URLSearchParams(`v=${s}`).get('v') ?? s
  return { id: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) }
}

function readForm(ctx: Ctx): URLSearchParams {
  const type = (ctx.req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  // Keycloak reads form parameters only; anything else looks like an empty form.
  if (type !== 'application/x-www-form-urlencoded') return new URLSearchParams()
  return new URLSearchParams(ctx.body.toString('utf8'))
}

function token(ctx: Ctx, realm: FixtureRealm, issuer: string): void {
  const { state } = ctx
  const fromHeader = headerFault(ctx)
  if (state.faults?.idpDown || (fromHeader !== 'unknown' && fromHeader?.idpDown)) {
    return sendFailure(ctx, 503, { failBody: 'html', retryAfter: state.faults?.retryAfter })
  }
  const form = readForm(ctx)
  const grant = form.get('grant_type')
  if (!grant) return oauthError(ctx, 400, 'invalid_request', 'Missing form parameter: grant_type')

  const basic = basicCredentials(ctx.req.headers.authorization)
  const clientId = basic?.id ?? form.get('client_id')
  const secret = basic?.secret ?? form.get('client_secret') ?? undefined
  const client = realm.clients.find((c) => c.clientId === clientId)
  const badClient = 'Invalid client or Invalid client credentials'
  if (!client) return oauthError(ctx, 401, 'invalid_client', badClient)
  if (!client.public) {
    if (secret === undefined) {
      return oauthError(ctx, 401, 'unauthorized_client', 'Client secret not provided in request')
    }
    if (secret !== client.secret) return oauthError(ctx, 401, 'unauthorized_client', badClient)
  }

  if (grant === 'client_credentials') {
    if (!client.grants.includes(grant)) {
      const why = client.public
        ? 'Public client not allowed to retrieve service account'
        : 'Client not enabled to retrieve service account'
      return oauthError(ctx, 400, 'unauthorized_client', why)
    }
    const sub = `service-account-${client.clientId}`
    return issue(ctx, realm, issuer, client, { sub, roles: client.roles, username: sub }, false)
  }
  if (grant === 'password') {
    if (!client.grants.includes(grant)) {
      return oauthError(
        ctx,
        400,
        'unauthorized_client',
        'Client not allowed for direct access grants'
      )
    }
    const user = realm.users.find(
      (u) => u.username === form.get('username') && u.password === form.get('password')
    )
    if (!user) return oauthError(ctx, 401, 'invalid_grant', 'Invalid user credentials')
    const who = { sub: user.sub, roles: user.roles, groups: user.groups, username: user.username }
    return issue(ctx, realm, issuer, client, who, true)
  }
  if (grant === 'refresh_token') {
    if (!client.grants.includes(grant)) {
      return oauthError(ctx, 400, 'unauthorized_client', 'Client not allowed to refresh tokens')
    }
    const presented = form.get('refresh_token')
    if (!presented)
      return oauthError(ctx, 400, 'invalid_request', 'Missing parameter: refresh_token')
    const verified = verifyJwt(presented, state.key)
    const claims = verified.ok ? verified.claims : undefined
    const user = realm.users.find((u) => u.sub === claims?.sub)
    const active =
      claims?.typ === 'Refresh' && claims.iss === issuer && state.now() < claims.exp * 1000
    if (!claims || !active || !user) {
      return oauthError(ctx, 400, 'invalid_grant', 'Token is not active')
    }
    if (claims.azp !== client.clientId) {
      const why = "Invalid refresh token. Token client and authorized client don't match"
      return oauthError(ctx, 400, 'invalid_grant', why)
    }
    const who = { sub: user.sub, roles: user.roles, groups: user.groups, username: user.username }
    return issue(ctx, realm, issuer, client, who, true, claims.sid)
  }
  oauthError(ctx, 400, 'unsupported_grant_type', 'Unsupported grant_type')
}

interface Subject {
  sub: string
  roles: string[]
  groups?: string[]
  username: string
}

/** A successful token response; user grants also get a refresh token. */
function issue(
  ctx: Ctx,
  realm: FixtureRealm,
  issuer: string,
  client: FixtureClient,
  who: Subject,
  withRefresh: boolean,
  sessionId: string = randomUUID()
): void {
  const { state } = ctx
  const base = { issuer, clientId: client.clientId, nowSec: state.nowSec(), ...who }
  const accessToken = mintJwt(
    { ...base, lifetimeSec: realm.accessTokenLifespan, sid: withRefresh ? sessionId : undefined },
    state.key
  )
  const body: Record<string, unknown> = {
    access_token: accessToken,
    expires_in: realm.accessTokenLifespan,
    refresh_expires_in: 0,
    token_type: 'Bearer',
    'not-before-policy': 0,
    scope: 'profile email'
  }
  if (withRefresh) {
    const lifetimeSec = realm.refreshTokenLifespan ?? 1800
    body.refresh_expires_in = lifetimeSec
    body.refresh_token = mintJwt(
      { ...base, lifetimeSec, typ: 'Refresh', sid: sessionId },
      state.key
    )
    body.session_state = sessionId
  }
  sendJson(ctx, 200, body, NO_STORE)
}

function userinfo(ctx: Ctx, realm: FixtureRealm, issuer: string): void {
  const challenge = `Bearer realm="${realm.name}"`
  const match = /^bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? '')
  if (!match) {
    const body = { error: 'invalid_request', error_description: 'Token not provided' }
    return sendJson(ctx, 401, body, { 'WWW-Authenticate': challenge })
  }
  const result = verifyAccessToken(ctx.state, match[1] as string)
  if (!result.ok || result.claims.iss !== issuer) {
    const description = 'Token verification failed'
    return sendJson(
      ctx,
      401,
      { error: 'invalid_token', error_description: description },
      {
        'WWW-Authenticate': `${challenge}, error="invalid_token", error_description="${description}"`
      }
    )
  }
  const { claims } = result
  sendJson(ctx, 200, {
    sub: claims.sub,
    email_verified: false,
    preferred_username: claims.preferred_username ?? claims.sub,
    roles: claims.roles,
    ...(claims.groups ? { groups: claims.groups } : {})
  })
}
