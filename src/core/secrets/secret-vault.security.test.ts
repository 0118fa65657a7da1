/**
 * Secret writes are serialized per key (security.md SEC-4): async encryption puts an await between
 * reading and writing the store, so without a queue concurrent saves lose updates.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { Redactor } from '../logging/redact'
import type { SecretCipher } from '../ports'
import { confBackend } from '../stores/conf-backend'
import { openStore } from '../stores/open-store'
import { MemoryKeyCipher } from './memory-key-cipher'
import { EMPTY_SECRETS, SecretsDocSchema, SecretVault } from './secret-vault'

const KEYS = ['p1:token', 'p2:token', 'p3:clientSecret', 'p4:clientSecret', 'p5:proxyPassword']
const WRITES = 50

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-vault-sec4-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A small seeded generator, so a failure can be replayed exactly. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** The real cipher, with every encryption finishing after a random number of event-loop turns. */
function slowCipher(random: () => number): SecretCipher {
  const inner = new MemoryKeyCipher()
  return {
    availability: () => inner.availability(),
    decrypt: (blob) => inner.decrypt(blob),
    encrypt: async (plain) => {
      // Whole event-loop turns (not microtasks), so encryptions really overtake each other.
      const turns = Math.floor(random() * 20)
      for (let i = 0; i <= turns; i++) await new Promise((resolve) => setImmediate(resolve))
      return inner.encrypt(plain)
    }
  }
}

async function openVault(cipher: SecretCipher): Promise<{ vault: SecretVault; file: string }> {
  const store = openStore({
    backend: confBackend,
    cwd: dir,
    name: 'secrets',
    schema: SecretsDocSchema,
    defaults: EMPTY_SECRETS,
    fileMode: 0o600
  })
  const vault = new SecretVault(store, cipher, new Redactor())
  await vault.init()
  return { vault, file: store.path }
}

describe('concurrent secret writes (SEC-4)', () => {
  it.each([1, 7, 42])(
    `${WRITES} writes on ${KEYS.length} keys at once (seed %i): each key keeps its last value`,
    async (seed) => {
      const cipher = slowCipher(seeded(seed))
      const { vault, file } = await openVault(cipher)
      const last = new Map<string, string>()
      const writes = Array.from({ length: WRITES }, (_, i) => {
        const key = KEYS[i % KEYS.length]
        const value = `secret-value-${key}-${i}`
        last.set(key, value)
        return vault.set(key, value)
      })
      await Promise.all(writes)

      const stored = JSON.parse(readFileSync(file, 'utf8')).secrets as Record<string, unknown>
      expect(Object.keys(stored).sort()).toEqual([...KEYS].sort())
      // A fresh vault reads the file only: what it decrypts is what reached the disk.
      const { vault: reread } = await openVault(cipher)
      for (const key of KEYS) expect(await reread.get(key)).toBe(last.get(key))
    }
  )
})
