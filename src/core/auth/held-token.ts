/**
 * The tokens the manager holds and how they read: when a held token expires or is due for refresh,
 * the view handed to callers and shown in the token status, and turning a pasted token or a token
 * response into a held token with its expiry on the local clock.
 */
import type { TokenClaims, TokenStatus } from '../../shared/domain'
import { AppFailure, type AppError } from '../../shared/errors'
import { decodeTokenClaims } from '../../shared/jwt-claims'
import { type TokenResponse, NOTABLE_SKEW_MS, describeSkew, jwtExpiryMs } from './idp-wire'

/** A token ready to send. */
export interface AccessToken {
  value: string
  /** Local-clock epoch ms after which the token is not used; undefined when unknown (opaque static token). */
  expiresAt?: number
  claims?: TokenClaims
  /** True when this call fetched it from the identity provider. */
  fetched: boolean
}

/** Where a token stands, without the profile id and auth mode the caller adds. */
export type TokenView = Omit<TokenStatus, 'profileId' | 'mode'>

/** A token held for a key. */
export interface Held {
  value: string
  expiresAt?: number
  claims?: TokenClaims
  /** Local-clock epoch ms when it arrived (or was first seen, for a static token). */
  receivedAt: number
  refreshToken?: string
  refreshExpiresAt?: number
  /** Static only: the runtime rejected it. */
  rejected?: boolean
}

/** A fetch shared by every caller waiting for the same key. */
export interface Inflight {
  promise: Promise<Held>
  controller: AbortController
  waiters: number
}

/** Everything held for one key. */
export interface Entry {
  fingerprint: string
  /** Values this entry added to the redactor, removed again when the entry goes. */
  masked: string[]
  token?: Held
  inflight?: Inflight
  error?: AppError
}

/** Fetched tokens with neither `expires_in` nor a JWT `exp` are reused this long. */
const UNKNOWN_LIFETIME_MS = 60_000
/** Skews smaller than this are within the Date header's resolution and network delay. */
const SHOWN_SKEW_MS = 10_000

/** A pasted token as held, its JWT expiry moved onto the local clock by the known skew. */
export function readStatic(token: string, now: number, skew: number): Held {
  const value = token.trim()
  const claims = decodeTokenClaims(value)
  const exp = jwtExpiryMs(value)
  return {
    value,
    receivedAt: now,
    rejected: false,
    ...(claims ? { claims } : {}),
    ...(exp !== undefined ? { expiresAt: exp - skew } : {})
  }
}

/** Past its expiry by the local clock (a token without a known expiry never is). */
export function isExpired(held: Held, now: number): boolean {
  return held.expiresAt !== undefined && now >= held.expiresAt
}

/** Still good to send without refreshing first. */
export function isFresh(held: Held, now: number, earlyRefreshMs: number): boolean {
  if (held.value === '') return false
  if (held.expiresAt === undefined) return true
  const lifetime = Math.max(0, held.expiresAt - held.receivedAt)
  const margin = Math.min(earlyRefreshMs, lifetime / 10)
  return now < held.expiresAt - margin
}

/** The token as handed to a caller. */
export function accessOf(held: Held, fetched: boolean): AccessToken {
  return {
    value: held.value,
    fetched,
    ...(held.expiresAt !== undefined ? { expiresAt: held.expiresAt } : {}),
    ...(held.claims ? { claims: held.claims } : {})
  }
}

/** The expiry, subject and roles shown in the token status. */
export function describeHeld(held: Held): Pick<TokenView, 'expiresAt' | 'subject' | 'roles'> {
  const subject = held.claims?.username ?? held.claims?.subject
  return {
    ...(held.expiresAt !== undefined ? { expiresAt: new Date(held.expiresAt).toISOString() } : {}),
    ...(subject !== undefined ? { subject } : {}),
    ...(held.claims ? { roles: held.claims.roles } : {})
  }
}

/** The skew shown in the token status, when it is large enough to matter. */
export function skewView(skew: number | undefined): Pick<TokenView, 'skewSec'> {
  return skew !== undefined && Math.abs(skew) >= SHOWN_SKEW_MS
    ? { skewSec: Math.round(skew / 1000) }
    : {}
}

/**
 * A token response as held, with its local expiry given the server-minus-local `skew`; a token
 * already expired on arrival means the clocks disagree. `host` names the identity provider.
 */
export function heldFrom(response: TokenResponse, skew: number, host: string): Held {
  const { accessToken, receivedAt } = response
  const claims = decodeTokenClaims(accessToken)
  const jwtExp = jwtExpiryMs(accessToken)
  const candidates = [
    response.expiresInSec !== undefined ? receivedAt + response.expiresInSec * 1000 : undefined,
    jwtExp !== undefined ? jwtExp - skew : undefined
  ].filter((v): v is number => v !== undefined)
  const expiresAt =
    candidates.length > 0 ? Math.min(...candidates) : receivedAt + UNKNOWN_LIFETIME_MS
  if (expiresAt <= receivedAt) {
    // The token's own times say how far apart the clocks are when the Date header does not.
    const issuedAt = claims?.issuedAt ? Date.parse(claims.issuedAt) : undefined
    const fromToken =
      issuedAt !== undefined
        ? issuedAt - receivedAt
        : jwtExp !== undefined
          ? jwtExp - (response.expiresInSec ?? 0) * 1000 - receivedAt
          : skew
    const apparent = Math.abs(skew) >= NOTABLE_SKEW_MS ? skew : fromToken
    throw new AppFailure(
      'AUTH_CLOCK_SKEW',
      `The token from ${host} had already expired when it arrived. ${describeSkew(apparent)}`,
      {
        hint: "Let this computer set its clock automatically (network time), or ask the identity provider's administrators to check its clock."
      }
    )
  }
  let refreshExpiresAt: number | undefined
  if (response.refreshToken) {
    const limits = [
      response.refreshExpiresInSec ? receivedAt + response.refreshExpiresInSec * 1000 : undefined,
      ((exp) => (exp !== undefined ? exp - skew : undefined))(jwtExpiryMs(response.refreshToken))
    ].filter((v): v is number => v !== undefined)
    refreshExpiresAt = limits.length > 0 ? Math.min(...limits) : undefined
  }
  return {
    value: accessToken,
    expiresAt,
    receivedAt,
    ...(claims ? { claims } : {}),
    ...(response.refreshToken ? { refreshToken: response.refreshToken } : {}),
    ...(refreshExpiresAt !== undefined ? { refreshExpiresAt } : {})
  }
}
