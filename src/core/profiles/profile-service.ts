/** Environment profiles: create, edit, duplicate, delete, list, and the active one. */
import { randomUUID } from 'node:crypto'

import type { ProfileAuth, ProfileInput, ProfileView } from '../../shared/domain'
import { SANDBOX_IDS } from '../../sandbox/fixture'
import { AppFailure } from '../../shared/errors'
import { validateDesignerUrl } from '../../shared/designer'
import { validateBaseUrl } from '../../shared/url'
import { normalizeIssuer } from '../auth/issuer'
import { validateNetworkSettings } from '../net/transport'
import type { SecretVault } from '../secrets/secret-vault'
import type { TypedStore } from '../stores/open-store'
import { RemovedProfiles } from './removed-profiles'
import { DEFAULT_PROXY, DEFAULT_TLS, SANDBOX_PROFILE_ID, sandboxIssuer } from './profile-defaults'
import { ProfileSecrets } from './profile-secrets'
import type { ProfilesDoc, StoredProfile } from './profile-store'

export { SECRET_LABELS, secretKey, tokenKey } from './secret-keys'

export class ProfileService {
  private readonly removed = new RemovedProfiles()
  private readonly secrets: ProfileSecrets

  constructor(
    private readonly store: TypedStore<ProfilesDoc>,
    vault: SecretVault,
    private readonly now: () => Date = () => new Date()
  ) {
    this.secrets = new ProfileSecrets(vault)
  }

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

  /** Profile view for the renderer: secrets only as set / not set and where they are kept. */
  view(profile: StoredProfile): ProfileView {
    return { ...profile, secrets: this.secrets.states(profile.id) }
  }

  /** Create (no id) or edit a profile, and apply the write-only secret actions. */
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
    // The sandbox's auth follows the sandbox; everything else is the user's to set.
    const auth = isSandbox
      ? (existing?.auth ?? sandboxAuth(baseUrl))
      : checkAuth(input.auth ?? existing?.auth ?? { mode: 'bearer' })
    const tls = input.tls ?? existing?.tls ?? { ...DEFAULT_TLS }
    const proxy = input.proxy ?? existing?.proxy ?? { ...DEFAULT_PROXY }
    const networkProblem = validateNetworkSettings(tls, proxy)
    if (networkProblem) throw new AppFailure('INVALID_INPUT', networkProblem)
    const designer = validateDesignerUrl(input.designerUrl ?? existing?.designerUrl ?? '')
    if (!designer.ok) throw new AppFailure('INVALID_INPUT', designer.message)

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
      auth,
      tls,
      proxy,
      designerUrl: designer.url,
      variables: input.variables ?? existing?.variables ?? {},
      createdAt: existing?.createdAt ?? stamp,
      updatedAt: stamp
    }
    const claims = await this.secrets.apply(profile, input.secrets ?? {})
    const pasted = claims === 'kept' ? existing?.pastedToken : claims
    if (auth.mode === 'bearer' && pasted) profile.pastedToken = pasted
    this.store.update((doc) => ({
      ...doc,
      activeProfileId: doc.activeProfileId ?? profile.id,
      profiles: existing
        ? doc.profiles.map((p) => (p.id === profile.id ? profile : p))
        : [...doc.profiles, profile]
    }))
    return this.view(profile)
  }

  /** Copy a profile (and its secrets) under a new name. */
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
    if (source.localSandbox) copy.auth = { mode: 'bearer' }
    await this.secrets.copy(source.id, copy.id)
    this.store.update((doc) => ({ ...doc, profiles: [...doc.profiles, copy] }))
    return this.view(copy)
  }

  /** Delete a profile and its secrets (undoable for a while: `restore`). The sandbox stays. */
  async remove(id: string): Promise<void> {
    const profile = this.get(id)
    if (profile.localSandbox) {
      throw new AppFailure(
        'INVALID_INPUT',
        'The Local sandbox profile is built in and cannot be deleted.'
      )
    }
    const secrets = await this.secrets.read(id)
    this.removed.keep({ profile, secrets, wasActive: this.store.read().activeProfileId === id })
    await this.secrets.clear(id)
    this.store.update((doc) => {
      const profiles = doc.profiles.filter((p) => p.id !== id)
      const activeProfileId = doc.activeProfileId === id ? profiles[0]?.id : doc.activeProfileId
      return { ...doc, profiles, activeProfileId }
    })
  }

  /** Put back a profile deleted in the last few minutes, with its secrets. */
  async restore(id: string): Promise<ProfileView> {
    const entry = this.removed.take(id)
    if (!entry) {
      throw new AppFailure(
        'PROFILE_NOT_FOUND',
        'That profile was deleted too long ago to undo (or the app restarted since).'
      )
    }
    await this.secrets.restore(id, entry.secrets)
    this.store.update((doc) => ({
      ...doc,
      profiles: [...doc.profiles.filter((p) => p.id !== id), entry.profile],
      activeProfileId: entry.wasActive ? id : doc.activeProfileId
    }))
    return this.view(entry.profile)
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
      auth: sandboxAuth(baseUrl),
      tls: { ...DEFAULT_TLS },
      proxy: { mode: 'none' },
      variables: {},
      designerUrl: '',
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
      profiles: doc.profiles.map((p) =>
        p.localSandbox ? { ...p, baseUrl, auth: sandboxAuth(baseUrl) } : p
      )
    }))
  }
}

/** The Local sandbox signs in as its service account against its own identity provider. */
function sandboxAuth(baseUrl: string): ProfileAuth {
  return {
    mode: 'client-credentials',
    issuer: sandboxIssuer(baseUrl),
    clientId: SANDBOX_IDS.clientId
  }
}

/** Normalise the issuer of a grant-based auth, or refuse it with the specific reason. */
function checkAuth(auth: ProfileAuth): ProfileAuth {
  if (auth.mode === 'none' || auth.mode === 'bearer') return auth
  const issuer = normalizeIssuer(auth.issuer)
  if (!issuer.ok) throw new AppFailure('INVALID_INPUT', issuer.message)
  return { ...auth, issuer: issuer.issuer }
}

function newProfileId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 16)
}
