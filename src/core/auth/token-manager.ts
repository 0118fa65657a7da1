/**
 * Access tokens per profile: fetched from the identity provider (client credentials or password
 * grant), refreshed ahead of expiry, one fetch in flight per profile, and every secret and token
 * known to the redactor. A pasted (static) token is only read, never fetched.
 */
import { AppFailure } from '../../shared/errors'
import type { Redactor } from '../logging/redact'
import { directTransport } from '../net/direct'
import type { NetTransport } from '../net/types'
import type { Logger } from '../ports'
import {
  type AccessToken,
  type Entry,
  type Held,
  type Inflight,
  type TokenView,
  accessOf,
  isExpired,
  isFresh,
  readStatic
} from './held-token'
import { secretsOf } from './idp-wire'
import { TokenFetcher, cancelled, joinFetch } from './token-fetch'
import { type FetchedSource, type TokenSource, fingerprintOf, missingSecret } from './token-source'
import { type Rejection, tokenView } from './token-status'

export type { AccessToken, TokenView } from './held-token'
export type { TokenSource } from './token-source'

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

/** Tokens replaced for a key stay masked in logs for this many generations. */
const RETIRED_KEPT = 4

/** Caches, fetches and refreshes access tokens per key (a profile id). */
export class TokenManager {
  private readonly entries = new Map<string, Entry>()
  private readonly skews = new Map<string, number>()
  private readonly retired = new Map<string, string[]>()
  /** FlowX answered 401 to the token held for a key: its message, until a fresh token arrives. */
  private readonly rejections = new Map<string, Rejection>()
  private readonly now: () => number
  private readonly earlyRefreshMs: number
  private readonly fetcher: TokenFetcher

  constructor(private readonly deps: TokenManagerDeps) {
    this.now = deps.now ?? Date.now
    this.earlyRefreshMs = deps.earlyRefreshMs ?? 30_000
    this.fetcher = new TokenFetcher({
      redactor: deps.redactor,
      logger: deps.logger,
      now: this.now,
      transportFor: deps.transport ?? (() => Promise.resolve(directTransport())),
      timeouts: deps.timeouts ?? { inactivityTimeoutMs: 15_000, deadlineMs: 30_000 },
      skews: this.skews
    })
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
    if (!options.force && held && isFresh(held, this.now(), this.earlyRefreshMs)) {
      return accessOf(held, false)
    }
    try {
      const inflight = entry.inflight ?? this.startFetch(key, entry, source, options.transport)
      return accessOf(await joinFetch(inflight, options.signal), true)
    } catch (error) {
      // A proactive refresh that failed leaves the current token usable until it expires.
      const current = entry.token
      const usable = current?.expiresAt !== undefined && current.expiresAt > this.now()
      const cancel = error instanceof AppFailure && error.error.code === 'CANCELLED'
      if (!options.force && !cancel && current && usable) {
        return accessOf(current, false)
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

  /**
   * FlowX (a start or build info) answered 401 to the token held for `key`: the status reads
   * 'rejected' with FlowX's message until a fresh token is fetched, or the profile changes.
   */
  markRejected(key: string, message: string): void {
    const fingerprint = this.entries.get(key)?.fingerprint
    this.rejections.set(key, { message, ...(fingerprint ? { fingerprint } : {}) })
  }

  /** FlowX accepted the token held for `key` after all (it answered a call): not rejected any more. */
  markAccepted(key: string): void {
    this.rejections.delete(key)
  }

  /** Where the token for key stands, without any network call. source undefined → state 'none'. */
  status(key: string, source: TokenSource | undefined): TokenView {
    return tokenView(source, {
      entry: this.entries.get(key),
      skewMs: this.skews.get(key),
      rejection: this.rejections.get(key),
      now: this.now
    })
  }

  /** Drop everything held for key (profile edited or deleted). */
  forget(key: string): void {
    const entry = this.entries.get(key)
    if (entry) this.drop(key, entry)
    this.entries.delete(key)
    for (const value of this.retired.get(key) ?? []) this.deps.redactor.delete(value)
    this.retired.delete(key)
    this.skews.delete(key)
    this.rejections.delete(key)
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

  private staticToken(key: string, entry: Entry, token: string): AccessToken {
    entry.token ??= readStatic(token, this.now(), this.skews.get(key) ?? 0)
    const held = entry.token
    if (held.rejected) {
      throw new AppFailure('UNAUTHORIZED', 'The runtime rejected the pasted token.', {
        hint: 'Paste a fresh token in the profile settings.'
      })
    }
    if (isExpired(held, this.now())) {
      const at = new Date(held.expiresAt ?? 0).toISOString()
      throw new AppFailure(
        'UNAUTHORIZED',
        `The pasted token expired at ${at} (by this computer's clock).`,
        { hint: 'Paste a fresh token in the profile settings.' }
      )
    }
    return accessOf(held, false)
  }

  private startFetch(
    key: string,
    entry: Entry,
    source: FetchedSource,
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
    source: FetchedSource,
    signal: AbortSignal,
    transport?: NetTransport
  ): Promise<Held> {
    try {
      const held = await this.fetcher.fetchToken(key, entry, source, signal, transport)
      if (this.entries.get(key) === entry) {
        if (entry.token?.value && entry.token.value !== held.value)
          this.retire(key, entry.token.value)
        const oldRefresh = entry.token?.refreshToken
        if (oldRefresh && oldRefresh !== held.refreshToken) this.retire(key, oldRefresh)
        entry.token = held
        entry.error = undefined
        this.rejections.delete(key)
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
}
