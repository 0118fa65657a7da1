/**
 * Secrets (bearer tokens) sealed by the host's cipher. On disk only as versioned envelopes of
 * ciphertext; where the OS cannot protect them they live in memory for this session only
 * (security.md SEC-2/3/4/6). Values never leave main: callers outside core see SecretState only.
 */
import { z } from 'zod'

import type { SecretState } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import type { Redactor } from '../logging/redact'
import type { CipherAvailability, SecretCipher } from '../ports'
import type { TypedStore } from '../stores/open-store'

/** Version 1 envelope: base64 of the host cipher's output. */
const Envelope = z.strictObject({
  v: z.literal(1),
  scheme: z.literal('os-keychain'),
  data: z.string().min(1),
  updatedAt: z.string()
})

export const SecretsDocSchema = z.strictObject({
  version: z.literal(1),
  secrets: z.record(z.string(), Envelope)
})
export type SecretsDoc = z.output<typeof SecretsDocSchema>
export const EMPTY_SECRETS: SecretsDoc = { version: 1, secrets: {} }

/** Keeps secrets by key; one write at a time per key. */
export class SecretVault {
  private availability: CipherAvailability = 'unavailable'
  private readonly memory = new Map<string, string>()
  private readonly undecryptable = new Set<string>()
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(
    private readonly store: TypedStore<SecretsDoc>,
    private readonly cipher: SecretCipher,
    private readonly redactor: Redactor
  ) {}

  /** Ask the host what protection it offers; call once before use. */
  async init(): Promise<CipherAvailability> {
    this.availability = await this.cipher.availability()
    return this.availability
  }

  /** True when secrets can be written to disk encrypted. */
  get persistent(): boolean {
    return this.availability === 'available'
  }

  /** Store or replace a secret. */
  set(key: string, value: string): Promise<void> {
    this.redactor.add(value)
    return this.serialize(key, async () => {
      this.memory.set(key, value)
      this.undecryptable.delete(key)
      if (!this.persistent) {
        this.dropEnvelope(key)
        return
      }
      const sealed = await this.cipher.encrypt(value)
      const envelope = {
        v: 1 as const,
        scheme: 'os-keychain' as const,
        data: Buffer.from(sealed).toString('base64'),
        updatedAt: new Date().toISOString()
      }
      this.store.update((doc) => ({ ...doc, secrets: { ...doc.secrets, [key]: envelope } }))
    })
  }

  /** Forget a secret, in memory and on disk. */
  clear(key: string): Promise<void> {
    return this.serialize(key, async () => {
      const value = this.memory.get(key)
      if (value) this.redactor.delete(value)
      this.memory.delete(key)
      this.undecryptable.delete(key)
      this.dropEnvelope(key)
    })
  }

  /** The secret's value, for main-side use only; undefined when none is set. */
  async get(key: string): Promise<string | undefined> {
    await this.queues.get(key)
    const known = this.memory.get(key)
    if (known !== undefined) return known
    const envelope = this.store.read().secrets[key]
    if (!envelope) return undefined
    if (!this.persistent) {
      this.undecryptable.add(key)
      throw undecryptableFailure()
    }
    try {
      const value = await this.cipher.decrypt(Buffer.from(envelope.data, 'base64'))
      this.memory.set(key, value)
      this.redactor.add(value)
      return value
    } catch {
      // Keep the blob: the keychain may come back (another login, an unlocked keyring).
      this.undecryptable.add(key)
      throw undecryptableFailure()
    }
  }

  /** What the renderer may know about a secret. */
  state(key: string): SecretState {
    if (this.undecryptable.has(key)) return { set: true, storage: 'undecryptable' }
    const onDisk = key in this.store.read().secrets
    if (onDisk) return { set: true, storage: 'encrypted' }
    if (this.memory.has(key)) return { set: true, storage: 'memory-only' }
    return { set: false, storage: 'none' }
  }

  /** Copy one secret to another key (profile duplication). */
  async copy(from: string, to: string): Promise<void> {
    const value = await this.get(from).catch(() => undefined)
    if (value !== undefined) await this.set(to, value)
  }

  private dropEnvelope(key: string): void {
    if (!(key in this.store.read().secrets)) return
    this.store.update((doc) => {
      const secrets = { ...doc.secrets }
      delete secrets[key]
      return { ...doc, secrets }
    })
  }

  private serialize(key: string, work: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(key) ?? Promise.resolve()
    const next = previous.catch(() => undefined).then(work)
    this.queues.set(key, next)
    return next.finally(() => {
      if (this.queues.get(key) === next) this.queues.delete(key)
    })
  }
}

function undecryptableFailure(): AppFailure {
  return new AppFailure(
    'SECRET_UNAVAILABLE',
    'The stored token for this profile cannot be decrypted on this computer.',
    { hint: 'Open the profile and paste the token again.' }
  )
}
