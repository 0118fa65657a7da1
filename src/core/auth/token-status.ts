/**
 * Where the token for a profile stands, read from what the token manager holds, without any network
 * call: none, missing (a secret is not set), idle, refreshing, valid, expired, error, or rejected
 * while FlowX's last 401 to that token stands.
 */
import {
  describeHeld,
  isExpired,
  readStatic,
  skewView,
  type Entry,
  type TokenView
} from './held-token'
import { fingerprintOf, missingSecret, type TokenSource } from './token-source'

/** A 401 from FlowX for the token held under a key (and the settings it was fetched with). */
export interface Rejection {
  message: string
  fingerprint?: string
}

/** What the manager holds for one key, and its clock. */
export interface HeldState {
  entry: Entry | undefined
  /** Server-minus-local clock skew last measured, ms. */
  skewMs: number | undefined
  rejection: Rejection | undefined
  now: () => number
}

/** The token's status for `source` (undefined → state 'none'). */
export function tokenView(source: TokenSource | undefined, held: HeldState): TokenView {
  const view = plainView(source, held)
  const { rejection } = held
  if (!source || !rejection || view.state === 'refreshing' || view.state === 'missing') return view
  if (rejection.fingerprint !== undefined && rejection.fingerprint !== fingerprintOf(source)) {
    return view
  }
  return {
    ...view,
    state: 'rejected',
    error: {
      code: 'UNAUTHORIZED',
      message: rejection.message,
      hint: 'FlowX does not accept this token (issuer, audience or role): check the sign-in settings, then get a fresh token.'
    }
  }
}

function plainView(source: TokenSource | undefined, state: HeldState): TokenView {
  const { entry, skewMs, now } = state
  if (!source) return { state: 'none' }
  if (missingSecret(source)) return { state: 'missing' }
  const skew = skewView(skewMs)
  const current = entry?.fingerprint === fingerprintOf(source) ? entry : undefined
  if (source.kind === 'static') {
    const held = current?.token ?? readStatic(source.token, now(), skewMs ?? 0)
    const expired = held.rejected === true || isExpired(held, now())
    return { ...describeHeld(held), state: expired ? 'expired' : 'valid', ...skew }
  }
  if (!current) return { state: 'idle', ...skew }
  const held = current.token?.value ? current.token : undefined
  const info = held ? describeHeld(held) : {}
  const error = current.error ? { error: current.error } : {}
  if (current.inflight) return { ...info, state: 'refreshing', ...skew }
  if (held && !isExpired(held, now())) return { ...info, state: 'valid', ...error, ...skew }
  if (current.error) return { ...info, state: 'error', ...error, ...skew }
  if (held) return { ...info, state: 'expired', ...skew }
  return { state: current.token ? 'expired' : 'idle', ...skew }
}
