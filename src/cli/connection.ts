/**
 * Where a CLI command sends its calls and as whom: `--base-url` (ad hoc) or `--profile NAME`, with
 * the sign-in from the auth flags or the profile and the secret from the environment (./sign-in).
 *
 * The app's saved secrets are sealed by the OS keychain and cannot be read here, so a profile is
 * copied into an in-memory profile service whose vault holds the environment's secrets: core's
 * Connections then resolves it exactly as the app would (TLS trust, proxy, token source), and
 * nothing of it is written to the data directory.
 */
import type { Core } from '../core/app'
import type { TokenManager } from '../core/auth/token-manager'
import { Connections, type LaunchConnection } from '../core/launches/connections'
import { DEFAULT_PROXY, DEFAULT_TLS } from '../core/profiles/profile-defaults'
import type { ProfilesDoc, StoredProfile } from '../core/profiles/profile-store'
import { secretKey } from '../core/profiles/secret-keys'
import type { SecretsDoc } from '../core/secrets/secret-vault'
import type { TypedStore } from '../core/stores/open-store'
import type { HealthReport, SecretName } from '../shared/domain'
import { validateBaseUrl } from '../shared/url'
import { CliError, PROXY_PASSWORD_ENV, TOKEN_ENV, type CliContext } from './context'
import { authFromFlags, profileAuth, requireToken, type AuthFlags, type CliAuth } from './sign-in'

export { DEFAULT_LOGIN_CLIENT, type CliAuth } from './sign-in'

/** The flags that say where to connect and how to sign in (start and check). */
export interface ConnectionFlags extends AuthFlags {
  baseUrl?: string
  profile?: string
}

/** What the flags ask for, checked without touching any file. */
export type ConnectionPlan =
  | { kind: 'ad-hoc'; baseUrl: string; host: string; auth: CliAuth }
  | { kind: 'profile'; name: string; auth?: CliAuth }

/** A resolved target: the stored profile (none ad hoc), its connection and its health check. */
export interface Resolved {
  profile?: StoredProfile
  connection(): Promise<LaunchConnection>
  check(): Promise<HealthReport>
}

/** Check the connection flags and the environment; throws CliError (exit 2). */
export function planConnection(ctx: CliContext, flags: ConnectionFlags): ConnectionPlan {
  if (flags.baseUrl !== undefined && flags.profile !== undefined) {
    throw new CliError('Use either --base-url or --profile, not both.')
  }
  if (flags.baseUrl === undefined && flags.profile === undefined) {
    throw new CliError(`Pass --base-url URL (with ${TOKEN_ENV} set) or --profile NAME.`)
  }
  const fromFlags = authFromFlags(ctx, flags)
  if (flags.profile !== undefined) {
    return { kind: 'profile', name: flags.profile, ...(fromFlags ? { auth: fromFlags } : {}) }
  }
  const base = validateBaseUrl(flags.baseUrl ?? '')
  if (!base.ok) throw new CliError(`--base-url: ${base.message}`)
  const host = new URL(base.url).host
  const auth = fromFlags ?? {
    auth: { mode: 'bearer' },
    secrets: {
      token: requireToken(
        ctx,
        `the access token for ${host} (or sign in with --issuer and --client-id or --username)`
      )
    }
  }
  return { kind: 'ad-hoc', baseUrl: base.url, host, auth }
}

