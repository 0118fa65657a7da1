/**
 * SecretCipher over Electron 45's async safeStorage API (security.md SEC-1/2). The sync names are
 * deprecated in 45 and removed in 46. On Linux the `basic_text` backend encrypts with a hard-coded
 * key, so it is reported as 'weak' and core keeps secrets in memory unless the user opts in.
 */
import type { SafeStorage } from 'electron'

import type { CipherAvailability, Decrypted, SecretCipher } from '../../core/ports'

/** The async part of Electron's safeStorage, plus the Linux backend name. */
export type AsyncSafeStorage = Pick<
  SafeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
>

/** Platform and timing knobs, injectable for tests. */
export interface SafeStorageCipherOptions {
  platform?: NodeJS.Platform
  /** How long the keychain may take to answer before it counts as unavailable. */
  availabilityTimeoutMs?: number
}

/** Build the app's cipher. Call `availability()` only after `app` is ready. */
export function createSafeStorageCipher(
  safeStorage: AsyncSafeStorage,
  options: SafeStorageCipherOptions = {}
): SecretCipher {
  const platform = options.platform ?? process.platform
  const timeoutMs = options.availabilityTimeoutMs ?? 10_000
  return {
    async availability(): Promise<CipherAvailability> {
      try {
        // A keyring daemon that never answers must not hold up startup (electron#43479).
        const available = await withTimeout(safeStorage.isAsyncEncryptionAvailable(), timeoutMs)
        if (available !== true) return 'unavailable'
        if (platform !== 'linux') return 'available'
        const backend = safeStorage.getSelectedStorageBackend()
        if (backend === 'basic_text') return 'weak'
        // 'unknown' means "asked before ready": a bug, so fail closed.
        if (backend === 'unknown') return 'unavailable'
        return 'available'
      } catch {
        return 'unavailable'
      }
    },
    async encrypt(plain: string): Promise<Uint8Array> {
      return new Uint8Array(await safeStorage.encryptStringAsync(plain))
    },
    async decrypt(blob: Uint8Array): Promise<Decrypted> {
      // Resolves to { result, shouldReEncrypt }, not a string (gitify PR #2839 hit this).
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(blob))
      if (typeof result !== 'string') throw new Error('The keychain returned no text.')
      return { value: result, shouldReEncrypt: shouldReEncrypt === true }
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('Keychain did not answer in time.')), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
