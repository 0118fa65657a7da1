import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { ProfileInput } from '../../shared/domain'
import type { SecretVault } from '../secrets/secret-vault'
import { type ProfileService, tokenKey } from './profile-service'
import { SANDBOX_PROFILE_ID } from './profile-store'
import { openTestProfiles } from './test-profiles'

const TOKEN = 'staging-token-value-0123456789'
let dir: string
let vault: SecretVault
let service: ProfileService

const input = (over: Partial<ProfileInput> = {}): ProfileInput => ({
  name: 'Staging',
  color: 'amber',
  baseUrl: 'https://admin.staging.example.com/rtm/',
  platform: 'web',
  defaults: { workspaceId: 'wks-1', appId: 'app-1', buildId: '' },
  ...over
})

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-profiles-'))
  ;({ vault, profiles: service } = await openTestProfiles(dir))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('ProfileService', () => {
  it('creates a profile with a normalised base URL and a write-only token', async () => {
    const view = await service.save(input({ secrets: { token: { action: 'set', value: TOKEN } } }))
    expect(view.baseUrl).toBe('https://admin.staging.example.com/rtm')
    expect(view.secrets.token).toEqual({ set: true, storage: 'encrypted' })
    expect(JSON.stringify(service.list())).not.toContain(TOKEN)
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).not.toContain(TOKEN)
    expect(await vault.get(tokenKey(view.id))).toBe(TOKEN)
    expect(service.activeId()).toBe(view.id)
  })

  it('rejects plain http to a remote host with a specific message', async () => {
    await expect(
      service.save(input({ baseUrl: 'http://admin.example.com/rtm' }))
    ).rejects.toMatchObject({
      error: { code: 'INVALID_INPUT' }
    })
    expect(service.list()).toHaveLength(0)
  })

  it('keeps names unique, ignoring case', async () => {
    await service.save(input())
    await expect(service.save(input({ name: 'STAGING' }))).rejects.toThrow(/already exists/)
  })

  it('edits keep the token unless told otherwise, and clear removes it', async () => {
    const created = await service.save(
      input({ secrets: { token: { action: 'set', value: TOKEN } } })
    )
    const edited = await service.save(
      input({ id: created.id, name: 'Staging EU', secrets: { token: { action: 'keep' } } })
    )
    expect(edited.name).toBe('Staging EU')
    expect(edited.secrets.token.set).toBe(true)
    const cleared = await service.save(
      input({ id: created.id, secrets: { token: { action: 'clear' } } })
    )
    expect(cleared.secrets.token).toEqual({ set: false, storage: 'none' })
  })

  it('duplicates a profile with its token under a fresh name', async () => {
    const created = await service.save(
      input({ secrets: { token: { action: 'set', value: TOKEN } } })
    )
    const copy = await service.duplicate(created.id)
    const copy2 = await service.duplicate(created.id)
    expect(copy.name).toBe('Staging copy')
    expect(copy2.name).toBe('Staging copy 2')
    expect(copy.id).not.toBe(created.id)
    expect(await vault.get(tokenKey(copy.id))).toBe(TOKEN)
  })

  it('removes a profile with its token and moves the active profile on', async () => {
    const a = await service.save(input({ secrets: { token: { action: 'set', value: TOKEN } } }))
    const b = await service.save(input({ name: 'Dev' }))
    await service.remove(a.id)
    expect(service.list().map((p) => p.id)).toEqual([b.id])
    expect(service.activeId()).toBe(b.id)
    expect(await vault.get(tokenKey(a.id))).toBeUndefined()
    expect(() => service.get(a.id)).toThrow(/no longer exists/)
  })

  it('undoes a delete: the profile, its token and its place as the active one come back once', async () => {
    const a = await service.save(input({ secrets: { token: { action: 'set', value: TOKEN } } }))
    await service.save(input({ name: 'Dev' }))
    service.setActive(a.id)
    await service.remove(a.id)
    const back = await service.restore(a.id)
    expect(back.name).toBe('Staging')
    expect(service.activeId()).toBe(a.id)
    expect(await vault.get(tokenKey(a.id))).toBe(TOKEN)
    await expect(service.restore(a.id)).rejects.toThrow(/too long ago/)
  })

  it('seeds the Local sandbox profile once, first and active, and never deletes it', async () => {
    const ids = { workspaceId: 'w', appId: 'a', buildId: 'b' }
    service.ensureSandboxProfile(ids, 'http://127.0.0.1:47210/rtm')
    service.ensureSandboxProfile(ids, 'http://127.0.0.1:47210/rtm')
    const [sandbox] = service.list()
    expect(service.list()).toHaveLength(1)
    expect(sandbox).toMatchObject({
      id: SANDBOX_PROFILE_ID,
      localSandbox: true,
      name: 'Local sandbox'
    })
    expect(service.activeId()).toBe(SANDBOX_PROFILE_ID)
    await expect(service.remove(SANDBOX_PROFILE_ID)).rejects.toThrow(/built in/)
    service.setSandboxBaseUrl('http://127.0.0.1:5555/rtm')
    expect(service.get(SANDBOX_PROFILE_ID).baseUrl).toBe('http://127.0.0.1:5555/rtm')
  })

  it('refuses to protect the Local sandbox, with a reason', async () => {
    service.ensureSandboxProfile(
      { workspaceId: '', appId: '', buildId: '' },
      'http://127.0.0.1:1/rtm'
    )
    const sandbox = service.get(SANDBOX_PROFILE_ID)
    await expect(
      service.save({
        ...input({ name: sandbox.name, color: 'teal' }),
        id: sandbox.id,
        protected: true
      })
    ).rejects.toMatchObject({
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/cannot be protected/) }
    })
    expect(service.get(SANDBOX_PROFILE_ID).protected).toBe(false)
  })

  it('defaults protected to false and keeps it when an edit leaves it out', async () => {
    expect((await service.save(input())).protected).toBe(false)
    const prod = await service.save(input({ name: 'Production', protected: true }))
    expect(prod.protected).toBe(true)
    expect((await service.save(input({ id: prod.id, name: 'Production' }))).protected).toBe(true)
    expect((await service.duplicate(prod.id)).protected).toBe(true)
  })

  it('never opens on a protected profile: startup falls back to the first unprotected one', async () => {
    service.ensureSandboxProfile(
      { workspaceId: '', appId: '', buildId: '' },
      'http://127.0.0.1:1/rtm'
    )
    const prod = await service.save(input({ name: 'Production', protected: true }))
    service.setActive(prod.id)
    expect(service.activeId()).toBe(prod.id)
    expect(service.startupId()).toBe(SANDBOX_PROFILE_ID)
    const staging = await service.save(input())
    service.setActive(staging.id)
    expect(service.startupId()).toBe(staging.id)
  })
})

