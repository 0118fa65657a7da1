/**
 * A profile as it stands in the form, before it is saved: "Check connection" and build info work
 * on it exactly as on a stored profile (same validation, connection, token fetch), but in memory.
 * Secrets typed in the form are used and never returned; secrets left as they are come from the
 * stored profile; nothing is written to disk and no token joins the stored profile's.
 */
import { SECRET_NAMES, type HealthReport, type ProfileInput } from '../../shared/domain'
import { TokenManager } from '../auth/token-manager'
import { Connections } from '../launches/connections'
import type { SandboxHost } from '../launches/sandbox-host'
import type { Redactor } from '../logging/redact'
import type { Logger, ProxyResolver } from '../ports'
import { noKeychainCipher } from '../secrets/memory-key-cipher'
import { EMPTY_SECRETS, SecretVault, type SecretsDoc } from '../secrets/secret-vault'
import type { TypedStore } from '../stores/open-store'
import { checkProfile } from './health-check'
import { ProfileService, secretKey } from './profile-service'
import type { ProfilesDoc } from './profile-store'

export interface DraftDeps {
  profiles: ProfileService
  vault: SecretVault
  redactor: Redactor
  logger: Logger
  sandbox?: SandboxHost
  proxyResolver?: ProxyResolver
  now?: () => number
}

/** A draft opened in memory: its own profile service, vault, token manager and connections. */
export interface OpenDraft {
  profileId: string
  profiles: ProfileService
  connections: Connections
  tokens: TokenManager
}

/** A store document held in memory only. */
export function memoryStore<T>(initial: T): TypedStore<T> {
  let doc = initial
  return {
    path: ':memory:',
    readOnly: undefined,
    read: () => doc,
    write: (next) => {
      doc = next
    },
    update: (change) => (doc = change(doc))
  }
}

/** Validate the form's values as a save would, in memory, with the stored secrets it keeps. */
export async function openDraft(deps: DraftDeps, input: ProfileInput): Promise<OpenDraft> {
  const existing = input.id ? deps.profiles.get(input.id) : undefined
  const vault = new SecretVault(
    memoryStore<SecretsDoc>({ ...EMPTY_SECRETS, secrets: {} }),
    noKeychainCipher,
    deps.redactor
  )
  await vault.init()
  if (existing) {
    for (const name of SECRET_NAMES) {
      const key = secretKey(existing.id, name)
      // A secret that cannot be read here stays missing: the check then says which one.
      const value = await deps.vault.get(key).catch(() => undefined)
      if (value) await vault.set(key, value)
    }
  }
  const profiles = new ProfileService(
    memoryStore<ProfilesDoc>({ version: 2, profiles: existing ? [existing] : [] }),
    vault
  )
  const saved = await profiles.save(input)
  const tokens = new TokenManager({
    redactor: deps.redactor,
    logger: deps.logger,
    ...(deps.now ? { now: deps.now } : {})
  })
  const connections = new Connections({
    profiles,
    vault,
    tokens,
    ...(deps.sandbox ? { sandbox: deps.sandbox } : {}),
    ...(deps.proxyResolver ? { proxyResolver: deps.proxyResolver } : {})
  })
  return { profileId: saved.id, profiles, connections, tokens }
}

/** "Check connection" on the form's values; the report names the draft's id (or '' when new). */
export async function checkDraft(deps: DraftDeps, input: ProfileInput): Promise<HealthReport> {
  const draft = await openDraft(deps, input)
  const report = await checkProfile(
    {
      profiles: draft.profiles,
      connections: draft.connections,
      tokens: draft.tokens,
      ...(deps.now ? { now: deps.now } : {})
    },
    draft.profileId
  )
  return { ...report, profileId: input.id ?? '' }
}
