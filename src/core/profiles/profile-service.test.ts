import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
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
    const view = await service.save(input({ token: { action: 'set', value: TOKEN } }))
    expect(view.baseUrl).toBe('https://admin.staging.example.com/rtm')
    expect(view.token).toEqual({ set: true, storage: 'encrypted' })
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
    const created = await service.save(input({ token: { action: 'set', value: TOKEN } }))
    const edited = await service.save(
      input({ id: created.id, name: 'Staging EU', token: { action: 'keep' } })
    )
    expect(edited.name).toBe('Staging EU')
    expect(edited.token.set).toBe(true)
    const cleared = await service.save(input({ id: created.id, token: { action: 'clear' } }))
    expect(cleared.token).toEqual({ set: false, storage: 'none' })
  })

  it('duplicates a profile with its token under a fresh name', async () => {
    const created = await service.save(input({ token: { action: 'set', value: TOKEN } }))
    const copy = await service.duplicate(created.id)
    const copy2 = await service.duplicate(created.id)
    expect(copy.name).toBe('Staging copy')
    expect(copy2.name).toBe('Staging copy 2')
    expect(copy.id).not.toBe(created.id)
    expect(await vault.get(tokenKey(copy.id))).toBe(TOKEN)
  })

  it('removes a profile with its token and moves the active profile on', async () => {
    const a = await service.save(input({ token: { action: 'set', value: TOKEN } }))
    const b = await service.save(input({ name: 'Dev' }))
    await service.remove(a.id)
    expect(service.list().map((p) => p.id)).toEqual([b.id])
    expect(service.activeId()).toBe(b.id)
    expect(await vault.get(tokenKey(a.id))).toBeUndefined()
    expect(() => service.get(a.id)).toThrow(/no longer exists/)
  })

  it('seeds the Local sandbox profile once, first and active, and never deletes it', async () => {
    const ids = { workspaceId: 'w', appId: 'a', buildId: 'b' }
    service.ensureSandboxProfile(ids, 'http://127.0.0.1:47210/rtm')
    service.ensureSandboxProfile(ids, 'http://127.0.0.1:47210/rtm')
    const [sandbox] = service.list()
    expect(service.list()).toHaveLength(1)
    expect(sandbox).toMatchObject({ id: SANDBOX_PROFILE_ID, sandbox: true, name: 'Local sandbox' })
    expect(service.activeId()).toBe(SANDBOX_PROFILE_ID)
    await expect(service.remove(SANDBOX_PROFILE_ID)).rejects.toThrow(/built in/)
    service.setSandboxBaseUrl('http://127.0.0.1:5555/rtm')
    expect(service.get(SANDBOX_PROFILE_ID).baseUrl).toBe('http://127.0.0.1:5555/rtm')
  })
})
