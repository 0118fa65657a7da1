/**
 * How a failed token-endpoint call is reported: an HTTP answer that is not a token (RFC 6749 §5.2
 * errors, redirects, missing realms, busy servers) or no answer at all (timeouts, TLS, refused or
 * unknown hosts). Every message names the endpoint's host and never carries the client secret, the
 * password or a token.
 */
import type { AxiosResponse } from 'axios'

import { AppFailure, type AppError, type ErrorCode } from '../../shared/errors'
import { classifyTransportError } from '../launcher/transport-error'
import { MASK } from '../logging/redact'
import { type Grant, type IdpCallOptions, header, hostOf, parseJson, secretsOf } from './idp-wire'

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

/** The realm named in a Keycloak URL's path, decoded when it can be. */
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

/** An AppFailure with the given code, message and extras. */
export function failure(
  code: ErrorCode,
  message: string,
  extra: Omit<AppError, 'code' | 'message'> = {}
): AppFailure {
  return new AppFailure(code, message, extra)
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

/** Turn a call that got no HTTP answer into an AppFailure naming the endpoint's host. */
export function transportFailure(
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

const KEYCLOAK_SWITCH: Record<Grant['type'], string> = {
  client_credentials:
    "turn on 'Client authentication' and 'Service accounts roles' (Settings → Capability config)",
  password: "turn on 'Direct access grants' (Settings → Capability config)",
  refresh_token: "turn on 'Use refresh tokens' (Advanced → OpenID Connect Compatibility Modes)"
}

/** Map an RFC 6749 §5.2 error (or any other non-2xx answer) to an AppFailure. */
export function answerFailure(
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
      `The identity provider at ${host} does not accept the client id or the client secret of ${client}${said}.`,
      {
        ...extra,
        hint: 'Check both: the client id (the client must exist in this realm) and the client secret (Keycloak: Clients → the client → Credentials).'
      }
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
