/**
 * Where a profile's token comes from (a pasted token, client credentials or a user's password) and
 * what follows from it: the fingerprint that tells a changed source from the same one, the secret
 * it lacks, and the grants the token endpoint is asked for.
 */
import { createHash } from 'node:crypto'

import { AppFailure } from '../../shared/errors'
import type { Grant } from './idp-wire'

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

/** A source the identity provider is asked for tokens with. */
export type FetchedSource = Exclude<TokenSource, { kind: 'static' }>

/** A hash of everything in the source: a different fingerprint means the profile changed. */
export function fingerprintOf(source: TokenSource): string {
  return createHash('sha256').update(JSON.stringify(source)).digest('hex')
}

/** The AppFailure for a source that lacks the secret it needs, or undefined. */
export function missingSecret(source: TokenSource): AppFailure | undefined {
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

/** The full grant for a source: client credentials, or the user's name and password. */
export function grantOf(source: FetchedSource): Grant {
  return source.kind === 'client-credentials'
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
}

/** The grant that trades a refresh token for a new access token, as the source's client. */
export function refreshGrantOf(source: FetchedSource, refreshToken: string): Grant {
  return {
    type: 'refresh_token',
    clientId: source.clientId,
    refreshToken,
    ...(source.clientSecret ? { clientSecret: source.clientSecret } : {})
  }
}
