/**
 * Access tokens per profile: fetched from the identity provider (client credentials or password
 * grant), refreshed ahead of expiry, one fetch in flight per profile, and every secret and token
 * known to the redactor. A pasted (static) token is only read, never fetched.
 */
import { createHash } from 'node:crypto'

import type { TokenClaims, TokenStatus } from '../../shared/domain'
import { AppFailure, type AppError } from '../../shared/errors'
import { decodeTokenClaims } from '../../shared/jwt-claims'
import type { Redactor } from '../logging/redact'
import { directTransport } from '../net/direct'
import type { NetTransport } from '../net/types'
import type { Logger } from '../ports'
import {
  type Grant,
  type IdpCallOptions,
  type TokenResponse,
  NOTABLE_SKEW_MS,
  RefreshRejected,
  describeSkew,
  discoverTokenEndpoint,
  jwtExpiryMs,
  requestToken
} from './idp-client'
import { normalizeIssuer } from './issuer'

/** Where a profile's token comes from. */
export type TokenSource =
  | { kind: 'static'; token: string }
  | { kind: 'client-credentials'; issuer: string; clientId: string; clientSecret: string }
  | {
      kind: 'password'
      issuer: string
      clientId: string
      username: string
      password: string
      clientSecret?: string
    }

/** A token ready to send. */
export interface AccessToken {
  value: string
  /** Local-clock epoch ms after which the token is not used; undefined when unknown (opaque static token). */
  expiresAt?: number
  claims?: TokenClaims
  /** True when this call fetched it from the identity provider. */
  fetched: boolean
}

/** What the manager needs from its host. */
export interface TokenManagerDeps {
  redactor: Redactor
  logger: Logger
  /** Local clock, epoch ms; default Date.now. */
  now?: () => number
  /** The network route for a URL; default: directTransport(). */
  transport?: (url: string) => Promise<NetTransport>
  /** Default 15000 / 30000. */
  timeouts?: { inactivityTimeoutMs: number; deadlineMs: number }
  /** How long before expiry a token is refreshed; default 30_000. */
  earlyRefreshMs?: number
}

/** Where a token stands, without the profile id and auth mode the caller adds. */
export type TokenView = Omit<TokenStatus, 'profileId' | 'mode'>

/** A token held for a key. */
interface Held {
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

interface Inflight {
  promise: Promise<Held>
  controller: AbortController
  waiters: number
}

interface Entry {
  fingerprint: string
  /** Values this entry added to the redactor, removed again when the entry goes. */
  masked: string[]
  token?: Held
  inflight?: Inflight
  error?: AppError
}

/** Fetched tokens with neither `expires_in` nor a JWT `exp` are reused this long. */
const UNKNOWN_LIFETIME_MS = 60_000
/** A refresh token this close to its end is not tried. */
const REFRESH_TOKEN_MARGIN_MS = 5_000
/** Skews smaller than this are within the Date header's resolution and network delay. */
const SHOWN_SKEW_MS = 10_000
/** Tokens replaced for a key stay masked in logs for this many generations. */
const RETIRED_KEPT = 4

function fingerprintOf(source: TokenSource): string {
  return createHash('sha256').update(JSON.stringify(source)).digest('hex')
}

function secretsOf(source: TokenSource): string[] {
  if (source.kind === 'static') return [source.token]
  if (source.kind === 'client-credentials') return [source.clientSecret]
  return [source.password, ...(source.clientSecret ? [source.clientSecret] : [])]
}

/** The AppFailure for a source that lacks the secret it needs, or undefined. */
function missingSecret(source: TokenSource): AppFailure | undefined {
  if (source.kind === 'static' && source.token.trim() === '') {
    return new AppFailure('TOKEN_MISSING', 'No access token is set for this profile.', {
      hint: 'Paste a token in the profile settings, or choose another way to get one.'
    })
  }
  if (source.kind === 'client-credentials' && source.clientSecret === '') {
    return new AppFailure('TOKEN_MISSING', 'The client secret is not set for this profile.', {
      hint: 'Enter the client secret in the profile settings.'
    })
  }
  if (source.kind === 'password' && source.password === '') {
    return new AppFailure('TOKEN_MISSING', 'The password is not set for this profile.', {
      hint: 'Enter the password in the profile settings.'
    })
  }
  return undefined
}

function cancelled(): AppFailure {
  return new AppFailure('CANCELLED', 'Cancelled while waiting for an access token.')
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url
}

/** Caches, fetches and refreshes access tokens per key (a profile id). */
export class TokenManager {
  private readonly entries = new Map<string, Entry>()
  private readonly skews = new Map<string, number>()
  private readonly endpoints = new Map<string, string>()
  private readonly retired = new Map<string, string[]>()
  private readonly now: () => number
  private readonly transportFor: (url: string) => Promise<NetTransport>
  private readonly timeouts: { inactivityTimeoutMs: number; deadlineMs: number }
  private readonly earlyRefreshMs: number

