/**
 * Calls to the identity provider's token endpoint (RFC 6749) with the settings security.md NET-1,
 * NET-2 and LOG-1 ask for. Failures become AppFailure with a message naming the endpoint's host and
 * never carrying the client secret, the password or a token.
 */
import axios, { type AxiosResponse, isAxiosError } from 'axios'

import { decodeTokenClaims } from '../../shared/jwt-claims'
import { AppFailure, type AppError, type ErrorCode } from '../../shared/errors'
import { classifyTransportError } from '../launcher/transport-error'
import { MASK } from '../logging/redact'
import { axiosNetOptions } from '../net/tunnel'
import type { NetTransport } from '../net/types'
import { defaultTokenEndpoint } from './issuer'

/** Largest token or discovery response we load. */
export const MAX_IDP_RESPONSE_BYTES = 1024 * 1024

/** A skew beyond this is reported in the clock-skew message rather than the token's own times. */
export const NOTABLE_SKEW_MS = 5 * 60_000

/** What the token endpoint is asked for. */
export type Grant =
  | { type: 'client_credentials'; clientId: string; clientSecret: string }
  | {
      type: 'password'
      clientId: string
      username: string
      password: string
      clientSecret?: string
    }
  | { type: 'refresh_token'; clientId: string; refreshToken: string; clientSecret?: string }

/** Timeouts and cancellation for one call. */
export interface IdpCallOptions {
  signal?: AbortSignal
  /** Longest silence on the socket. */
  inactivityTimeoutMs: number
  /** Longest time for the whole call. */
  deadlineMs: number
  /** Local clock, epoch ms. */
  now: () => number
}

/** A successful token response. */
export interface TokenResponse {
  accessToken: string
  /** Seconds, as the server said; undefined when absent. */
  expiresInSec?: number
  refreshToken?: string
  /** Seconds; 0 or absent means the server gave no limit. */
  refreshExpiresInSec?: number
  /** Local-clock epoch ms when the answer arrived. */
  receivedAt: number
  /** Server minus local clock from the `Date` header, ms; undefined without one. */
  skewMs?: number
}

/** The refresh token was refused (expired or revoked session): the full grant may be tried. */
export class RefreshRejected extends AppFailure {
  constructor(message: string, httpStatus: number) {
    super('AUTH_FAILED', message, {
      hint: 'Sign in again with the profile credentials.',
      httpStatus
    })
    this.name = 'RefreshRejected'
  }
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url
}

function realmOf(url: string): string | undefined {
  const segments = URL.canParse(url) ? new URL(url).pathname.split('/') : []
  const at = segments.indexOf('realms')
  const raw = at >= 0 ? segments[at + 1] : undefined
  if (!raw) return undefined
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

function failure(code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}) {
  return new AppFailure(code, message, extra)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return isRecord(value) ? value : undefined
  } catch {
    return undefined
  }
}

function header(response: AxiosResponse<unknown>, name: string): string | undefined {
  const value: unknown = (response.headers as Record<string, unknown> | undefined)?.[name]
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.join(', ')
  return undefined
}

/** The secrets one grant carries, to keep them out of anything the server echoes. */
function secretsOf(grant: Grant): string[] {
  const all = [
    grant.clientSecret,
    grant.type === 'password' ? grant.password : undefined,
    grant.type === 'refresh_token' ? grant.refreshToken : undefined
  ]
  return all.filter((s): s is string => typeof s === 'string' && s.length > 0)
}

/** A server's error_description made safe to show: one short line, no secrets. */
function cleanText(value: unknown, secrets: string[]): string | undefined {
  if (typeof value !== 'string') return undefined
  let text = [...value]
    .map((c) => (c.charCodeAt(0) < 0x20 || c === '\x7f' ? ' ' : c))
    .join('')
    .trim()
  for (const secret of secrets) text = text.split(secret).join(MASK)
  text = text.replace(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, MASK)
  if (text.length > 200) text = `${text.slice(0, 199)}…`
  return text === '' ? undefined : text
}

