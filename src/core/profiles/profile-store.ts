/** The persisted shape of environment profiles and launch drafts (no secrets in either). */
import { z } from 'zod'

import { PROFILE_COLORS } from '../../shared/domain'
import { LaunchDraftSchema, ProfileDefaultsSchema } from '../../shared/schemas'

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
  createdAt: z.string(),
  updatedAt: z.string()
})
export type StoredProfile = z.output<typeof StoredProfileSchema>

export const ProfilesDocSchema = z.strictObject({
  version: z.literal(1),
  activeProfileId: z.string().optional(),
  profiles: z.array(StoredProfileSchema)
})
export type ProfilesDoc = z.output<typeof ProfilesDocSchema>
export const EMPTY_PROFILES: ProfilesDoc = { version: 1, profiles: [] }

export const SettingsDocSchema = z.strictObject({
  version: z.literal(1),
  drafts: z.record(z.string(), LaunchDraftSchema)
})
export type SettingsDoc = z.output<typeof SettingsDocSchema>
export const EMPTY_SETTINGS: SettingsDoc = { version: 1, drafts: {} }

/** Id of the built-in Local sandbox profile. */
export const SANDBOX_PROFILE_ID = 'local-sandbox'