  constructor(private readonly deps: TokenManagerDeps) {
    this.now = deps.now ?? Date.now
    this.transportFor = deps.transport ?? (() => Promise.resolve(directTransport()))
    this.timeouts = deps.timeouts ?? { inactivityTimeoutMs: 15_000, deadlineMs: 30_000 }
    this.earlyRefreshMs = deps.earlyRefreshMs ?? 30_000
  }

  /**
   * A usable token for `key` (a profile id); fetches or refreshes when needed, through
   * `transport` when given; one fetch in flight per key however many callers wait. Throws
   * AppFailure.
   */
  async get(
    key: string,
    source: TokenSource,
    options: { force?: boolean; signal?: AbortSignal; transport?: NetTransport } = {}
  ): Promise<AccessToken> {
    const missing = missingSecret(source)
    if (missing) throw missing
    if (options.signal?.aborted) throw cancelled()
    const entry = this.entryFor(key, source)
    if (source.kind === 'static') return this.staticToken(key, entry, source.token)

    const held = entry.token
    if (!options.force && held && this.fresh(held)) return this.view(held, false)
    try {
      const inflight = entry.inflight ?? this.startFetch(key, entry, source, options.transport)
      return this.view(await this.join(inflight, options.signal), true)
    } catch (error) {
      // A proactive refresh that failed leaves the current token usable until it expires.
      const current = entry.token
      const usable = current?.expiresAt !== undefined && current.expiresAt > this.now()
      const cancel = error instanceof AppFailure && error.error.code === 'CANCELLED'
      if (!options.force && !cancel && current && usable) {
        return this.view(current, false)
      }
      throw error
    }
  }

  /** The runtime rejected `value` (a 401): drop it so the next get fetches anew (no-op for static tokens except marking expired). */
  invalidate(key: string, value: string): void {
    const entry = this.entries.get(key)
    const held = entry?.token
    if (!entry || !held || held.value !== value) return
    if (held.rejected !== undefined) {
      // A static token cannot be fetched anew: it stays, marked expired.
      held.rejected = true
      return
    }
    // Keep the refresh token: the next get tries it before the full grant.
    this.retire(key, held.value)
    entry.token = {
      value: '',
      expiresAt: 0,
      receivedAt: held.receivedAt,
      ...(held.refreshToken ? { refreshToken: held.refreshToken } : {}),
      ...(held.refreshExpiresAt !== undefined ? { refreshExpiresAt: held.refreshExpiresAt } : {})
    }
  }

  /** Where the token for key stands, without any network call. source undefined → state 'none'. */
  status(key: string, source: TokenSource | undefined): TokenView {
    if (!source) return { state: 'none' }
    if (missingSecret(source)) return { state: 'missing' }
    const skew = this.skewView(key)
    const entry = this.entries.get(key)
    const current = entry?.fingerprint === fingerprintOf(source) ? entry : undefined
    if (source.kind === 'static') {
      const held = current?.token ?? this.readStatic(key, source.token)
      const expired = held.rejected === true || this.expired(held)
      return { ...this.describe(held), state: expired ? 'expired' : 'valid', ...skew }
    }
    if (!current) return { state: 'idle', ...skew }
    const held = current.token?.value ? current.token : undefined
    const info = held ? this.describe(held) : {}
    const error = current.error ? { error: current.error } : {}
    if (current.inflight) return { ...info, state: 'refreshing', ...skew }
    if (held && !this.expired(held)) return { ...info, state: 'valid', ...error, ...skew }
    if (current.error) return { ...info, state: 'error', ...error, ...skew }
    if (held) return { ...info, state: 'expired', ...skew }
    return { state: current.token ? 'expired' : 'idle', ...skew }
  }

  /** Drop everything held for key (profile edited or deleted). */
  forget(key: string): void {
    const entry = this.entries.get(key)
    if (entry) this.drop(key, entry)
    this.entries.delete(key)
    for (const value of this.retired.get(key) ?? []) this.deps.redactor.delete(value)
    this.retired.delete(key)
    this.skews.delete(key)
  }

  /** Server-minus-local clock skew last measured for key, ms. */
  skewMs(key: string): number | undefined {
    return this.skews.get(key)
  }

