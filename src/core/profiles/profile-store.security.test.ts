/**
 * The profiles file (security.md STO-1): profiles in an array under generated ids, a name with dots
 * kept as typed, and a schema that has no room for a secret — secrets live in the vault only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { ProfileInput } from '../../shared/domain'
import { tokenKey } from './profile-service'
import { ProfilesDocSchema, SANDBOX_PROFILE_ID } from './profile-store'
import { openTestProfiles } from './test-profiles'

const TOKEN = 'TOKEN-3f9e1a60-canary-profile-store'
const SECRET_KEYS = /^(token|clientSecret|client_secret|password|proxyPassword|secret)$/i

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-profiles-sto1-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const input: ProfileInput = {
  name: 'staging.eu',
  color: 'amber',
  baseUrl: 'https://admin.staging.example.com/rtm',
  platform: 'web',
  defaults: { workspaceId: 'wks-1', appId: 'app-1', buildId: '' },
  secrets: { token: { action: 'set', value: TOKEN } }
}

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf)
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)])
  }
  return []
}

describe('the profiles file (STO-1)', () => {
  it('keeps a name with dots as typed, under a generated id, across reopening', async () => {
    const { profiles } = await openTestProfiles(dir)
    const saved = await profiles.save(input)
    expect(saved.id).not.toBe('staging.eu')

    const again = await openTestProfiles(dir)
    const reread = again.profiles.list().find((p) => p.id === saved.id)
    expect(reread?.name).toBe('staging.eu')

    const raw = JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8'))
    expect(Array.isArray(raw.profiles)).toBe(true)
    const stored = raw.profiles.find((p: { id: string }) => p.id === saved.id)
    expect(stored).toMatchObject({ id: saved.id, name: 'staging.eu' })
    // Not nested by the dot, not keyed by the name.
    expect(raw).not.toHaveProperty('staging')
    expect(keysOf(raw)).not.toContain('staging.eu')
  })

  it('holds no secret field and no secret value on disk; the vault has the token', async () => {
    const { profiles, vault } = await openTestProfiles(dir)
    const saved = await profiles.save(input)
    const text = readFileSync(join(dir, 'profiles.json'), 'utf8')
    expect(text).not.toContain(TOKEN)
    expect(keysOf(JSON.parse(text)).filter((key) => SECRET_KEYS.test(key))).toEqual([])
    // The positive control: the token was stored, only elsewhere.
    expect(await vault.get(tokenKey(saved.id))).toBe(TOKEN)
  })

  it('the schema refuses a profile carrying a secret field, naming it', async () => {
    const { profiles } = await openTestProfiles(dir)
    await profiles.save(input)
    const doc = JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8'))
    expect(ProfilesDocSchema.safeParse(doc).success).toBe(true)

    for (const field of ['token', 'clientSecret', 'password']) {
      const withSecret = {
        ...doc,
        profiles: doc.profiles.map((p: object, i: number) => (i === 0 ? { ...p, [field]: 'x' } : p))
      }
      const parsed = ProfilesDocSchema.safeParse(withSecret)
      expect(parsed.success).toBe(false)
      expect(JSON.stringify(parsed.error?.issues)).toContain(field)
    }
  })

  it('an invalid profile shape is refused with a specific message, and nothing is saved', async () => {
    const { profiles } = await openTestProfiles(dir)
    const before = profiles.list().filter((p) => p.id !== SANDBOX_PROFILE_ID)
    await expect(
      profiles.save({ ...input, baseUrl: 'ftp://files.example.com' })
    ).rejects.toMatchObject({
      error: { code: 'INVALID_INPUT', message: 'Use an https:// URL (ftp:// is not supported).' }
    })
    expect(profiles.list().filter((p) => p.id !== SANDBOX_PROFILE_ID)).toEqual(before)
  })
})
