/**
 * Profiles to and from a file, for handing an environment setup to a colleague. The file carries
 * settings only: each secret is a `"set": true` placeholder and a "secrets required" line, never a
 * value (security.md LOG-2).
 */
import { z } from 'zod'

import {
  PROFILE_COLORS,
  SECRET_NAMES,
  type ProfileView,
  type SecretName
} from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import {
  ProfileAuthSchema,
  ProfileDefaultsSchema,
  ProfileProxySchema,
  ProfileTlsSchema,
  VariablesSchema
} from '../../shared/schemas'
import { secretsUsed } from '../../shared/secrets-used'
import { SECRET_LABELS, type ProfileService } from './profile-service'

const FORMAT = 'flowx-launcher-profiles'

const Placeholder = z.strictObject({ set: z.literal(true) })

const ExportedProfile = z.strictObject({
  name: z.string().trim().min(1).max(60),
  color: z.enum(PROFILE_COLORS),
  baseUrl: z.string().max(2048),
  platform: z.string().max(32),
  defaults: ProfileDefaultsSchema,
  protected: z.boolean(),
  auth: ProfileAuthSchema,
  tls: ProfileTlsSchema,
  proxy: ProfileProxySchema,
  /** Files exported before profiles had variables carry none. */
  variables: VariablesSchema.default({}),
  secrets: z.partialRecord(z.enum(SECRET_NAMES), Placeholder)
})
type ExportedProfile = z.output<typeof ExportedProfile>

export const ProfileFileSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  profiles: z.array(ExportedProfile).max(500),
  secretsRequired: z.array(z.string())
})
export type ProfileFile = z.output<typeof ProfileFileSchema>

/** "Staging: client secret" for every secret the profile's settings use. */
function requiredSecrets(profile: Pick<ProfileView, 'name' | 'auth' | 'proxy'>): string[] {
  return [...secretsUsed(profile.auth, profile.proxy)]
    .filter((name) => !(profile.auth.mode === 'password' && name === 'clientSecret'))
    .map((name) => `${profile.name}: ${SECRET_LABELS[name]}`)
}

/** The file for these profiles (all but the built-in sandbox when `ids` is empty). */
export function exportProfiles(
  profiles: ProfileService,
  ids: string[] = [],
  now = new Date()
): ProfileFile {
  const wanted = new Set(ids)
  const chosen = profiles
    .list()
    .filter((p) => (wanted.size > 0 ? wanted.has(p.id) : !p.localSandbox))
  if (wanted.size > 0 && chosen.length !== wanted.size) {
    throw new AppFailure('PROFILE_NOT_FOUND', 'One of the profiles to export no longer exists.')
  }
  const exported: ExportedProfile[] = chosen.map((p) => {
    const secrets: Partial<Record<SecretName, { set: true }>> = {}
    for (const name of SECRET_NAMES) if (p.secrets[name].set) secrets[name] = { set: true }
    return {
      name: p.name,
      color: p.color,
      baseUrl: p.baseUrl,
      platform: p.platform,
      defaults: p.defaults,
      protected: p.protected,
      auth: p.localSandbox ? { mode: 'bearer' } : p.auth,
      tls: p.tls,
      proxy: p.proxy,
      variables: p.variables,
      secrets
    }
  })
  return {
    format: FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    profiles: exported,
    secretsRequired: chosen.filter((p) => !p.localSandbox).flatMap(requiredSecrets)
  }
}

/** Parse an exported file, with a specific message for what is wrong. */
export function parseProfileFile(text: string): ProfileFile {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new AppFailure('INVALID_INPUT', 'That file is not JSON, so it is not a profile export.')
  }
  if (
    typeof data !== 'object' ||
    data === null ||
    (data as { format?: unknown }).format !== FORMAT
  ) {
    throw new AppFailure('INVALID_INPUT', 'That file is not a FlowX Launcher profile export.')
  }
  const parsed = ProfileFileSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
    throw new AppFailure(
      'INVALID_INPUT',
      `The profile export cannot be read${where}: ${issue?.message ?? 'unexpected content'}.`
    )
  }
  return parsed.data
}

/** Add every profile of the file; names that clash get " (imported)". No secret is set. */
export async function importProfiles(
  profiles: ProfileService,
  file: ProfileFile
): Promise<{ imported: ProfileView[]; secretsRequired: string[] }> {
  const taken = new Set(profiles.list().map((p) => p.name.toLowerCase()))
  const imported: ProfileView[] = []
  for (const entry of file.profiles) {
    let name = entry.name
    for (let n = 1; taken.has(name.toLowerCase()); n++) {
      const suffix = n === 1 ? ' (imported)' : ` (imported ${n})`
      name = `${entry.name.slice(0, 60 - suffix.length)}${suffix}`
    }
    taken.add(name.toLowerCase())
    const { secrets: _placeholders, ...settings } = entry
    imported.push(await profiles.save({ ...settings, name }))
  }
  return { imported, secretsRequired: imported.flatMap(requiredSecrets) }
}
