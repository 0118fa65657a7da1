/**
 * A profile's secrets in the vault, all of them at once: what the renderer may know of them (set or
 * not, and where they are kept), the write-only actions of a save, and the copy, read-out and
 * put-back that duplicate, delete and undo need. Values pass only between the vault and main's
 * memory, never to the renderer (security.md IPC-4, SEC-1…6).
 */
import {
  SECRET_NAMES,
  type ProfileInput,
  type ProfileView,
  type SecretName
} from '../../shared/domain'
import { decodeTokenClaims } from '../../shared/jwt-claims'
import { secretsUsed } from '../../shared/secrets-used'
import type { SecretVault } from '../secrets/secret-vault'
import type { StoredProfile } from './profile-store'
import { secretKey } from './secret-keys'

/** Values of a profile's secrets, by name; those not set are absent. */
export type SecretValues = Partial<Record<SecretName, string>>

export class ProfileSecrets {
  constructor(private readonly vault: SecretVault) {}

  /** Each secret only as set / not set and where it is kept. */
  states(profileId: string): ProfileView['secrets'] {
    return Object.fromEntries(
      SECRET_NAMES.map((name) => [name, this.vault.state(secretKey(profileId, name))])
    ) as ProfileView['secrets']
  }

  /**
   * Apply write-only secret actions and clear the secrets the settings no longer use. Returns the
   * claims of a newly pasted token, undefined when the token was cleared or is not a JWT, and
   * 'kept' when the token was left as it was.
   */
  async apply(
    profile: StoredProfile,
    actions: NonNullable<ProfileInput['secrets']>
  ): Promise<ProfileView['pastedToken'] | 'kept'> {
    const used = profile.localSandbox
      ? new Set<SecretName>()
      : secretsUsed(profile.auth, profile.proxy)
    let claims: ProfileView['pastedToken'] | 'kept' = 'kept'
    for (const name of SECRET_NAMES) {
      const key = secretKey(profile.id, name)
      const action = actions[name]
      if (!used.has(name) || action?.action === 'clear') {
        await this.vault.clear(key)
        if (name === 'token') claims = undefined
      } else if (action?.action === 'set') {
        await this.vault.set(key, action.value)
        if (name === 'token') claims = decodeTokenClaims(action.value)
      }
    }
    return claims
  }

  /** Copy every secret of one profile to another. */
  async copy(fromId: string, toId: string): Promise<void> {
    for (const name of SECRET_NAMES) {
      await this.vault.copy(secretKey(fromId, name), secretKey(toId, name))
    }
  }

  /** The values of a profile's secrets that can be read (one that cannot is left out). */
  async read(profileId: string): Promise<SecretValues> {
    const secrets: SecretValues = {}
    for (const name of SECRET_NAMES) {
      const value = await this.vault.get(secretKey(profileId, name)).catch(() => undefined)
      if (value !== undefined) secrets[name] = value
    }
    return secrets
  }

  /** Remove every secret of a profile. */
  async clear(profileId: string): Promise<void> {
    for (const name of SECRET_NAMES) await this.vault.clear(secretKey(profileId, name))
  }

  /** Put back values taken with `read`. */
  async restore(profileId: string, secrets: SecretValues): Promise<void> {
    for (const [name, value] of Object.entries(secrets))
      await this.vault.set(secretKey(profileId, name as SecretName), value)
  }
}
