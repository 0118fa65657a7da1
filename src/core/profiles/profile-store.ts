/** The persisted shape of environment profiles and launch drafts (no secrets in either). */
import { z } from 'zod'

import { SANDBOX_IDS } from '../../sandbox/fixture'
import { PROFILE_COLORS } from '../../shared/domain'
import {
  AppSettingsSchema,
  LaunchDraftSchema,
  ProfileAuthSchema,
  ProfileDefaultsSchema,
  ProfileProxySchema,
  ProfileTlsSchema
} from '../../shared/schemas'
import type { StoreMigration } from '../stores/open-store'
import { DEFAULT_APP_SETTINGS, DEFAULT_PROXY, DEFAULT_TLS, sandboxIssuer } from './profile-defaults'

export {
  DEFAULT_APP_SETTINGS,
  DEFAULT_PROXY,
  DEFAULT_TLS,
  migrateSettingsV1toV2,
  SANDBOX_PROFILE_ID,
  sandboxIssuer,
  SETTINGS_MIGRATIONS
} from './profile-defaults'

const TokenClaimsSchema = z.strictObject({
  subject: z.string().optional(),
  username: z.string().optional(),
  issuer: z.string().optional(),
  clientId: z.string().optional(),
  roles: z.array(z.string()),
  expiresAt: z.string().optional(),
  issuedAt: z.string().optional()
})

export const StoredProfileSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  color: z.enum(PROFILE_COLORS),
  baseUrl: z.string(),
  platform: z.string(),
  defaults: ProfileDefaultsSchema,
  localSandbox: z.boolean(),
  // Profiles saved before the flag existed load as unprotected.
  protected: z.boolean().default(false),
  auth: ProfileAuthSchema,
  tls: ProfileTlsSchema,
  proxy: ProfileProxySchema,
  /** Claims of the pasted token (subject, roles, expiry): not secret, shown in the editor. */
  pastedToken: TokenClaimsSchema.optional(),
  /** `{{name}}` values for this environment; profiles saved before variables existed load with none. */
  variables: z.record(z.string(), z.string()).default({}),
  /** FlowX Designer base URL (or template) for "Open in Designer"; profiles saved before load as ''. */
  designerUrl: z.string().default(''),
  createdAt: z.string(),
  updatedAt: z.string()
})
export type StoredProfile = z.output<typeof StoredProfileSchema>

export const ProfilesDocSchema = z.strictObject({
  version: z.literal(2),
  activeProfileId: z.string().optional(),
  profiles: z.array(StoredProfileSchema)
})
export type ProfilesDoc = z.output<typeof ProfilesDocSchema>
export const EMPTY_PROFILES: ProfilesDoc = { version: 2, profiles: [] }

/**
 * Version 1 → 2: profiles gain auth, TLS and proxy settings. A v1 profile sent a pasted token
 * (kept under the same secret key), so it becomes 'bearer'; the Local sandbox moves to client
 * credentials against its own identity provider.
 */
export const migrateProfilesV1toV2: StoreMigration = (doc) => {
  if (!Array.isArray(doc.profiles)) throw new Error('profiles is not a list')
  const profiles = doc.profiles.map((raw: unknown, at: number) => {
    if (typeof raw !== 'object' || raw === null)
      throw new Error(`profile ${at + 1} is not an object`)
    const profile = raw as Record<string, unknown>
    const sandbox = profile.localSandbox === true
    if (sandbox && typeof profile.baseUrl !== 'string') {
      throw new Error(`profile ${at + 1} has no base URL`)
    }
    return {
      ...profile,
      auth: sandbox
        ? {
            mode: 'client-credentials',
            issuer: sandboxIssuer(profile.baseUrl as string),
            clientId: SANDBOX_IDS.clientId
          }
        : { mode: 'bearer' },
      tls: { ...DEFAULT_TLS },
      proxy: { ...DEFAULT_PROXY }
    }
  })
  return { ...doc, profiles }
}

export const PROFILE_MIGRATIONS: readonly StoreMigration[] = [migrateProfilesV1toV2]

export const SettingsDocSchema = z.strictObject({
  version: z.literal(2),
  drafts: z.record(z.string(), LaunchDraftSchema),
  /** The user chose to keep secrets on disk although the keychain is weak (security.md SEC-2). */
  weakSecretStorage: z.boolean().default(false),
  /** The settings screen (AppSettings); a field missing from the file reads as its default. */
  app: AppSettingsSchema.default(DEFAULT_APP_SETTINGS)
})
export type SettingsDoc = z.output<typeof SettingsDocSchema>
export const EMPTY_SETTINGS: SettingsDoc = {
  version: 2,
  drafts: {},
  weakSecretStorage: false,
  app: DEFAULT_APP_SETTINGS
}