describe('stored profiles from before the protected flag', () => {
  it('still load, as unprotected', async () => {
    const legacy = {
      version: 1,
      activeProfileId: 'old1',
      profiles: [
        {
          id: 'old1',
          name: 'Old staging',
          color: 'amber',
          baseUrl: 'https://admin.staging.example.com/rtm',
          platform: 'web',
          defaults: { workspaceId: '', appId: '', buildId: '' },
          localSandbox: false,
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z'
        }
      ]
    }
    const legacyDir = mkdtempSync(join(tmpdir(), 'flowx-legacy-'))
    writeFileSync(join(legacyDir, 'profiles.json'), JSON.stringify(legacy))
    const { profiles: loaded } = await openTestProfiles(legacyDir)
    // Loaded as is: not reset (a reset keeps a .corrupt copy aside and starts empty).
    expect(readdirSync(legacyDir).filter((f) => f.includes('corrupt'))).toEqual([])
    expect(loaded.list()).toMatchObject([{ id: 'old1', protected: false }])
    expect(loaded.startupId()).toBe('old1')
    rmSync(legacyDir, { recursive: true, force: true })
  })
})

describe('ProfileService auth, TLS and proxy settings', () => {
  it('normalises the issuer and refuses one that names no realm', async () => {
    const saved = await service.save(
      input({
        auth: {
          mode: 'password',
          issuer: 'https://kc.example.com/auth/realms/flowx/protocol/openid-connect/token',
          clientId: 'flowx-platform-authenticate',
          username: 'ana'
        }
      })
    )
    expect(saved.auth).toMatchObject({ issuer: 'https://kc.example.com/auth/realms/flowx' })
    await expect(
      service.save(
        input({
          name: 'Other',
          auth: { mode: 'client-credentials', issuer: 'https://kc.example.com/', clientId: 'c' }
        })
      )
    ).rejects.toMatchObject({
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/realm/) }
    })
  })

  it('keeps what a pasted token says about itself, never the token', async () => {
    const claims = {
      sub: 'u-1',
      preferred_username: 'ana',
      exp: 2_000_000_000,
      roles: ['FLOWX_ROLE']
    }
    const jwt = `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`
    const saved = await service.save(input({ secrets: { token: { action: 'set', value: jwt } } }))
    expect(saved.pastedToken).toMatchObject({
      subject: 'u-1',
      username: 'ana',
      roles: ['FLOWX_ROLE']
    })
    expect(saved.pastedToken?.expiresAt).toBe(new Date(2_000_000_000_000).toISOString())
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).not.toContain(jwt)
    const edited = await service.save(input({ id: saved.id, name: 'Renamed' }))
    expect(edited.pastedToken?.subject).toBe('u-1')
  })

  it('clears the secrets a new auth mode no longer uses', async () => {
    const saved = await service.save(input({ secrets: { token: { action: 'set', value: TOKEN } } }))
    const switched = await service.save(
      input({
        id: saved.id,
        auth: {
          mode: 'client-credentials',
          issuer: 'https://kc.example.com/realms/flowx',
          clientId: 'sa'
        },
        secrets: { clientSecret: { action: 'set', value: 'client-secret-value' } }
      })
    )
    expect(switched.secrets.token).toEqual({ set: false, storage: 'none' })
    expect(switched.secrets.clientSecret).toEqual({ set: true, storage: 'encrypted' })
    expect(switched.pastedToken).toBeUndefined()
    expect(await vault.get(tokenKey(saved.id))).toBeUndefined()
  })

  it('refuses a CA that is not a certificate and a proxy URL with credentials', async () => {
    await expect(
      service.save(input({ tls: { customCa: 'not a pem', allowUntrusted: false } }))
    ).rejects.toMatchObject({ error: { code: 'INVALID_INPUT' } })
    await expect(
      service.save(input({ proxy: { mode: 'manual', url: 'http://u:p@proxy:3128', username: '' } }))
    ).rejects.toMatchObject({ error: { code: 'INVALID_INPUT' } })
    expect(service.list()).toHaveLength(0)
  })

  it('gives the Local sandbox client credentials against its own identity provider', () => {
    service.ensureSandboxProfile(
      { workspaceId: '', appId: '', buildId: '' },
      'http://127.0.0.1:47210/rtm'
    )
    const sandbox = service.get(SANDBOX_PROFILE_ID)
    expect(sandbox.auth).toEqual({
      mode: 'client-credentials',
      issuer: 'http://127.0.0.1:47210/realms/flowx',
      clientId: 'flowx-launcher-sandbox'
    })
    service.setSandboxBaseUrl('http://127.0.0.1:5000/rtm')
    expect(service.get(SANDBOX_PROFILE_ID).auth).toMatchObject({
      issuer: 'http://127.0.0.1:5000/realms/flowx'
    })
  })
})
