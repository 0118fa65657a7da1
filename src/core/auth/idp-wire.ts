/**
 * What travels to and from the identity provider's token endpoint: the grant asked for, the call's
 * limits, the answer and how it is read (JSON body, headers, the `Date` header's clock skew, a JWT's
 * expiry), plus the host name and the secrets that messages and logs are built around.
 */
import type { AxiosResponse } from 'axios'

import { decodeTokenClaims } from '../../shared/jwt-claims'

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

/** The host (with port) of a URL, for messages and logs; the text itself when it is no URL. */
export function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url
}

/**
 * The secrets a token source or a grant carries (pasted token, client secret, password, refresh
 * token), to mask them in logs and keep them out of anything the server echoes. Empty values are
 * left out.
 */
export function secretsOf(holder: {
  token?: string
  clientSecret?: string
  password?: string
  refreshToken?: string
}): string[] {
  const all = [holder.token, holder.clientSecret, holder.password, holder.refreshToken]
  return all.filter((s): s is string => typeof s === 'string' && s.length > 0)
}

/** The form body of a token request. */
export function formOf(grant: Grant): string {
  const form = new URLSearchParams({ grant_type: grant.type, client_id: grant.clientId })
  if (grant.clientSecret) form.set('client_secret', grant.clientSecret)
  if (grant.type === 'password') {
    form.set('username', grant.username)
    form.set('password', grant.password)
  }
  if (grant.type === 'refresh_token') form.set('refresh_token', grant.refreshToken)
  return form.toString()
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A JSON object body, or undefined for anything else. */
export function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return isRecord(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** One response header as text (repeated headers joined), undefined when absent. */
export function header(response: AxiosResponse<unknown>, name: string): string | undefined {
  const value: unknown = (response.headers as Record<string, unknown> | undefined)?.[name]
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.join(', ')
  return undefined
}

/** A finite, non-negative number, or undefined. */
export function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined
}

/** Server minus local clock from a `Date` header, ms. Date has 1 s resolution: take its middle. */
export function skewFrom(date: string | undefined, receivedAt: number): number | undefined {
  if (!date) return undefined
  const server = Date.parse(date)
  return Number.isNaN(server) ? undefined : server + 500 - receivedAt
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
