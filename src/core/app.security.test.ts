/**
 * The data directory as the whole core writes it (security.md SEC-5, SEC-6): secrets in a file of
 * their own, readable by the owner only, and every store plain JSON — no store-level
 * `encryptionKey` posing as protection; secrets are sealed by the keychain cipher alone.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { Core } from './app'
import { tokenKey } from './profiles/profile-service'
import { createTestCore } from './test-support'

const TOKEN = 'TOKEN-c41d7e02-canary-data-dir'
let dataDir: string
let core: Core

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'flowx-core-sec-'))
  core = await createTestCore(dataDir)
})
afterEach(async () => {
  await core.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function saveProfileWithToken(): Promise<string> {
  const view = await core.profiles.save({
    name: 'Staging',
    color: 'amber',
    baseUrl: 'https://admin.staging.example.com/rtm',
    platform: 'web',
    defaults: { workspaceId: 'wks-1', appId: 'app-1', buildId: '' },
    secrets: { token: { action: 'set', value: TOKEN } }
  })
  return view.id
}

describe('the data directory core writes', () => {
  it.skipIf(process.platform === 'win32')(
    'keeps secrets in secrets.json, owner-only (0600), apart from profiles and history (SEC-6)',
    async () => {
      const id = await saveProfileWithToken()
      const secrets = join(dataDir, 'secrets.json')
      expect(statSync(secrets).mode & 0o777).toBe(0o600)
      const doc = JSON.parse(readFileSync(secrets, 'utf8'))
      expect(Object.keys(doc.secrets)).toEqual([tokenKey(id)])
      // Nothing about the secret in the other stores.
      expect(readFileSync(join(dataDir, 'profiles.json'), 'utf8')).not.toContain(tokenKey(id))
    }
  )

  it('writes every store as plain JSON, the secret only as keychain ciphertext (SEC-5)', async () => {
    await saveProfileWithToken()
    const stores = readdirSync(dataDir).filter((name) => name.endsWith('.json'))
    expect(stores).toEqual(expect.arrayContaining(['profiles.json', 'secrets.json']))
    for (const name of stores) {
      const text = readFileSync(join(dataDir, name), 'utf8')
      // conf's encryptionKey would make this an opaque binary blob.
      expect(() => JSON.parse(text), name).not.toThrow()
      expect(text, name).not.toContain(TOKEN)
    }
    // The positive control: the token is there, sealed, and opens with the keychain.
    const envelope = Object.values(
      JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).secrets
    )[0] as { v: number; scheme: string; data: string }
    expect(envelope).toMatchObject({ v: 1, scheme: 'os-keychain' })
    expect(Buffer.from(envelope.data, 'base64').toString('latin1')).not.toContain(TOKEN)
  })
})
