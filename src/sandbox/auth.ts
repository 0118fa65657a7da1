/** Bearer checks on runtime routes, answering as Spring's resource server does (RFC 6750). */
import { verifyJwt, type JwtClaims } from './jwt'
import type { Principal } from './resolve'
import type { SandboxState } from './state'

export type AuthResult =
  { ok: true; who: Principal; claims: JwtClaims } | { ok: false; challenge: string }

const DECODE_ERROR = 'An error occurred while attempting to decode the Jwt: '

/** `exp` as Java's Instant.toString prints it (no milliseconds when they are zero). */
export function expiryIso(expSec: number): string {
  return new Date(expSec * 1000).toISOString().replace('.000Z', 'Z')
}

function invalid(description: string): AuthResult {
  return {
    ok: false,
    challenge: `Bearer error="invalid_token", error_description="${description}"`
  }
}

/** Verify an access token: signature, type, issuer and expiry against the sandbox clock. */
export function verifyAccessToken(state: SandboxState, token: string): AuthResult {
  const verified = verifyJwt(token, state.key)
  if (!verified.ok) {
    return invalid(
      verified.reason === 'malformed'
        ? `${DECODE_ERROR}Malformed token`
        : `${DECODE_ERROR}Signed JWT rejected: Invalid signature`
    )
  }
  const { claims } = verified
  if (claims.typ !== 'Bearer') return invalid(`${DECODE_ERROR}Invalid token type`)
  if (!state.isTrustedIssuer(claims.iss)) return invalid('The iss claim is not valid')
  if (state.now() >= claims.exp * 1000) return invalid(`Jwt expired at ${expiryIso(claims.exp)}`)
  const roles = [...new Set([...claims.roles, ...claims.realm_access.roles])]
  return { ok: true, claims, who: { sub: claims.sub, roles, groups: claims.groups ?? [] } }
}

/** Check an Authorization header; a missing or non-Bearer one gets the bare challenge. */
export function authenticate(state: SandboxState, header: string | undefined): AuthResult {
  // Spring's DefaultBearerTokenResolver: the scheme is case-insensitive, the token is b64token.
  if (!header || !/^bearer\b/i.test(header)) return { ok: false, challenge: 'Bearer' }
  const match = /^bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header)
  if (!match) return invalid('Bearer token is malformed')
  return verifyAccessToken(state, match[1] as string)
}