  private entryFor(key: string, source: TokenSource): Entry {
    const fingerprint = fingerprintOf(source)
    const existing = this.entries.get(key)
    if (existing?.fingerprint === fingerprint) return existing
    if (existing) this.drop(key, existing)
    const masked = secretsOf(source)
    for (const secret of masked) this.deps.redactor.add(secret)
    const entry: Entry = { fingerprint, masked }
    this.entries.set(key, entry)
    return entry
  }

  /** Forget an entry: its in-flight fetch still finishes, but lands nowhere. */
  private drop(key: string, entry: Entry): void {
    if (entry.token?.value) this.retire(key, entry.token.value)
    if (entry.token?.refreshToken) this.retire(key, entry.token.refreshToken)
    for (const secret of entry.masked) this.deps.redactor.delete(secret)
    entry.masked = []
    entry.token = undefined
  }

  /** Stop holding a token, keeping it masked for a few more generations. */
  private retire(key: string, value: string): void {
    const list = this.retired.get(key) ?? []
    list.push(value)
    while (list.length > RETIRED_KEPT * 2) {
      const old = list.shift()
      if (old !== undefined) this.deps.redactor.delete(old)
    }
    this.retired.set(key, list)
  }

  private readStatic(key: string, token: string): Held {
    const value = token.trim()
    const claims = decodeTokenClaims(value)
    const exp = jwtExpiryMs(value)
    const skew = this.skews.get(key) ?? 0
    return {
      value,
      receivedAt: this.now(),
      rejected: false,
      ...(claims ? { claims } : {}),
      ...(exp !== undefined ? { expiresAt: exp - skew } : {})
    }
  }

  private staticToken(key: string, entry: Entry, token: string): AccessToken {
    entry.token ??= this.readStatic(key, token)
    const held = entry.token
    if (held.rejected) {
      throw new AppFailure('UNAUTHORIZED', 'The runtime rejected the pasted token.', {
        hint: 'Paste a fresh token in the profile settings.'
      })
    }
    if (this.expired(held)) {
      const at = new Date(held.expiresAt ?? 0).toISOString()
      throw new AppFailure(
        'UNAUTHORIZED',
        `The pasted token expired at ${at} (by this computer's clock).`,
        { hint: 'Paste a fresh token in the profile settings.' }
      )
    }
    return this.view(held, false)
  }

  private expired(held: Held): boolean {
    return held.expiresAt !== undefined && this.now() >= held.expiresAt
  }

  /** Still good to send without refreshing first. */
  private fresh(held: Held): boolean {
    if (held.value === '') return false
    if (held.expiresAt === undefined) return true
    const lifetime = Math.max(0, held.expiresAt - held.receivedAt)
    const margin = Math.min(this.earlyRefreshMs, lifetime / 10)
    return this.now() < held.expiresAt - margin
  }

  private view(held: Held, fetched: boolean): AccessToken {
    return {
      value: held.value,
      fetched,
      ...(held.expiresAt !== undefined ? { expiresAt: held.expiresAt } : {}),
      ...(held.claims ? { claims: held.claims } : {})
    }
  }

  private describe(held: Held): Pick<TokenView, 'expiresAt' | 'subject' | 'roles'> {
    const subject = held.claims?.username ?? held.claims?.subject
    return {
      ...(held.expiresAt !== undefined
        ? { expiresAt: new Date(held.expiresAt).toISOString() }
        : {}),
      ...(subject !== undefined ? { subject } : {}),
      ...(held.claims ? { roles: held.claims.roles } : {})
    }
  }

  private skewView(key: string): Pick<TokenView, 'skewSec'> {
    const skew = this.skews.get(key)
    return skew !== undefined && Math.abs(skew) >= SHOWN_SKEW_MS
      ? { skewSec: Math.round(skew / 1000) }
      : {}
  }

