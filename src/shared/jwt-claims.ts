/**
 * Reading a JWT's claims without verifying it: enough to show who a pasted token belongs to and
 * when it expires. Runs in main and in the renderer (no Buffer), and never returns the token.
 */
import type { TokenClaims } from './domain'

function base64UrlToText(part: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined
  const padded =
    part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (part.length % 4)) % 4)
  try {
    const binary = atob(padded)
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

function isoFromSeconds(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined
  const date = new Date(value * 1000)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

/** Roles from Keycloak's places: `roles`, `realm_access.roles`, `resource_access.*.roles`. */
function rolesOf(claims: Record<string, unknown>): string[] {
  const found = [...strings(claims.roles)]
  if (isRecord(claims.realm_access)) found.push(...strings(claims.realm_access.roles))
  if (isRecord(claims.resource_access)) {
    for (const access of Object.values(claims.resource_access)) {
      if (isRecord(access)) found.push(...strings(access.roles))
    }
  }
  return [...new Set(found)].slice(0, 100)
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length <= 512 ? value : undefined

/** The claims of a JWT-shaped token, or undefined when it is not one (opaque tokens exist too). */
export function decodeTokenClaims(token: string): TokenClaims | undefined {
  const parts = token.trim().split('.')
  if (parts.length !== 3) return undefined
  const json = base64UrlToText(parts[1] ?? '')
  if (json === undefined) return undefined
  let claims: unknown
  try {
    claims = JSON.parse(json)
  } catch {
    return undefined
  }
  if (!isRecord(claims)) return undefined
  const expiresAt = isoFromSeconds(claims.exp)
  const issuedAt = isoFromSeconds(claims.iat)
  const subject = text(claims.sub)
  const username = text(claims.preferred_username)
  const issuer = text(claims.iss)
  const clientId = text(claims.azp)
  return {
    roles: rolesOf(claims),
    ...(subject !== undefined ? { subject } : {}),
    ...(username !== undefined ? { username } : {}),
    ...(issuer !== undefined ? { issuer } : {}),
    ...(clientId !== undefined ? { clientId } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    ...(issuedAt !== undefined ? { issuedAt } : {})
  }
}
