import { describe, expect, it, vi } from 'vitest'

import { createSafeStorageCipher, type AsyncSafeStorage } from './safe-storage-cipher'

vi.mock('electron', () => import('../test-support/fake-electron'))

type Backend = ReturnType<AsyncSafeStorage['getSelectedStorageBackend']>

/** A safeStorage stand-in that "encrypts" by reversing and prefixing. */
function fakeSafeStorage(
  available: boolean | 'hang' | 'throw',
  backend: Backend = 'gnome_libsecret'
) {
  return {
    isAsyncEncryptionAvailable: vi.fn(() => {
      if (available === 'hang') return new Promise<boolean>(() => undefined)
      if (available === 'throw') return Promise.reject(new Error('no keyring'))
      return Promise.resolve(available)
    }),
    getSelectedStorageBackend: vi.fn(() => backend),
    encryptStringAsync: vi.fn(async (plain: string) =>
      Buffer.from(`enc:${[...plain].reverse().join('')}`)
    ),
    decryptStringAsync: vi.fn(async (blob: Buffer) => ({
      result: [...blob.toString().slice(4)].reverse().join(''),
      shouldReEncrypt: false
    }))
  }
}

describe('createSafeStorageCipher (SEC-1/2)', () => {
  it.each([
    ['darwin', true, 'unknown', 'available'],
    ['win32', true, 'unknown', 'available'],
    ['linux', true, 'gnome_libsecret', 'available'],
    ['linux', true, 'kwallet6', 'available'],
    ['linux', true, 'basic_text', 'weak'],
    ['linux', true, 'unknown', 'unavailable'],
    ['linux', false, 'gnome_libsecret', 'unavailable'],
    ['darwin', false, 'unknown', 'unavailable'],
    ['linux', 'throw', 'gnome_libsecret', 'unavailable']
  ] as const)(
    '%s, async available %s, backend %s → %s',
    async (platform, available, backend, expected) => {
      const storage = fakeSafeStorage(available, backend)
      const cipher = createSafeStorageCipher(storage, { platform })
      await expect(cipher.availability()).resolves.toBe(expected)
    }
  )

  it('counts a keychain that never answers as unavailable', async () => {
    const cipher = createSafeStorageCipher(fakeSafeStorage('hang'), {
      platform: 'linux',
      availabilityTimeoutMs: 20
    })
    await expect(cipher.availability()).resolves.toBe('unavailable')
  })

  it('round-trips through the async API and never returns the ciphertext as text', async () => {
    const storage = fakeSafeStorage(true)
    const cipher = createSafeStorageCipher(storage, { platform: 'linux' })
    const sealed = await cipher.encrypt('TOKEN-abc')
    expect(sealed).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(sealed).toString()).not.toContain('TOKEN-abc')
    await expect(cipher.decrypt(sealed)).resolves.toEqual({
      value: 'TOKEN-abc',
      shouldReEncrypt: false
    })
    expect(storage.encryptStringAsync).toHaveBeenCalledWith('TOKEN-abc')
    expect(Buffer.isBuffer(storage.decryptStringAsync.mock.calls[0]![0])).toBe(true)
  })

  it('reads { result, shouldReEncrypt } and passes the re-encrypt request on', async () => {
    const storage = fakeSafeStorage(true)
    storage.decryptStringAsync.mockResolvedValueOnce({ result: 'plain', shouldReEncrypt: true })
    const cipher = createSafeStorageCipher(storage, { platform: 'darwin' })
    await expect(cipher.decrypt(new Uint8Array([1, 2]))).resolves.toEqual({
      value: 'plain',
      shouldReEncrypt: true
    })
  })

  it('rejects (never returns the blob) when decryption fails or yields no text', async () => {
    const storage = fakeSafeStorage(true)
    const cipher = createSafeStorageCipher(storage, { platform: 'darwin' })
    storage.decryptStringAsync.mockRejectedValueOnce(new Error('bad key'))
    await expect(cipher.decrypt(new Uint8Array([1]))).rejects.toThrow()
    storage.decryptStringAsync.mockResolvedValueOnce({
      result: undefined as unknown as string,
      shouldReEncrypt: false
    })
    await expect(cipher.decrypt(new Uint8Array([1]))).rejects.toThrow(/no text/)
  })
})
