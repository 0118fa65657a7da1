/**
 * SecretCipher implementations for hosts without Electron's safeStorage: a real AES-256-GCM cipher
 * whose key lives only in this process (tests, the browser harness), and the "no keychain" cipher
 * the CLI uses so it never writes a secret to disk.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

import type { CipherAvailability, Decrypted, SecretCipher } from '../ports'

/** Encrypts with a random key held in memory: ciphertext on disk, unreadable by another process. */
export class MemoryKeyCipher implements SecretCipher {
  private readonly key = randomBytes(32)

  constructor(private readonly reported: CipherAvailability = 'available') {}

  async availability(): Promise<CipherAvailability> {
    return this.reported
  }

  async encrypt(plain: string): Promise<Uint8Array> {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return Buffer.concat([iv, cipher.getAuthTag(), body])
  }

  async decrypt(blob: Uint8Array): Promise<Decrypted> {
    const data = Buffer.from(blob)
    const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(0, 12))
    decipher.setAuthTag(data.subarray(12, 28))
    const value = Buffer.concat([decipher.update(data.subarray(28)), decipher.final()])
    return { value: value.toString('utf8'), shouldReEncrypt: false }
  }
}

/** A host with no keychain: secrets stay in memory for the session. */
export const noKeychainCipher: SecretCipher = {
  availability: async () => 'unavailable',
  encrypt: async () => {
    throw new Error('No keychain on this host.')
  },
  decrypt: async () => {
    throw new Error('No keychain on this host.')
  }
}
