/**
 * Secrets (tokens, client secrets, passwords) sealed by the host's cipher. On disk only as
 * versioned envelopes of ciphertext; where the OS cannot protect them they live in memory for this
 * session only, unless the user opted in to weak storage (security.md SEC-1…6). Values never leave
 * main: callers outside core see SecretState only.
 */
import { z } from 'zod'

import type { SecretState } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import type { Redactor } from '../logging/redact'
import type { CipherAvailability, Decrypted, SecretCipher } from '../ports'
import type { TypedStore } from '../stores/open-store'

/**
 * Version 1 envelope: base64 of the host cipher's output. 'weak-keychain' marks a blob sealed with
 * Linux's basic_text key because the user asked for it.
 */
const Envelope = z.strictObject({
  v: z.literal(1),
  scheme: z.enum(['os-keychain', 'weak-keychain']),
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
  private weakOptIn = false
  private readonly memory = new Map<string, string>()
  private readonly undecryptable = new Set<string>()
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(
    private readonly store: TypedStore<SecretsDoc>,
    private readonly cipher: SecretCipher,
    private readonly redactor: Redactor
  ) {}

  /** Ask the host what protection it offers; call once before use. */
  async init(options: { weakOptIn?: boolean } = {}): Promise<CipherAvailability> {
    this.availability = await this.cipher.availability()
    this.weakOptIn = options.weakOptIn === true
    return this.availability
  }

  /**
   * Try every stored secret once, so one the keychain can no longer open shows as
   * 'undecryptable' right away rather than at the first launch (security.md SEC-3).
   */
  async probe(): Promise<void> {
    const keys = Object.keys(this.store.read().secrets)
    await Promise.all(keys.map((key) => this.get(key).catch(() => undefined)))
  }

  /** What the host's cipher offers. */
  get cipherAvailability(): CipherAvailability {
    return this.availability
  }

  /** True when secrets are written to disk: a real keychain, or a weak one the user accepted. */
  get persistent(): boolean {
    return this.availability === 'available' || (this.availability === 'weak' && this.weakOptIn)
  }

  /**
   * Keep secrets on disk although the keychain is weak, or stop doing so. Turning it on writes
   * the secrets held in memory; turning it off removes the weakly sealed blobs (the values stay in
   * memory for this session).
   */
  async setWeakOptIn(enabled: boolean): Promise<void> {
    if (this.availability !== 'weak') {
      throw new AppFailure(
        'INVALID_INPUT',
        this.availability === 'available'
          ? 'Secrets are already encrypted with the OS keychain.'
          : 'This computer offers no encryption at all, so secrets cannot be stored.'
      )
    }
    this.weakOptIn = enabled
    const keys = new Set([...this.memory.keys(), ...Object.keys(this.store.read().secrets)])
    await Promise.all(
      [...keys].map((key) =>
        this.serialize(key, async () => {
          const value = this.memory.get(key)
          if (enabled && value !== undefined) await this.seal(key, value)
          if (!enabled && this.store.read().secrets[key]?.scheme === 'weak-keychain') {
            this.dropEnvelope(key)
          }
        })
      )
    )
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
      await this.seal(key, value)
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
    if (this.availability === 'unavailable') {
      this.undecryptable.add(key)
      throw undecryptableFailure()
    }
    let opened: Decrypted
    try {
      opened = await this.cipher.decrypt(Buffer.from(envelope.data, 'base64'))
    } catch {
      // Keep the blob: the keychain may come back (another login, an unlocked keyring).
      this.undecryptable.add(key)
      throw undecryptableFailure()
    }
    const { value } = opened
    this.memory.set(key, value)
    this.redactor.add(value)
    // The OS rotated or upgraded its key: seal the value again so the old blob can retire (SEC-1).
    if (opened.shouldReEncrypt) await this.serialize(key, () => this.seal(key, value))
    return value
  }

  /** What the renderer may know about a secret. */
  state(key: string): SecretState {
    if (this.undecryptable.has(key)) return { set: true, storage: 'undecryptable' }
    const envelope = this.store.read().secrets[key]
    if (envelope) {
      return { set: true, storage: envelope.scheme === 'weak-keychain' ? 'weak' : 'encrypted' }
    }
    if (this.memory.has(key)) {
      return {
        set: true,
        storage: this.availability === 'unavailable' ? 'unavailable' : 'memory-only'
      }
    }
    return { set: false, storage: 'none' }
  }

  /** Copy one secret to another key (profile duplication). */
  async copy(from: string, to: string): Promise<void> {
    const value = await this.get(from).catch(() => undefined)
    if (value !== undefined) await this.set(to, value)
  }

  /** Encrypt and write one envelope; call inside the key's queue. */
  private async seal(key: string, value: string): Promise<void> {
    const sealed = await this.cipher.encrypt(value)
    const envelope = {
      v: 1 as const,
      scheme: this.availability === 'weak' ? ('weak-keychain' as const) : ('os-keychain' as const),
      data: Buffer.from(sealed).toString('base64'),
      updatedAt: new Date().toISOString()
    }
    this.store.update((doc) => ({ ...doc, secrets: { ...doc.secrets, [key]: envelope } }))
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
    'A stored secret of this profile can no longer be decrypted on this computer.',
    { hint: 'Open the profile and enter it again.' }
  )
}
