import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { AppNotice } from '../../shared/domain'
import { confBackend } from '../stores/conf-backend'
import { openStore } from '../stores/open-store'
import {
  EMPTY_PROFILES,
  migrateProfilesV1toV2,
  PROFILE_MIGRATIONS,
  ProfilesDocSchema
} from './profile-store'

const V1 = resolve(__dirname, 'fixtures/profiles-v1.json')

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-profiles-v-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function open(notices: AppNotice[] = []) {
  return openStore({
    backend: confBackend,
    cwd: dir,
    name: 'profiles',
    schema: ProfilesDocSchema,
    defaults: EMPTY_PROFILES,
    migrations: PROFILE_MIGRATIONS,
    notify: (n) => notices.push(n),
    now: () => new Date('2026-11-23T10:00:00.000Z')
  })
}

describe('profiles file, version 1 → 2', () => {
  it('upgrades the released v1 file to exactly the expected v2 document', () => {
    copyFileSync(V1, join(dir, 'profiles.json'))
    const notices: AppNotice[] = []
    const doc = open(notices).read()
    expect(notices).toEqual([])
    expect(doc.version).toBe(2)
    expect(doc.activeProfileId).toBe('a1b2c3d4e5f60718')
    const [sandbox, staging] = doc.profiles
    expect(sandbox).toMatchObject({
      id: 'local-sandbox',
      auth: {
        mode: 'client-credentials',
        issuer: 'http://127.0.0.1:47210/realms/flowx',
        clientId: 'flowx-launcher-sandbox'
      },
      tls: { customCa: '', allowUntrusted: false },
      proxy: { mode: 'system' }
    })
    // v1 sent the pasted token (same secret key in v2); the missing protected flag reads false.
    expect(staging).toEqual({
      id: 'a1b2c3d4e5f60718',
      name: 'Staging',
      color: 'amber',
      baseUrl: 'https://admin.staging.example.com/rtm',
      platform: 'web',
      defaults: { workspaceId: '', appId: 'app-1', buildId: '' },
      localSandbox: false,
      protected: false,
      auth: { mode: 'bearer' },
      tls: { customCa: '', allowUntrusted: false },
      proxy: { mode: 'system' },
      variables: {},
      designerUrl: '',
      createdAt: '2026-11-20T09:05:00.000Z',
      updatedAt: '2026-11-21T12:00:00.000Z'
    })
  })

  it('keeps the original bytes as profiles.pre-v2.json and writes v2 to disk', () => {
    copyFileSync(V1, join(dir, 'profiles.json'))
    open()
    expect(readFileSync(join(dir, 'profiles.pre-v2.json')).equals(readFileSync(V1))).toBe(true)
    expect(JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')).version).toBe(2)
    // Opening again changes nothing: a v2 file is not migrated twice.
    const again = readFileSync(join(dir, 'profiles.json'))
    open()
    expect(readFileSync(join(dir, 'profiles.json')).equals(again)).toBe(true)
  })

  it('reports a v1 file it cannot upgrade, keeps its bytes, and starts clean', () => {
    const broken = JSON.parse(readFileSync(V1, 'utf8')) as { profiles: unknown[] }
    broken.profiles[1] = 'not a profile'
    const bytes = Buffer.from(JSON.stringify(broken))
    writeFileSync(join(dir, 'profiles.json'), bytes)
    const notices: AppNotice[] = []
    const store = open(notices)
    expect(store.read()).toEqual(EMPTY_PROFILES)
    expect(notices.map((n) => n.id)).toEqual(['store-migration-profiles', 'store-reset-profiles'])
    expect(notices[0]?.message).toContain('profile 2 is not an object')
    expect(readFileSync(join(dir, 'profiles.pre-v2.json')).equals(bytes)).toBe(true)
    const corrupt = readdirSync(dir).find((f) => f.startsWith('profiles.corrupt-'))
    expect(readFileSync(join(dir, corrupt as string)).equals(bytes)).toBe(true)
  })

  it('refuses a file from a newer version without touching it', () => {
    const newer = Buffer.from(JSON.stringify({ version: 9, profiles: [] }))
    writeFileSync(join(dir, 'profiles.json'), newer)
    const notices: AppNotice[] = []
    const store = open(notices)
    expect(notices[0]?.message).toMatch(/newer FlowX Launcher \(file version 9/)
    expect(store.readOnly).toMatch(/file version 9/)
    expect(() => store.write(EMPTY_PROFILES)).toThrow(/Nothing was changed/)
    expect(readdirSync(dir)).toEqual(['profiles.json'])
    expect(readFileSync(join(dir, 'profiles.json')).equals(newer)).toBe(true)
  })

  it('is a pure function: the input document is not modified', () => {
    const doc = JSON.parse(readFileSync(V1, 'utf8')) as Record<string, unknown>
    const before = JSON.stringify(doc)
    migrateProfilesV1toV2(doc)
    expect(JSON.stringify(doc)).toBe(before)
  })
})
