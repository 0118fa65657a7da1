/**
 * Fetching one token from the identity provider for a profile: the token endpoint (discovered once
 * per issuer), the refresh token tried before the full grant, and every request logged with its
 * grant, host, outcome and duration, its tokens known to the redactor before anything can log them.
 * Also the wait on a fetch shared by several callers, each free to cancel its own wait.
 */
import { AppFailure } from '../../shared/errors'
import type { Redactor } from '../logging/redact'
import type { NetTransport } from '../net/types'
import type { Logger } from '../ports'
import { type Entry, type Held, type Inflight, heldFrom } from './held-token'
import { RefreshRejected, discoverTokenEndpoint, requestToken } from './idp-client'
import { type Grant, type IdpCallOptions, NOTABLE_SKEW_MS, hostOf } from './idp-wire'
import { normalizeIssuer } from './issuer'
import { type FetchedSource, grantOf, refreshGrantOf } from './token-source'

/** A refresh token this close to its end is not tried. */
const REFRESH_TOKEN_MARGIN_MS = 5_000

/** The failure a caller gets when its wait is cancelled. */
export function cancelled(): AppFailure {
  return new AppFailure('CANCELLED', 'Cancelled while waiting for an access token.')
}

/** Wait for a shared fetch; one caller's cancel only ends its own wait, the last one's ends the fetch. */
export function joinFetch(inflight: Inflight, signal: AbortSignal | undefined): Promise<Held> {
  inflight.waiters += 1
  if (!signal) return inflight.promise
  return new Promise<Held>((resolve, reject) => {
    const onAbort = (): void => {
      inflight.waiters -= 1
      if (inflight.waiters === 0) inflight.controller.abort()
      reject(cancelled())
    }
    signal.addEventListener('abort', onAbort, { once: true })
    inflight.promise.then(
      (held) => {
        signal.removeEventListener('abort', onAbort)
        resolve(held)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      }
    )
  })
}

/** What the fetcher needs from the manager. */
export interface TokenFetcherDeps {
  redactor: Redactor
  logger: Logger
  /** Local clock, epoch ms. */
  now: () => number
  /** The network route for a URL. */
  transportFor: (url: string) => Promise<NetTransport>
  timeouts: { inactivityTimeoutMs: number; deadlineMs: number }
  /** Server-minus-local clock skew per key, ms: read for expiries, updated from each answer. */
  skews: Map<string, number>
}

/** Gets tokens from the identity provider; holds nothing but the token endpoint per issuer. */
export class TokenFetcher {
  private readonly endpoints = new Map<string, string>()

  constructor(private readonly deps: TokenFetcherDeps) {}

  /**
   * A new token for `key`: with the refresh token `entry` holds while it lasts, else (or when the
   * session is gone) with the full grant; through `given` when set, else the default route.
   */
  async fetchToken(
    key: string,
    entry: Entry,
    source: FetchedSource,
    signal: AbortSignal,
    given?: NetTransport
  ): Promise<Held> {
    const normalized = normalizeIssuer(source.issuer)
    if (!normalized.ok) throw new AppFailure('INVALID_INPUT', normalized.message)
    const issuer = normalized.issuer
    const opts: IdpCallOptions = { ...this.deps.timeouts, signal, now: this.deps.now }
    // The profile's own route and TLS trust when the caller has them, else the default.
    const transport = given ?? (await this.deps.transportFor(issuer))
    const endpoint = await this.endpointFor(issuer, transport, opts)

    const held = entry.token
    const refreshUsable =
      held?.refreshToken !== undefined &&
      (held.refreshExpiresAt === undefined ||
        this.deps.now() < held.refreshExpiresAt - REFRESH_TOKEN_MARGIN_MS)
    if (held?.refreshToken && refreshUsable) {
      const grant = refreshGrantOf(source, held.refreshToken)
      try {
        return await this.call(key, endpoint, grant, transport, opts)
      } catch (error) {
        if (!(error instanceof RefreshRejected)) throw error
        // The session is gone: forget the refresh token and sign in again with the full grant.
        held.refreshToken = undefined
        held.refreshExpiresAt = undefined
      }
    }
    return this.call(key, endpoint, grantOf(source), transport, opts)
  }

  private async endpointFor(
    issuer: string,
    transport: NetTransport,
    opts: IdpCallOptions
  ): Promise<string> {
    const cached = this.endpoints.get(issuer)
    if (cached) return cached
    const found = await discoverTokenEndpoint(issuer, transport, opts)
    // A discovery that got no answer is tried again next time; the token call reports the cause.
    if (found.answered) this.endpoints.set(issuer, found.endpoint)
    return found.endpoint
  }

  /** One token request, logged with its grant, host, outcome and duration. */
  private async call(
    key: string,
    endpoint: string,
    grant: Grant,
    transport: NetTransport,
    opts: IdpCallOptions
  ): Promise<Held> {
    const { redactor, logger, now, skews } = this.deps
    const started = now()
    const log = (outcome: string, level: 'info' | 'warn'): void =>
      logger[level]('Access token request', {
        grant: grant.type,
        issuerHost: hostOf(endpoint),
        outcome,
        durationMs: Math.max(0, now() - started)
      })
    try {
      const response = await requestToken(endpoint, grant, transport, opts)
      // Mask the values before anything else can log them.
      redactor.add(response.accessToken)
      if (response.refreshToken) redactor.add(response.refreshToken)
      if (response.skewMs !== undefined) skews.set(key, response.skewMs)
      const held = heldFrom(response, skews.get(key) ?? 0, hostOf(endpoint))
      log('ok', 'info')
      if (response.skewMs !== undefined && Math.abs(response.skewMs) >= NOTABLE_SKEW_MS) {
        logger.warn('Clock skew with the identity provider', {
          issuerHost: hostOf(endpoint),
          skewSec: Math.round(response.skewMs / 1000)
        })
      }
      return held
    } catch (error) {
      log(error instanceof AppFailure ? error.error.code : 'INTERNAL', 'warn')
      throw error
    }
  }
}