  /** Wait for a shared fetch; one caller's cancel only ends its own wait, the last one's ends the fetch. */
  private join(inflight: Inflight, signal: AbortSignal | undefined): Promise<Held> {
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

  private startFetch(
    key: string,
    entry: Entry,
    source: Exclude<TokenSource, { kind: 'static' }>,
    transport?: NetTransport
  ): Inflight {
    const controller = new AbortController()
    const inflight: Inflight = {
      controller,
      waiters: 0,
      promise: this.fetch(key, entry, source, controller.signal, transport).then(
        (held) => {
          if (entry.inflight === inflight) entry.inflight = undefined
          return held
        },
        (error: unknown) => {
          if (entry.inflight === inflight) entry.inflight = undefined
          throw error
        }
      )
    }
    // Every waiter may have gone (cancelled): the rejection must not go unhandled.
    inflight.promise.catch(() => undefined)
    entry.inflight = inflight
    return inflight
  }

  private async fetch(
    key: string,
    entry: Entry,
    source: Exclude<TokenSource, { kind: 'static' }>,
    signal: AbortSignal,
    transport?: NetTransport
  ): Promise<Held> {
    try {
      const held = await this.fetchToken(key, entry, source, signal, transport)
      if (this.entries.get(key) === entry) {
        if (entry.token?.value && entry.token.value !== held.value)
          this.retire(key, entry.token.value)
        const oldRefresh = entry.token?.refreshToken
        if (oldRefresh && oldRefresh !== held.refreshToken) this.retire(key, oldRefresh)
        entry.token = held
        entry.error = undefined
      } else {
        this.retire(key, held.value)
        if (held.refreshToken) this.retire(key, held.refreshToken)
      }
      return held
    } catch (error) {
      const failure =
        error instanceof AppFailure
          ? error
          : new AppFailure('INTERNAL', 'Getting an access token failed unexpectedly.')
      if (this.entries.get(key) === entry && failure.error.code !== 'CANCELLED') {
        entry.error = failure.error
      }
      throw failure
    }
  }

  private async fetchToken(
    key: string,
    entry: Entry,
    source: Exclude<TokenSource, { kind: 'static' }>,
    signal: AbortSignal,
    given?: NetTransport
  ): Promise<Held> {
    const normalized = normalizeIssuer(source.issuer)
    if (!normalized.ok) throw new AppFailure('INVALID_INPUT', normalized.message)
    const issuer = normalized.issuer
    const opts: IdpCallOptions = { ...this.timeouts, signal, now: this.now }
    // The profile's own route and TLS trust when the caller has them, else the default.
    const transport = given ?? (await this.transportFor(issuer))
    const endpoint = await this.endpointFor(issuer, transport, opts)

    const held = entry.token
    const refreshUsable =
      held?.refreshToken !== undefined &&
      (held.refreshExpiresAt === undefined ||
        this.now() < held.refreshExpiresAt - REFRESH_TOKEN_MARGIN_MS)
    if (held?.refreshToken && refreshUsable) {
      const grant: Grant = {
        type: 'refresh_token',
        clientId: source.clientId,
        refreshToken: held.refreshToken,
        ...(source.clientSecret ? { clientSecret: source.clientSecret } : {})
      }
      try {
        return await this.call(key, endpoint, grant, transport, opts)
      } catch (error) {
        if (!(error instanceof RefreshRejected)) throw error
        // The session is gone: forget the refresh token and sign in again with the full grant.
        held.refreshToken = undefined
        held.refreshExpiresAt = undefined
      }
    }
    const grant: Grant =
      source.kind === 'client-credentials'
        ? {
            type: 'client_credentials',
            clientId: source.clientId,
            clientSecret: source.clientSecret
          }
        : {
            type: 'password',
            clientId: source.clientId,
            username: source.username,
            password: source.password,
            ...(source.clientSecret ? { clientSecret: source.clientSecret } : {})
          }
    return this.call(key, endpoint, grant, transport, opts)
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
    const started = this.now()
    const log = (outcome: string, level: 'info' | 'warn'): void =>
      this.deps.logger[level]('Access token request', {
        grant: grant.type,
        issuerHost: hostOf(endpoint),
        outcome,
        durationMs: Math.max(0, this.now() - started)
      })
    try {
      const response = await requestToken(endpoint, grant, transport, opts)
      // Mask the values before anything else can log them.
      this.deps.redactor.add(response.accessToken)
      if (response.refreshToken) this.deps.redactor.add(response.refreshToken)
      const held = this.toHeld(key, response, endpoint)
      log('ok', 'info')
      if (response.skewMs !== undefined && Math.abs(response.skewMs) >= NOTABLE_SKEW_MS) {
        this.deps.logger.warn('Clock skew with the identity provider', {
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

  /** Work out the local expiry; a token already expired on arrival means the clocks disagree. */
  private toHeld(key: string, response: TokenResponse, endpoint: string): Held {
    const { accessToken, receivedAt } = response
    if (response.skewMs !== undefined) this.skews.set(key, response.skewMs)
    const skew = response.skewMs ?? this.skews.get(key) ?? 0
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
        `The token from ${hostOf(endpoint)} had already expired when it arrived. ${describeSkew(apparent)}`,
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
}
