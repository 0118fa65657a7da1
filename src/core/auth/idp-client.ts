/**
 * Calls to the identity provider's token endpoint (RFC 6749) with the settings security.md NET-1,
 * NET-2 and LOG-1 ask for. Failures become AppFailure with a message naming the endpoint's host and
 * never carrying the client secret, the password or a token (see idp-errors.ts).
 */
import axios, { type AxiosResponse, isAxiosError } from 'axios'

import { AppFailure } from '../../shared/errors'
import { rawTextExchange } from '../net/raw-exchange'
import { axiosNetOptions } from '../net/tunnel'
import type { NetTransport } from '../net/types'
import { answerFailure, failure, transportFailure } from './idp-errors'
import {
  type Grant,
  type IdpCallOptions,
  type TokenResponse,
  MAX_IDP_RESPONSE_BYTES,
  formOf,
  header,
  hostOf,
  parseJson,
  positiveNumber,
  skewFrom
} from './idp-wire'
import { defaultTokenEndpoint } from './issuer'

export { RefreshRejected } from './idp-errors'
export {
  type Grant,
  type IdpCallOptions,
  type TokenResponse,
  MAX_IDP_RESPONSE_BYTES,
  NOTABLE_SKEW_MS,
  describeSkew,
  jwtExpiryMs
} from './idp-wire'

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
      ...rawTextExchange(),
      redact: ['authorization']
    },
    aborted: (): 'user' | 'deadline' | undefined =>
      opts.signal?.aborted ? 'user' : deadline.aborted ? 'deadline' : undefined
  }
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
