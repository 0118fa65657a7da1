/** Environment profiles: create, edit, duplicate, delete, list, and the active one. */
import { randomUUID } from 'node:crypto'

import type { ProfileInput, ProfileView } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { validateBaseUrl } from '../../shared/url'
import type { SecretVault } from '../secrets/secret-vault'
import type { TypedStore } from '../stores/open-store'
import { SANDBOX_PROFILE_ID, type ProfilesDoc, type StoredProfile } from './profile-store'

/** Secret key under which a profile's bearer token is kept. */
export function tokenKey(profileId: string): string {
  return `profile:${profileId}:token`
}

export class ProfileService {
  constructor(
    private readonly store: TypedStore<ProfilesDoc>,
    private readonly vault: SecretVault,
    private readonly now: () => Date = () => new Date()
  ) {}

  /** Every profile, in the user's order, as the renderer may see it. */
  list(): ProfileView[] {
    return this.store.read().profiles.map((p) => this.view(p))
  }

  /** One stored profile, or PROFILE_NOT_FOUND. */
  get(id: string): StoredProfile {
    const found = this.store.read().profiles.find((p) => p.id === id)
    if (!found) throw new AppFailure('PROFILE_NOT_FOUND', 'That profile no longer exists.')
    return found
  }

  /** Find a profile by its name, ignoring case (CLI --profile). */
  findByName(name: string): StoredProfile | undefined {
    const wanted = name.trim().toLowerCase()
    return this.store.read().profiles.find((p) => p.name.toLowerCase() === wanted)
  }

  /** Profile view for the renderer: the token only as set / not set. */
  view(profile: StoredProfile): ProfileView {
    return { ...profile, token: this.vault.state(tokenKey(profile.id)) }
  }

  /** Create (no id) or edit a profile, and apply the write-only token action. */
  async save(input: ProfileInput): Promise<ProfileView> {
    const existing = input.id ? this.get(input.id) : undefined
    const name = input.name.trim()
    const clash = this.store
      .read()
      .profiles.find((p) => p.name.toLowerCase() === name.toLowerCase() && p.id !== input.id)
    if (clash)
      throw new AppFailure('INVALID_INPUT', `A profile named “${clash.name}” already exists.`)

    const isSandbox = existing?.localSandbox ?? false
    const protect = input.protected ?? existing?.protected ?? false
    if (isSandbox && protect) {
      throw new AppFailure(
        'INVALID_INPUT',
        'The Local sandbox cannot be protected: it is the safe place to try things out.',
        { hint: 'Mark a profile that points at a real production environment instead.' }
      )
    }

    let baseUrl = existing?.baseUrl ?? ''
    if (!existing?.localSandbox) {
      const checked = validateBaseUrl(input.baseUrl)
      if (!checked.ok) throw new AppFailure('INVALID_INPUT', checked.message)
      baseUrl = checked.url
    }
    const stamp = this.now().toISOString()
    const profile: StoredProfile = {
      id: existing?.id ?? newProfileId(),
      name,
      color: input.color,
      baseUrl,
      platform: input.platform.trim() || 'web',
      defaults: input.defaults,
      localSandbox: isSandbox,
      protected: protect,
      createdAt: existing?.createdAt ?? stamp,
      updatedAt: stamp
    }
    if (!profile.localSandbox && input.token?.action === 'set') {
      await this.vault.set(tokenKey(profile.id), input.token.value)
    } else if (input.token?.action === 'clear') {
      await this.vault.clear(tokenKey(profile.id))
    }
    this.store.update((doc) => ({
      ...doc,
      activeProfileId: doc.activeProfileId ?? profile.id,
      profiles: existing
        ? doc.profiles.map((p) => (p.id === profile.id ? profile : p))
        : [...doc.profiles, profile]
    }))
    return this.view(profile)
  }

  /** Copy a profile (and its token) under a new name. */
  async duplicate(id: string): Promise<ProfileView> {
    const source = this.get(id)
    const names = new Set(this.store.read().profiles.map((p) => p.name.toLowerCase()))
    let name = `${source.name} copy`
    for (let n = 2; names.has(name.toLowerCase()); n++) name = `${source.name} copy ${n}`
    const stamp = this.now().toISOString()
    const copy: StoredProfile = {
      ...source,
      id: newProfileId(),
      name: name.slice(0, 60),
      localSandbox: false,
      createdAt: stamp,
      updatedAt: stamp
    }
    await this.vault.copy(tokenKey(source.id), tokenKey(copy.id))
    this.store.update((doc) => ({ ...doc, profiles: [...doc.profiles, copy] }))
    return this.view(copy)
  }

  /** Delete a profile and its token. The built-in sandbox profile stays. */
  async remove(id: string): Promise<void> {
    const profile = this.get(id)
    if (profile.localSandbox) {
      throw new AppFailure(
        'INVALID_INPUT',
        'The Local sandbox profile is built in and cannot be deleted.'
      )
    }
    await this.vault.clear(tokenKey(id))
    this.store.update((doc) => {
      const profiles = doc.profiles.filter((p) => p.id !== id)
      const activeProfileId = doc.activeProfileId === id ? profiles[0]?.id : doc.activeProfileId
      return { ...doc, profiles, activeProfileId }
    })
  }

  /** The profile the app opens with. */
  activeId(): string | undefined {
    const doc = this.store.read()
    return doc.profiles.some((p) => p.id === doc.activeProfileId)
      ? doc.activeProfileId
      : doc.profiles[0]?.id
  }

  /**
   * The profile the app opens on: the remembered one unless it is protected, so a production
   * profile is never what a fresh window points at; then the first unprotected one.
   */
  startupId(): string | undefined {
    const id = this.activeId()
    const profiles = this.store.read().profiles
    if (!profiles.find((p) => p.id === id)?.protected) return id
    return profiles.find((p) => !p.protected)?.id ?? id
  }

  /** Remember the active profile. */
  setActive(id: string): void {
    this.get(id)
    this.store.update((doc) => ({ ...doc, activeProfileId: id }))
  }

  /** Create the built-in Local sandbox profile on first run. */
  ensureSandboxProfile(defaults: StoredProfile['defaults'], baseUrl: string): void {
    if (this.store.read().profiles.some((p) => p.id === SANDBOX_PROFILE_ID)) return
    const stamp = this.now().toISOString()
    const profile: StoredProfile = {
      id: SANDBOX_PROFILE_ID,
      name: 'Local sandbox',
      color: 'teal',
      baseUrl,
      platform: 'web',
      defaults,
      localSandbox: true,
      protected: false,
      createdAt: stamp,
      updatedAt: stamp
    }
    this.store.update((doc) => ({
      ...doc,
      activeProfileId: doc.activeProfileId ?? profile.id,
      profiles: [profile, ...doc.profiles]
    }))
  }

  /** Record where the local sandbox is listening now. */
  setSandboxBaseUrl(baseUrl: string): void {
    this.store.update((doc) => ({
      ...doc,
      profiles: doc.profiles.map((p) => (p.localSandbox ? { ...p, baseUrl } : p))
    }))
  }
}

function newProfileId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 16)
}
