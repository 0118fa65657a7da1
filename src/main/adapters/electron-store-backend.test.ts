import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { ipcMain } from '../test-support/fake-electron'
import { electronStoreBackend } from './electron-store-backend'

// electron-store is inlined by vitest.config.mts, so this mock reaches its `import electron`.
vi.mock('electron', () => import('../test-support/fake-electron'))

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-store-'))
})

afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('electronStoreBackend', () => {
  it('writes a real JSON file in the given absolute directory, keys with dots kept flat', () => {
    const store = electronStoreBackend({ name: 'profiles', cwd: dir, defaults: { version: 1 } })
    store.set('staging.eu', { name: 'Staging EU' })
    expect(store.path).toBe(join(dir, 'profiles.json'))
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toStrictEqual({
      version: 1,
      'staging.eu': { name: 'Staging EU' }
    })
    expect(store.get('staging.eu')).toStrictEqual({ name: 'Staging EU' })
  })

  it.skipIf(process.platform === 'win32')(
    'creates the file with mode 0600 when asked (SEC-6)',
    () => {
      const store = electronStoreBackend({
        name: 'secrets',
        cwd: dir,
        defaults: {},
        fileMode: 0o600
      })
      store.set('k', 'v')
      expect(statSync(store.path).mode & 0o777).toBe(0o600)
      store.set('k', 'v2')
      expect(statSync(store.path).mode & 0o777).toBe(0o600)
    }
  )

  it('throws on a corrupt file instead of silently clearing it (core sets it aside)', () => {
    const first = electronStoreBackend({ name: 'settings', cwd: dir, defaults: {} })
    first.set('a', 1)
    writeFileSync(first.path, '{"a": ')
    expect(() => electronStoreBackend({ name: 'settings', cwd: dir, defaults: {} })).toThrow()
    expect(readFileSync(first.path, 'utf8')).toBe('{"a": ')
  })

  it('writes plain JSON: no encryptionKey, secrets are sealed by safeStorage only (SEC-5)', () => {
    // With electron-store's encryptionKey the file would be an opaque blob, not this JSON.
    const sealed = { scheme: 'safe-storage', ciphertext: 'djEwAAAA' }
    const store = electronStoreBackend({ name: 'secrets', cwd: dir, defaults: {}, fileMode: 0o600 })
    store.set('p1:clientSecret', sealed)
    const text = readFileSync(store.path, 'utf8')
    expect(JSON.parse(text)).toStrictEqual({ 'p1:clientSecret': sealed })
    expect(text.trimStart().startsWith('{')).toBe(true)
  })

  it('refuses a relative directory', () => {
    expect(() => electronStoreBackend({ name: 'x', cwd: 'relative', defaults: {} })).toThrow(
      /absolute/
    )
  })

  it("removes electron-store's renderer data listener, which bypasses the IPC wrapper", () => {
    electronStoreBackend({ name: 'p', cwd: dir, defaults: {} })
    expect(ipcMain.removeAllListeners).toHaveBeenCalledWith('electron-store-get-data')
    expect(ipcMain.listeners.get('electron-store-get-data')).toBeUndefined()
  })
})
