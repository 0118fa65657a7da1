/** Real profile and secret stores in a temp directory, for tests of code built on them. */
import { Redactor } from '../logging/redact'
import { MemoryKeyCipher } from '../secrets/memory-key-cipher'
import { EMPTY_SECRETS, SecretsDocSchema, SecretVault } from '../secrets/secret-vault'
import { confBackend } from '../stores/conf-backend'
import { openStore } from '../stores/open-store'
import { ProfileService } from './profile-service'
import { EMPTY_PROFILES, PROFILE_MIGRATIONS, ProfilesDocSchema } from './profile-store'

/** Open a vault (keyed by an in-memory AES key) and a profile service over files in `dir`. */
export async function openTestProfiles(
  dir: string
): Promise<{ vault: SecretVault; profiles: ProfileService }> {
  const vault = new SecretVault(
    openStore({
      backend: confBackend,
      cwd: dir,
      name: 'secrets',
      schema: SecretsDocSchema,
      defaults: EMPTY_SECRETS
    }),
    new MemoryKeyCipher(),
    new Redactor()
  )
  await vault.init()
  const profilesStore = openStore({
    backend: confBackend,
    cwd: dir,
    name: 'profiles',
    schema: ProfilesDocSchema,
    defaults: EMPTY_PROFILES,
    migrations: PROFILE_MIGRATIONS
  })
  return { vault, profiles: new ProfileService(profilesStore, vault) }
}
