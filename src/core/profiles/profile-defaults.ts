/**
 * The values profiles and settings start from, and the settings file's upgrade step: plain data
 * with no schema, so code that needs only these (the CLI's `start --base-url`, the profile
 * service) does not build the zod schemas of profile-store.ts, which re-exports them.
 */
import { DEFAULT_APP_SETTINGS } from '../../shared/settings-defaults'
import type { StoreMigration } from '../stores/store-file'

export { DEFAULT_APP_SETTINGS }

/** Settings a profile gets when nothing else is said: verified TLS, the system proxy. */
export const DEFAULT_TLS = { customCa: '', allowUntrusted: false } as const
export const DEFAULT_PROXY = { mode: 'system' } as const

/** Id of the built-in Local sandbox profile. */
export const SANDBOX_PROFILE_ID = 'local-sandbox'

/** The issuer of the Local sandbox's identity provider, next to its runtime base. */
export function sandboxIssuer(baseUrl: string): string {
  return `${new URL(baseUrl).origin}/realms/flowx`
}

/** Version 1 → 2: the settings screen's values arrive, at their defaults. */
export const migrateSettingsV1toV2: StoreMigration = (doc) => ({
  ...doc,
  app: structuredClone(DEFAULT_APP_SETTINGS)
})

export const SETTINGS_MIGRATIONS: readonly StoreMigration[] = [migrateSettingsV1toV2]
