/** HS256 JSON Web Tokens signed with the sandbox's own random key (node:crypto only). */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'

/** The claims the sandbox puts into access and refresh tokens (Keycloak-like). */
export interface JwtClaims {
  iss: string
  sub: string
  azp: string
  /** 'Bearer' for access tokens, 'Refresh' for refresh tokens, as Keycloak marks them. */
  typ: 'Bearer' | 'Refresh'
  iat: number
  exp: number
  jti: string
  roles: string[]
  realm_access: { roles: string[] }
  groups?: string[]
  preferred_username?: string
  scope?: string
  sid?: string
}

export type VerifyResult =
  { ok: true; claims: JwtClaims } | { ok: false; reason: 'malformed' | 'signature' }

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'flowx-sandbox' }))

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url')
}

function sign(input: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(input).digest()
}

/** Sign a claim set into a compact JWT. */
export function signJwt(claims: JwtClaims, key: Buffer): string {
  const input = `${HEADER}.${base64url(JSON.stringify(claims))}`
  return `${input}.${sign(input, key).toString('base64url')}`
}

/** What to put in a new token; times are epoch seconds of the sandbox clock. */
export interface MintOptions {
  issuer: string
  sub: string
  clientId: string
  roles: string[]
  groups?: string[]
  username?: string
  nowSec: number
  lifetimeSec: number
  typ?: JwtClaims['typ']
  sid?: string
}

/** Build and sign a token. */
export function mintJwt(options: MintOptions, key: Buffer): string {
  const claims: JwtClaims = {
    iss: options.issuer,
    sub: options.sub,
    azp: options.clientId,
    typ: options.typ ?? 'Bearer',
    iat: options.nowSec,
    exp: options.nowSec + options.lifetimeSec,
    jti: randomUUID(),
    roles: [...options.roles],
    realm_access: { roles: [...options.roles] },
    scope: 'profile email',
    ...(options.groups ? { groups: [...options.groups] } : {}),
    ...(options.username ? { preferred_username: options.username } : {}),
    ...(options.sid ? { sid: options.sid } : {})
  }
  return signJwt(claims, key)
}

/** Check the signature and shape of a token; expiry and issuer are the caller's rules. */
export function verifyJwt(token: string, key: Buffer): VerifyResult {
  const parts = token.split('.')
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) {
    return { ok: false, reason: 'malformed' }
  }
  const [head, body, signature] = parts as [string, string, string]
  const header = parseJson(head)
  // Only HS256: a token claiming alg "none" (or anything else) must not slip through.
  if (!isRecord(header) || header.alg !== 'HS256') return { ok: false, reason: 'malformed' }
  const claims = parseJson(body)
  if (!isClaims(claims)) return { ok: false, reason: 'malformed' }
  const expected = sign(`${head}.${body}`, key)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'signature' }
  }
  return { ok: true, claims }
}

/** Read a token's claims without verifying it (tests and error messages). */
export function decodeJwt(token: string): JwtClaims | undefined {
  const claims = parseJson(token.split('.')[1] ?? '')
  return isClaims(claims) ? claims : undefined
}

function parseJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string')
}

function isClaims(value: unknown): value is JwtClaims {
  return (
    isRecord(value) &&
    typeof value.iss === 'string' &&
    typeof value.sub === 'string' &&
    typeof value.azp === 'string' &&
    (value.typ === 'Bearer' || value.typ === 'Refresh') &&
    typeof value.iat === 'number' &&
    typeof value.exp === 'number' &&
    isStringArray(value.roles) &&
    isRecord(value.realm_access) &&
    isStringArray(value.realm_access.roles) &&
    (value.groups === undefined || isStringArray(value.groups))
  )
}
