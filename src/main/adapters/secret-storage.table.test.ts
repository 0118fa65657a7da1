/**
 * security.md SEC-2, end to end over the real adapter, vault and store file: for each keychain
 * situation, where a secret ends up. The raw file is read every time; the canary is never in it.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it, vi } from 'vitest'

import { Redactor } from '../../core/logging/redact'
import { EMPTY_SECRETS, SecretsDocSchema, SecretVault } from '../../core/secrets/secret-vault'
import { confBackend } from '../../core/stores/conf-backend'
import { openStore } from '../../core/stores/open-store'
import { createSafeStorageCipher, type AsyncSafeStorage } from './safe-storage-cipher'

vi.mock('electron', () => import('../test-support/fake-electron'))

type Backend = ReturnType<AsyncSafeStorage['getSelectedStorageBackend']>

/** A safeStorage stand-in that really encrypts (AES-256-GCM under a per-test key). */
function realishSafeStorage(available: boolean, backend: Backend): AsyncSafeStorage {
  const key = randomBytes(32)
  return {
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: async (plain: string) => {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decryptStringAsync: async (blob: Buffer) => {
      const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12))
      decipher.setAuthTag(blob.subarray(12, 28))
      const plain = Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()])
      return { result: plain.toString('utf8'), shouldReEncrypt: false }
    }
  }
}

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** Every byte of every file in the directory, as one string. */
function everyFile(dir: string): string {
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n')
}

async function openVault(
  dir: string,
  storage: AsyncSafeStorage,
  platform: NodeJS.Platform,
  weakOptIn: boolean
) {
  const store = openStore({
    backend: confBackend,
    cwd: dir,
    name: 'secrets',
    schema: SecretsDocSchema,
    defaults: EMPTY_SECRETS,
    fileMode: 0o600
  })
  const vault = new SecretVault(
    store,
    createSafeStorageCipher(storage, { platform }),
    new Redactor()
  )
  await vault.init({ weakOptIn })
  return { vault, file: store.path }
}

describe('where a secret is kept, by keychain (SEC-2)', () => {
  it.each([
    ['darwin', true, 'unknown', false, true, 'encrypted', 'os-keychain'],
    ['linux', true, 'gnome_libsecret', false, true, 'encrypted', 'os-keychain'],
    ['linux', true, 'basic_text', false, false, 'memory-only', undefined],
    ['linux', true, 'basic_text', true, true, 'weak', 'weak-keychain'],
    ['linux', false, 'gnome_libsecret', false, false, 'unavailable', undefined],
    ['win32', false, 'unknown', true, false, 'unavailable', undefined]
  ] as const)(
    '%s, available %s, backend %s, weak opt-in %s → on disk %s as %s',
    async (platform, available, backend, optIn, persisted, storage, scheme) => {
      const dir = mkdtempSync(join(tmpdir(), 'flowx-sec2-'))
      dirs.push(dir)
      const canary = `CANARY-${randomUUID()}`
      const safeStorage = realishSafeStorage(available, backend)
      const { vault, file } = await openVault(dir, safeStorage, platform, optIn)
      await vault.set('profile:p1:clientSecret', canary)

      expect(vault.state('profile:p1:clientSecret')).toEqual({ set: true, storage })
      await expect(vault.get('profile:p1:clientSecret')).resolves.toBe(canary)
      // Never plaintext on disk, whatever the row.
      expect(everyFile(dir)).not.toContain(canary)
      const envelope = existsSync(file)
        ? (JSON.parse(readFileSync(file, 'utf8')) as typeof EMPTY_SECRETS).secrets[
            'profile:p1:clientSecret'
          ]
        : undefined
      expect(envelope !== undefined).toBe(persisted)
      expect(envelope?.scheme).toBe(scheme)

      // The next session: persisted secrets come back, memory-only ones are gone.
      const next = await openVault(dir, safeStorage, platform, optIn)
      await expect(next.vault.get('profile:p1:clientSecret')).resolves.toBe(
        persisted ? canary : undefined
      )
    }
  )

  it('opting in writes the secrets held in memory; opting out removes the weak blobs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowx-sec2-'))
    dirs.push(dir)
    const canary = `CANARY-${randomUUID()}`
    const { vault, file } = await openVault(
      dir,
      realishSafeStorage(true, 'basic_text'),
      'linux',
      false
    )
    await vault.set('k', canary)
    expect(vault.state('k').storage).toBe('memory-only')

    await vault.setWeakOptIn(true)
    expect(vault.state('k').storage).toBe('weak')
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).secrets)).toEqual(['k'])
    expect(everyFile(dir)).not.toContain(canary)

    await vault.setWeakOptIn(false)
    expect(vault.state('k').storage).toBe('memory-only')
    expect(JSON.parse(readFileSync(file, 'utf8')).secrets).toEqual({})
    await expect(vault.get('k')).resolves.toBe(canary)
  })

  it('refuses the weak opt-in where it means nothing, with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowx-sec2-'))
    dirs.push(dir)
    const none = await openVault(dir, realishSafeStorage(false, 'unknown'), 'linux', false)
    await expect(none.vault.setWeakOptIn(true)).rejects.toThrow(/no encryption at all/)
    const good = await openVault(dir, realishSafeStorage(true, 'kwallet6'), 'linux', false)
    await expect(good.vault.setWeakOptIn(true)).rejects.toThrow(/already encrypted/)
  })
})
