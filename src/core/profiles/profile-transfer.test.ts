import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { ProfileInput } from '../../shared/domain'
import type { SecretVault } from '../secrets/secret-vault'
import { secretKey, type ProfileService } from './profile-service'
import { exportProfiles, importProfiles, parseProfileFile } from './profile-transfer'
import { openTestProfiles } from './test-profiles'

const SECRET = 'client-secret-3f9a1c7e5b'
const PROXY_PASSWORD = 'proxy-password-8d2e6a'
let dir: string
let service: ProfileService
let vault: SecretVault

const staging: ProfileInput = {
  name: 'Staging',
  color: 'amber',
  baseUrl: 'https://admin.staging.example.com/rtm',
  platform: 'web',
  defaults: { workspaceId: 'w', appId: 'a', buildId: '' },
  protected: true,
  auth: {
    mode: 'client-credentials',
    issuer: 'https://kc.example.com/auth/realms/flowx',
    clientId: 'launcher-sa'
  },
  proxy: { mode: 'manual', url: 'http://proxy.corp:3128', username: 'ana' },
  secrets: {
    clientSecret: { action: 'set', value: SECRET },
    proxyPassword: { action: 'set', value: PROXY_PASSWORD }
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-transfer-'))
  ;({ profiles: service, vault } = await openTestProfiles(dir))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('profile export', () => {
  it('writes settings and "set": true placeholders, never a secret value', async () => {
    await service.save(staging)
    const file = exportProfiles(service, [], new Date('2026-11-23T10:00:00Z'))
    const text = JSON.stringify(file)
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(PROXY_PASSWORD)
    expect(file.profiles).toHaveLength(1)
    expect(file.profiles[0]).toMatchObject({
      name: 'Staging',
      protected: true,
      auth: { mode: 'client-credentials', clientId: 'launcher-sa' },
      proxy: { mode: 'manual', url: 'http://proxy.corp:3128', username: 'ana' },
      secrets: { clientSecret: { set: true }, proxyPassword: { set: true } }
    })
    expect(file.secretsRequired).toEqual(['Staging: client secret', 'Staging: proxy password'])
  })

  it('leaves the built-in sandbox out unless asked for, and refuses unknown ids', async () => {
    service.ensureSandboxProfile(
      { workspaceId: '', appId: '', buildId: '' },
      'http://127.0.0.1:1/rtm'
    )
    expect(exportProfiles(service).profiles).toEqual([])
    expect(() => exportProfiles(service, ['nope'])).toThrow(/no longer exists/)
  })
})

describe('profile import', () => {
  it('round-trips the settings, renames clashes, and sets no secret', async () => {
    const original = await service.save(staging)
    const file = parseProfileFile(JSON.stringify(exportProfiles(service)))
    const { imported, secretsRequired } = await importProfiles(service, file)
    expect(imported).toHaveLength(1)
    const copy = imported[0]!
    expect(copy.name).toBe('Staging (imported)')
    expect(copy.id).not.toBe(original.id)
    expect(copy).toMatchObject({ auth: staging.auth, proxy: staging.proxy, protected: true })
    expect(copy.secrets.clientSecret).toEqual({ set: false, storage: 'none' })
    expect(await vault.get(secretKey(copy.id, 'clientSecret'))).toBeUndefined()
    expect(secretsRequired).toEqual([
      'Staging (imported): client secret',
      'Staging (imported): proxy password'
    ])
  })

  it.each([
    ['not JSON', '{"format":', /not JSON/],
    ['another JSON file', '{"name":"package"}', /not a FlowX Launcher profile export/],
    [
      'a broken profile',
      JSON.stringify({
        format: 'flowx-launcher-profiles',
        version: 1,
        exportedAt: 'x',
        secretsRequired: [],
        profiles: [{ name: 'X', color: 'nope' }]
      }),
      /cannot be read at profiles\.0\./
    ]
  ])('refuses %s with a specific message', (_name, text, message) => {
    expect(() => parseProfileFile(text)).toThrow(message)
  })
})