/** Open the plan on core: find the profile, take its secrets from the environment. */
export async function resolveConnection(
  ctx: CliContext,
  core: Core,
  plan: ConnectionPlan
): Promise<Resolved> {
  if (plan.kind === 'ad-hoc') return resolveAdHoc(ctx, core.tokens, plan)

  const profile = core.profiles.findByName(plan.name)
  if (!profile) {
    throw new CliError(
      `No profile named “${plan.name}”.`,
      'Run `flowx-launcher profiles` to list them.'
    )
  }
  if (profile.localSandbox) {
    if (plan.auth) {
      throw new CliError(
        'The Local sandbox signs in by itself: leave out --issuer, --client-id and --username.'
      )
    }
    // As in the app: the in-process sandbox starts on demand with its own service account, so
    // secrets exported for a real environment do not get in the way.
    const deps = { profiles: core.profiles, connections: core.connections, tokens: core.tokens }
    return {
      profile,
      connection: () => core.launches.connectionFor(profile.id),
      check: async () => (await healthCheck()).checkProfile(deps, profile.id)
    }
  }
  const auth = plan.auth ?? profileAuth(ctx, profile)
  // A manual proxy with a user name: its password from the environment, as for the other secrets.
  const proxyPassword = ctx.secret(PROXY_PASSWORD_ENV)
  const proxyLogin = profile.proxy.mode === 'manual' && profile.proxy.username !== ''
  const secrets = proxyLogin && proxyPassword ? { ...auth.secrets, proxyPassword } : auth.secrets
  const resolved = await inMemory(ctx, core.tokens, { ...profile, auth: auth.auth }, secrets)
  return { profile, ...resolved }
}

/** `--base-url` with its sign-in: a profile that lives only in memory; needs only the tokens. */
export async function resolveAdHoc(
  ctx: CliContext,
  tokens: TokenManager,
  plan: Extract<ConnectionPlan, { kind: 'ad-hoc' }>
): Promise<Resolved> {
  const now = new Date().toISOString()
  const profile: StoredProfile = {
    id: 'cli',
    name: plan.host,
    color: 'slate',
    baseUrl: plan.baseUrl,
    platform: 'web',
    defaults: { workspaceId: '', appId: '', buildId: '' },
    localSandbox: false,
    protected: false,
    auth: plan.auth.auth,
    tls: { ...DEFAULT_TLS },
    proxy: { ...DEFAULT_PROXY },
    designerUrl: '',
    variables: {},
    createdAt: now,
    updatedAt: now
  }
  const resolved = await inMemory(ctx, tokens, profile, plan.auth.secrets)
  return {
    connection: resolved.connection,
    // No profile, so no default ids to judge or look up.
    check: async () => {
      const report = await resolved.check()
      const shown = report.items.filter((item) => item.key !== 'ids' && item.key !== 'build')
      return { ...report, items: shown }
    }
  }
}

async function inMemory(
  ctx: CliContext,
  tokens: TokenManager,
  profile: StoredProfile,
  secrets: Partial<Record<SecretName, string>>
): Promise<Omit<Resolved, 'profile'>> {
  const held = new Map(
    Object.entries(secrets).map(([n, v]) => [secretKey(profile.id, n as SecretName), v])
  )
  const connections = new Connections({
    profiles: { get: () => profile, setSandboxBaseUrl: () => undefined },
    vault: { get: async (key: string) => held.get(key) },
    tokens,
    proxyResolver: ctx.proxyResolver
  })
  return {
    connection: () => connections.forProfile(profile.id),
    check: async () => {
      const [{ ProfileService }, { noKeychainCipher }, { EMPTY_SECRETS, SecretVault }] =
        await Promise.all([
          import('../core/profiles/profile-service'),
          import('../core/secrets/memory-key-cipher'),
          import('../core/secrets/secret-vault')
        ])
      const vault = new SecretVault(
        memoryStore<SecretsDoc>({ ...EMPTY_SECRETS, secrets: {} }),
        noKeychainCipher,
        ctx.redactor
      )
      await vault.init()
      for (const [name, value] of held) await vault.set(name, value as string)
      const profiles = new ProfileService(
        memoryStore<ProfilesDoc>({ version: 2, profiles: [profile] }),
        vault
      )
      const full = new Connections({ profiles, vault, tokens, proxyResolver: ctx.proxyResolver })
      return (await healthCheck()).checkProfile({ profiles, connections: full, tokens }, profile.id)
    }
  }
}

/** The health check's code (and axios with it) loads only for the commands that check. */
function healthCheck(): Promise<typeof import('../core/profiles/health-check')> {
  return import('../core/profiles/health-check')
}

/** A store document held in memory only. */
function memoryStore<T>(initial: T): TypedStore<T> {
  let doc = initial
  return {
    path: ':memory:',
    read: () => doc,
    write: (next) => {
      doc = next
    },
    update: (change) => (doc = change(doc))
  }
}
