import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { Redactor } from '../logging/redact'
import type { SecretCipher } from '../ports'
import { confBackend } from '../stores/conf-backend'
import { openStore } from '../stores/open-store'
import { MemoryKeyCipher, noKeychainCipher } from './memory-key-cipher'
import { EMPTY_SECRETS, SecretsDocSchema, SecretVault } from './secret-vault'

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.c2lnbmF0dXJlLWNhbmFyeQ'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-vault-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function vault(cipher: SecretCipher, redactor = new Redactor()) {
  const store = openStore({
    backend: confBackend,
    cwd: dir,
    name: 'secrets',
    schema: SecretsDocSchema,
    defaults: EMPTY_SECRETS,
    fileMode: 0o600
  })
  const v = new SecretVault(store, cipher, redactor)
  await v.init()
  return { v, file: store.path }
}

describe('SecretVault', () => {
  it('writes only ciphertext to disk and reads it back with the same keychain', async () => {
    const cipher = new MemoryKeyCipher()
    const { v, file } = await vault(cipher)
    await v.set('profile:a:token', TOKEN)

    const raw = readFileSync(file, 'utf8')
    expect(raw).not.toContain(TOKEN)
    expect(raw).not.toContain(Buffer.from(TOKEN).toString('base64'))
    expect(JSON.parse(raw).secrets['profile:a:token']).toMatchObject({
      v: 1,
      scheme: 'os-keychain'
    })

    const again = await vault(cipher)
    expect(await again.v.get('profile:a:token')).toBe(TOKEN)
    expect(again.v.state('profile:a:token')).toEqual({ set: true, storage: 'encrypted' })
  })

  it('keeps secrets in memory only when the host has no keychain', async () => {
    const { v, file } = await vault(noKeychainCipher)
    await v.set('k', TOKEN)
    expect(await v.get('k')).toBe(TOKEN)
    expect(v.state('k')).toEqual({ set: true, storage: 'unavailable' })
    // A store is written by its first save only: with nothing persisted there may be no file.
    expect(existsSync(file) ? readFileSync(file, 'utf8') : '').not.toContain(TOKEN)

    const fresh = await vault(noKeychainCipher)
    expect(await fresh.v.get('k')).toBeUndefined()
    expect(fresh.v.state('k')).toEqual({ set: false, storage: 'none' })
  })

  it('seals a secret again when the keychain asks for it (SEC-1)', async () => {
    const inner = new MemoryKeyCipher()
    let rotate = true
    const rotating: SecretCipher = {
      availability: () => inner.availability(),
      encrypt: (plain) => inner.encrypt(plain),
      decrypt: async (blob) => ({ ...(await inner.decrypt(blob)), shouldReEncrypt: rotate })
    }
    const first = await vault(rotating)
    await first.v.set('k', TOKEN)
    const before = JSON.parse(readFileSync(first.file, 'utf8')).secrets.k.data
    const reopened = await vault(rotating)
    expect(await reopened.v.get('k')).toBe(TOKEN)
    const after = JSON.parse(readFileSync(first.file, 'utf8')).secrets.k.data
    expect(after).not.toBe(before)
    rotate = false
    const third = await vault(rotating)
    expect(await third.v.get('k')).toBe(TOKEN)
    expect(JSON.parse(readFileSync(first.file, 'utf8')).secrets.k.data).toBe(after)
  })

  it('reports an undecryptable secret clearly and keeps its blob', async () => {
    const { v, file } = await vault(new MemoryKeyCipher())
    await v.set('k', TOKEN)
    const before = readFileSync(file)

    const other = await vault(new MemoryKeyCipher())
    expect(other.v.state('k')).toEqual({ set: true, storage: 'encrypted' })
    await other.v.probe()
    expect(other.v.state('k')).toEqual({ set: true, storage: 'undecryptable' })
    await expect(other.v.get('k')).rejects.toMatchObject({
      error: { code: 'SECRET_UNAVAILABLE' }
    })
    expect(other.v.state('k')).toEqual({ set: true, storage: 'undecryptable' })
    expect(readFileSync(file).equals(before)).toBe(true)

    await other.v.set('k', 'a-fresh-token-value')
    expect(other.v.state('k')).toEqual({ set: true, storage: 'encrypted' })
  })

  it('serializes concurrent writes to one key: the last write wins on disk', async () => {
    const inner = new MemoryKeyCipher()
    let turn = 0
    const slowCipher: SecretCipher = {
      availability: () => inner.availability(),
      decrypt: (b) => inner.decrypt(b),
      // Later calls finish sooner: without serialization an older value would land last.
      encrypt: async (plain) => {
        // Whole event-loop turns: microtask hops would all finish inside one turn, in order.
        const delay = 50 - turn++
        for (let i = 0; i < delay; i++) await new Promise((resolve) => setImmediate(resolve))
        return inner.encrypt(plain)
      }
    }
    const { v } = await vault(slowCipher)
    await Promise.all(Array.from({ length: 50 }, (_, i) => v.set('k', `value-number-${i}`)))
    const reread = await vault(slowCipher)
    expect(await reread.v.get('k')).toBe('value-number-49')
  })

  it('clears a secret from memory and disk', async () => {
    const { v, file } = await vault(new MemoryKeyCipher())
    await v.set('k', TOKEN)
    await v.clear('k')
    expect(v.state('k')).toEqual({ set: false, storage: 'none' })
    expect(JSON.parse(readFileSync(file, 'utf8')).secrets).toEqual({})
  })

  it('teaches the redactor every secret it holds', async () => {
    const redactor = new Redactor()
    const { v } = await vault(new MemoryKeyCipher(), redactor)
    await v.set('k', 'plain-secret-value-123')
    expect(redactor.redactText('oops plain-secret-value-123 leaked')).not.toContain(
      'plain-secret-value-123'
    )
  })
})