/** Every error code on the error, its causes and (for dual-stack connects) aggregated errors. */
function errorCodes(error: unknown): string[] {
  const codes: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const fields = current as { code?: unknown; errors?: unknown; cause?: unknown }
    if (typeof fields.code === 'string') codes.push(fields.code)
    if (Array.isArray(fields.errors)) {
      for (const inner of fields.errors as unknown[]) {
        const innerCode = (inner as { code?: unknown } | null)?.code
        if (typeof innerCode === 'string') codes.push(innerCode)
      }
    }
    current = fields.cause
  }
  return codes
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`
}

/** The axios settings shared by both calls (NET-1, NET-2, NET-5, NET-6, LOG-1). */
function baseConfig(url: string, transport: NetTransport, opts: IdpCallOptions) {
  const target = new URL(url)
  const deadline = AbortSignal.timeout(opts.deadlineMs)
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline
  return {
    config: {
      baseURL: target.origin,
      url: `${target.pathname}${target.search}`,
      allowAbsoluteUrls: false,
      maxRedirects: 0,
      // An https issuer behind a proxy goes through our own CONNECT tunnel (net/tunnel.ts).
      ...axiosNetOptions(transport, url),
      signal,
      timeout: opts.inactivityTimeoutMs,
      maxContentLength: MAX_IDP_RESPONSE_BYTES,
      maxBodyLength: MAX_IDP_RESPONSE_BYTES,
      decompress: true,
      validateStatus: () => true,
      responseType: 'text' as const,
      responseEncoding: 'utf8',
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      transitional: {
        clarifyTimeoutError: true,
        silentJSONParsing: true,
        forcedJSONParsing: false
      },
      redact: ['authorization']
    },
    aborted: (): 'user' | 'deadline' | undefined =>
      opts.signal?.aborted ? 'user' : deadline.aborted ? 'deadline' : undefined
  }
}

/** Turn a call that got no HTTP answer into an AppFailure naming the endpoint's host. */
function transportFailure(
  error: unknown,
  endpoint: string,
  opts: IdpCallOptions,
  aborted: 'user' | 'deadline' | undefined
): AppFailure {
  const host = hostOf(endpoint)
  const where = `the identity provider at ${host}`
  if (aborted === 'user')
    return failure('CANCELLED', `Cancelled while asking ${where} for a token.`)
  if (aborted === 'deadline') {
    return failure(
      'TIMEOUT',
      `No token from ${where} within the ${seconds(opts.deadlineMs)} time limit.`,
      { hint: 'Check the issuer URL and your network or VPN, then try again.' }
    )
  }
  const rawMessage = error instanceof Error ? error.message : ''
  if (rawMessage.startsWith('maxContentLength')) {
    return failure(
      'AUTH_ISSUER_INVALID',
      `The answer from ${where} is larger than 1 MiB and was not loaded.`,
      { hint: 'Check that the issuer URL points at the identity provider.' }
    )
  }
  // Reuse the launcher's reading of socket and TLS errors, with our own wording around it.
  const classified = classifyTransportError(error, {
    requestSent: false,
    baseUrl: endpoint,
    inactivityTimeoutMs: opts.inactivityTimeoutMs,
    deadlineMs: opts.deadlineMs
  }).error
  const hint = 'Check the issuer URL, your network or VPN, and that the identity provider is up.'
  if (classified?.code === 'TLS') {
    return failure('TLS', `${classified.message} (identity provider at ${host})`, {
      hint: 'If the identity provider uses a private certificate authority, add its certificate to the profile; check the host name in the issuer URL.'
    })
  }
  if (classified?.code === 'TIMEOUT') {
    return failure(
      'TIMEOUT',
      `The identity provider at ${host} sent nothing for ${seconds(opts.inactivityTimeoutMs)}.`,
      { hint }
    )
  }
  const codes = errorCodes(error).join(' ')
  const reason = /ECONNREFUSED/.test(codes)
    ? 'connection refused'
    : /ENOTFOUND|EAI_AGAIN|EAI_NONAME/.test(codes)
      ? `the host ${URL.canParse(endpoint) ? new URL(endpoint).hostname : host} could not be found`
      : /ECONNRESET|EPIPE/.test(codes) || /socket hang up/i.test(rawMessage)
        ? 'the connection was closed'
        : /EHOSTUNREACH|ENETUNREACH|ENETDOWN|EADDRNOTAVAIL/.test(codes)
          ? 'it cannot be reached from this computer'
          : 'the connection failed'
  return failure('AUTH_ISSUER_UNREACHABLE', `Could not reach ${where}: ${reason}.`, { hint })
}

/** Send one request; an HTTP answer of any status comes back, anything else throws AppFailure. */
async function send(
  method: 'GET' | 'POST',
  url: string,
  transport: NetTransport,
  opts: IdpCallOptions,
  body?: string
): Promise<AxiosResponse<unknown>> {
  const { config, aborted } = baseConfig(url, transport, opts)
  try {
    return await axios.request<unknown>({
      ...config,
      method,
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {})
      },
      ...(body !== undefined ? { data: body } : {})
    })
  } catch (error) {
    // Never pass the axios error on: its config holds the form with the secret.
    if (isAxiosError(error) && error.response) return error.response
    throw transportFailure(error, url, opts, aborted())
  }
}

function sameOrigin(a: string, b: string): boolean {
  return URL.canParse(a) && URL.canParse(b) && new URL(a).origin === new URL(b).origin
}

/**
 * The token endpoint an issuer advertises in `.well-known/openid-configuration`, when it is on the
 * issuer's own origin (a secret is never sent to another host); otherwise, or when discovery fails,
 * Keycloak's default endpoint. `answered` says whether the server gave a usable HTTP answer.
 */
export async function discoverTokenEndpoint(
  issuer: string,
  transport: NetTransport,
  opts: IdpCallOptions
): Promise<{ endpoint: string; discovered: boolean; answered: boolean }> {
  const fallback = { endpoint: defaultTokenEndpoint(issuer), discovered: false }
  let response: AxiosResponse<unknown>
  try {
    response = await send('GET', `${issuer}/.well-known/openid-configuration`, transport, {
      ...opts,
      inactivityTimeoutMs: Math.min(opts.inactivityTimeoutMs, 5_000),
      deadlineMs: Math.min(opts.deadlineMs, 10_000)
    })
  } catch (error) {
    if (error instanceof AppFailure && error.error.code === 'CANCELLED') throw error
    return { ...fallback, answered: false }
  }
  if (response.status !== 200 || typeof response.data !== 'string') {
    return { ...fallback, answered: true }
  }
  const document = parseJson(response.data)
  const advertised = document?.token_endpoint
  if (typeof advertised === 'string' && sameOrigin(advertised, issuer)) {
    const url = new URL(advertised)
    if (url.username === '' && url.password === '' && url.hash === '') {
      return { endpoint: url.href, discovered: true, answered: true }
    }
  }
  return { ...fallback, answered: true }
}

function formOf(grant: Grant): string {
  const form = new URLSearchParams({ grant_type: grant.type, client_id: grant.clientId })
  if (grant.clientSecret) form.set('client_secret', grant.clientSecret)
  if (grant.type === 'password') {
    form.set('username', grant.username)
    form.set('password', grant.password)
  }
  if (grant.type === 'refresh_token') form.set('refresh_token', grant.refreshToken)
  return form.toString()
}

const KEYCLOAK_SWITCH: Record<Grant['type'], string> = {
  client_credentials:
    "turn on 'Client authentication' and 'Service accounts roles' (Settings → Capability config)",
  password: "turn on 'Direct access grants' (Settings → Capability config)",
  refresh_token: "turn on 'Use refresh tokens' (Advanced → OpenID Connect Compatibility Modes)"
}

/** Map an RFC 6749 §5.2 error (or any other non-2xx answer) to an AppFailure. */
function answerFailure(
  response: AxiosResponse<unknown>,
  endpoint: string,
  grant: Grant
): AppFailure {
  const status = response.status
  const host = hostOf(endpoint)
  const text = typeof response.data === 'string' ? response.data : ''
  const body = parseJson(text)
  const secrets = secretsOf(grant)
  const code = cleanText(body?.error, secrets)
  const description = cleanText(body?.error_description, secrets)
  const client = `'${grant.clientId}'`
  const said = description ? `: ${description}` : ''
  const extra = { httpStatus: status }

  if (status >= 300 && status < 400) {
    const location = header(response, 'location')
    const target =
      location && URL.canParse(location, endpoint) ? new URL(location, endpoint) : undefined
    const to = target ? ` → ${target.host}${target.pathname}` : ''
    return failure(
      'REDIRECT',
      `The identity provider at ${host} answered ${status}${to}; not followed.`,
      {
        ...extra,
        hint: 'Use the issuer URL the redirect points to, if you trust it; credentials are never sent to a redirect.'
      }
    )
  }
  if (code === 'invalid_client') {
    return failure(
      'AUTH_UNKNOWN_CLIENT',
      `The identity provider at ${host} does not accept the client ${client}${said}.`,
      { ...extra, hint: 'Check the client id, and that the client exists in this realm.' }
    )
  }
  if (
    code === 'unauthorized_client' &&
    (status === 401 || /client credentials|client secret/i.test(description ?? ''))
  ) {
    return failure(
      'AUTH_BAD_SECRET',
      `The identity provider at ${host} rejected the client secret of ${client}${said}.`,
      {
        ...extra,
        hint: 'Copy the secret again from Keycloak (Clients → the client → Credentials) into the profile.'
      }
    )
  }
  if (code === 'unauthorized_client' || code === 'unsupported_grant_type') {
    return failure(
      'AUTH_GRANT_NOT_ENABLED',
      `The client ${client} may not use the ${grant.type} grant${said}.`,
      {
        ...extra,
        hint: `In Keycloak, open the client ${client} and ${KEYCLOAK_SWITCH[grant.type]}.`
      }
    )
  }
  if (code === 'invalid_grant' && grant.type === 'refresh_token') {
    return new RefreshRejected(
      `The identity provider at ${host} refused the refresh token${said}.`,
      status
    )
  }
  if (code === 'invalid_grant' && grant.type === 'password') {
    const user = `'${grant.username}'`
    if (/invalid user credentials/i.test(description ?? '') || status === 401) {
      return failure(
        'AUTH_BAD_CREDENTIALS',
        `The identity provider at ${host} rejected the user name ${user} or its password.`,
        { ...extra, hint: 'Check the user name and password in the profile.' }
      )
    }
    return failure('AUTH_FAILED', `The identity provider at ${host} refused user ${user}${said}.`, {
      ...extra,
      hint: 'Check the account in Keycloak (disabled, locked or with pending required actions).'
    })
  }
  if (status === 404) {
    const realm = realmOf(endpoint)
    const message =
      body?.error === 'Realm does not exist' && realm
        ? `Realm '${realm}' does not exist on ${host}.`
        : `There is no token endpoint at ${host}${URL.canParse(endpoint) ? new URL(endpoint).pathname : ''} (404).`
    return failure('AUTH_ISSUER_INVALID', message, {
      ...extra,
      hint: 'Check the issuer URL: the realm name, and whether Keycloak needs the /auth prefix.'
    })
  }
  if (status === 405) {
    return failure(
      'AUTH_ISSUER_INVALID',
      `${host} does not take token requests at this address (405).`,
      { ...extra, hint: 'Check the issuer URL.' }
    )
  }
  if (status >= 500 || status === 429) {
    const busy = status === 429 ? ' is busy' : ' is not working'
    const retry = header(response, 'retry-after')
    return failure(
      'AUTH_ISSUER_UNREACHABLE',
      `The identity provider at ${host}${busy} (HTTP ${status}${status === 503 ? ' Service Unavailable' : ''}).`,
      {
        ...extra,
        hint: `Try again ${retry && /^\d+$/.test(retry) ? `in ${retry} s` : 'later'}; if it persists, ask whoever runs the identity provider.`
      }
    )
  }
  return failure(
    'AUTH_FAILED',
    `The identity provider at ${host} refused the token request (HTTP ${status}${code ? ` ${code}` : ''})${said}.`,
    extra
  )
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined
}

/** Server minus local clock from a `Date` header, ms. Date has 1 s resolution: take its middle. */
function skewFrom(date: string | undefined, receivedAt: number): number | undefined {
  if (!date) return undefined
  const server = Date.parse(date)
  return Number.isNaN(server) ? undefined : server + 500 - receivedAt
}

/** Ask the token endpoint for a token. Throws AppFailure (RefreshRejected for a refused refresh). */
export async function requestToken(
  endpoint: string,
  grant: Grant,
  transport: NetTransport,
  opts: IdpCallOptions
): Promise<TokenResponse> {
  const response = await send('POST', endpoint, transport, opts, formOf(grant))
  const receivedAt = opts.now()
  if (response.status < 200 || response.status >= 300) {
    throw answerFailure(response, endpoint, grant)
  }
  const host = hostOf(endpoint)
  const body = typeof response.data === 'string' ? parseJson(response.data) : undefined
  const accessToken = body?.access_token
  if (!body || typeof accessToken !== 'string' || accessToken.trim() === '') {
    throw failure(
      'AUTH_ISSUER_INVALID',
      `${host} answered ${response.status} without a token: the issuer URL may not point at the identity provider.`,
      {
        httpStatus: response.status,
        hint: `Check the issuer URL, like https://kc.example.com/realms/flowx`
      }
    )
  }
  const refreshToken = body.refresh_token
  const skewMs = skewFrom(header(response, 'date'), receivedAt)
  const expiresInSec = positiveNumber(body.expires_in)
  const refreshExpiresInSec = positiveNumber(body.refresh_expires_in)
  return {
    accessToken: accessToken.trim(),
    receivedAt,
    ...(expiresInSec !== undefined ? { expiresInSec } : {}),
    ...(typeof refreshToken === 'string' && refreshToken !== '' ? { refreshToken } : {}),
    ...(refreshExpiresInSec !== undefined ? { refreshExpiresInSec } : {}),
    ...(skewMs !== undefined ? { skewMs } : {})
  }
}

/** Epoch ms of a JWT's `exp`, undefined for opaque tokens. */
export function jwtExpiryMs(token: string): number | undefined {
  const iso = decodeTokenClaims(token)?.expiresAt
  return iso ? Date.parse(iso) : undefined
}

/** "This computer's clock is N minutes behind/ahead of …" for a server-minus-local skew. */
export function describeSkew(skewMs: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(skewMs) / 60_000))
  const amount = `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`
  const way = skewMs > 0 ? 'behind' : 'ahead of'
  return `This computer's clock is ${amount} ${way} the identity provider's.`
}
