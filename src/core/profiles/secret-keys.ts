/**
 * Where a profile's secrets are kept in the vault and what they are called in messages. Apart from
 * the profile service (which re-exports them) so that resolving a connection loads no schema.
 */
import type { SecretName } from '../../shared/domain'

/** Vault key of one of a profile's secrets. The token's key is the one version 1 used. */
export function secretKey(profileId: string, name: SecretName): string {
  return `profile:${profileId}:${name}`
}

/** Secret key under which a profile's pasted bearer token is kept. */
export function tokenKey(profileId: string): string {
  return secretKey(profileId, 'token')
}

/** Human names of the secrets, for messages and the export's "secrets required" list. */
export const SECRET_LABELS: Record<SecretName, string> = {
  token: 'bearer token',
  clientSecret: 'client secret',
  password: 'password',
  proxyPassword: 'proxy password'
}
