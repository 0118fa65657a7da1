/**
 * Turning a stored profile into what a call needs: where to send it, which network route and TLS
 * trust to use, and how to get its bearer token. Secrets are read from the vault here and go no
 * further than the token manager and the launcher.
 */
import { SANDBOX_IDS } from '../../sandbox/fixture'
import type { ProfileColor, SecretName, TokenStatus } from '../../shared/domain'
import { AppFailure, type AppError } from '../../shared/errors'
import type { TokenManager, TokenSource } from '../auth/token-manager'
import { transportFor } from '../net/transport'
import type { NetTransport } from '../net/types'
import { directProxyResolver, type ProxyResolver } from '../ports'
import type { ProfileService } from '../profiles/profile-service'
import { SECRET_LABELS, secretKey } from '../profiles/secret-keys'
import type { StoredProfile } from '../profiles/profile-store'
import type { SecretVault } from '../secrets/secret-vault'
import type { SandboxHost } from './sandbox-host'

/** Where and as whom a launch goes: a stored profile or the CLI's ad hoc flags. */
export interface LaunchConnection {
  profileId: string
  profileName: string
  profileColor: ProfileColor
  baseUrl: string
  platform: string
  /** A fixed bearer token (pasted, or the CLI's FLOWX_TOKEN): sent as is, never renewed. */
  token?: string
  /** Credentials the token manager turns into a renewable access token. */
  credentials?: Exclude<TokenSource, { kind: 'static' }>
  /** TLS trust and proxy route; verified TLS and DIRECT when absent. */
  transport?: NetTransport
  /** The same for the identity provider, which may sit on another host and route. */
  issuerTransport?: NetTransport
}

export interface ConnectionDeps {
  profiles: Pick<ProfileService, 'get' | 'setSandboxBaseUrl'>
  vault: Pick<SecretVault, 'get'>
  tokens: TokenManager
  sandbox?: SandboxHost
  proxyResolver?: ProxyResolver
}

/** A secret the profile needs but does not have, as a specific failure. */
function missingSecret(profile: StoredProfile, name: SecretName): AppFailure {
  return new AppFailure(
    'TOKEN_MISSING',
    `No ${SECRET_LABELS[name]} is set for “${profile.name}”.`,
    { hint: `Open Profiles and enter the ${SECRET_LABELS[name]} for this environment.` }
  )
}

export class Connections {
  constructor(private readonly deps: ConnectionDeps) {}

  /** Resolve a stored profile into a connection; the sandbox is started when needed. */
  async forProfile(profileId: string): Promise<LaunchConnection> {
    const { profiles, sandbox } = this.deps
    const profile = profiles.get(profileId)
    const base = {
      profileId: profile.id,
      profileName: profile.name,
      profileColor: profile.color,
      platform: profile.platform
    }
    if (profile.localSandbox && sandbox) {
      const running = await sandbox.ensure()
      if (running.baseUrl !== profile.baseUrl) profiles.setSandboxBaseUrl(running.baseUrl)
      return { ...base, baseUrl: running.baseUrl, credentials: sandboxCredentials(running.issuer) }
    }
    const auth = await this.authOf(profile)
    const transport = await this.transportOf(profile, profile.baseUrl)
    const issuerTransport = auth.credentials
      ? await this.transportOf(profile, auth.credentials.issuer)
      : undefined
    return {
      ...base,
      baseUrl: profile.baseUrl,
      ...auth,
      transport,
      ...(issuerTransport ? { issuerTransport } : {})
    }
  }

  /** Where the profile's token stands, without calling anything but the vault. */
  async status(profileId: string): Promise<TokenStatus> {
    const profile = this.deps.profiles.get(profileId)
    const mode = profile.auth.mode
    if (mode === 'none') return { profileId, mode, state: 'none' }
    let source: TokenSource | undefined
    try {
      source = await this.sourceOf(profile, { startSandbox: false })
    } catch (failure) {
      return this.failedStatus(profile, failure)
    }
    if (!source) return { profileId, mode, state: 'idle' }
    return { profileId, mode, ...this.deps.tokens.status(profileId, source) }
  }

  /** Fetch a fresh token now ("get token now"); the outcome is in the status, error included. */
  async renew(profileId: string): Promise<TokenStatus> {
    const profile = this.deps.profiles.get(profileId)
    if (profile.auth.mode === 'none') return { profileId, mode: 'none', state: 'none' }
    try {
      const source = await this.sourceOf(profile, { startSandbox: true })
      if (source && source.kind !== 'static') {
        await this.deps.tokens.get(profileId, source, {
          force: true,
          transport: await this.transportOf(profile, source.issuer)
        })
      }
    } catch (failure) {
      const status = await this.status(profileId)
      if (status.state === 'error' || status.state === 'missing') return status
      return this.failedStatus(profile, failure)
    }
    return this.status(profileId)
  }

  /** The network route and TLS trust of a profile for one URL (base URL or issuer). */
  async transportOf(profile: StoredProfile, url: string): Promise<NetTransport> {
    const proxyPassword =
      profile.proxy.mode === 'manual' && profile.proxy.username !== ''
        ? await this.secret(profile, 'proxyPassword', false)
        : undefined
    return transportFor(
      { tls: profile.tls, proxy: profile.proxy, ...(proxyPassword ? { proxyPassword } : {}) },
      this.deps.proxyResolver ?? directProxyResolver,
      url
    )
  }

  private async authOf(
    profile: StoredProfile
  ): Promise<{ token?: string; credentials?: Exclude<TokenSource, { kind: 'static' }> }> {
    const source = await this.sourceOf(profile, { startSandbox: true })
    if (!source) return {}
    return source.kind === 'static' ? { token: source.token } : { credentials: source }
  }

  /** The token source of a profile; undefined for no auth (or a sandbox that is not running). */
  private async sourceOf(
    profile: StoredProfile,
    options: { startSandbox: boolean }
  ): Promise<TokenSource | undefined> {
    const { auth } = profile
    if (profile.localSandbox) {
      const sandbox = this.deps.sandbox
      if (!sandbox || (!options.startSandbox && !sandbox.running)) return undefined
      return sandboxCredentials((await sandbox.ensure()).issuer)
    }
    switch (auth.mode) {
      case 'none':
        return undefined
      case 'bearer':
        return { kind: 'static', token: (await this.secret(profile, 'token', true)) as string }
      case 'client-credentials':
        return {
          kind: 'client-credentials',
          issuer: auth.issuer,
          clientId: auth.clientId,
          clientSecret: (await this.secret(profile, 'clientSecret', true)) as string
        }
      case 'password': {
        const clientSecret = await this.secret(profile, 'clientSecret', false)
        return {
          kind: 'password',
          issuer: auth.issuer,
          clientId: auth.clientId,
          username: auth.username,
          password: (await this.secret(profile, 'password', true)) as string,
          ...(clientSecret ? { clientSecret } : {})
        }
      }
    }
  }

  /** One secret of the profile; a required one that is missing or unreadable is a failure. */
  private async secret(
    profile: StoredProfile,
    name: SecretName,
    required: boolean
  ): Promise<string | undefined> {
    let value: string | undefined
    try {
      value = await this.deps.vault.get(secretKey(profile.id, name))
    } catch {
      throw new AppFailure(
        'SECRET_UNAVAILABLE',
        `The stored ${SECRET_LABELS[name]} for “${profile.name}” can no longer be decrypted on this computer — enter it again.`,
        { hint: 'Open Profiles, choose Replace and enter it; nothing is sent until then.' }
      )
    }
    if (required && !value) throw missingSecret(profile, name)
    return value
  }

  private failedStatus(profile: StoredProfile, failure: unknown): TokenStatus {
    const error: AppError =
      failure instanceof AppFailure
        ? failure.error
        : { code: 'INTERNAL', message: 'The token state could not be read.' }
    return {
      profileId: profile.id,
      mode: profile.auth.mode,
      state: error.code === 'TOKEN_MISSING' ? 'missing' : 'error',
      error
    }
  }
}

/** The Local sandbox's service account: fixture values, not a user's secret. */
function sandboxCredentials(issuer: string): Exclude<TokenSource, { kind: 'static' }> {
  return {
    kind: 'client-credentials',
    issuer,
    clientId: SANDBOX_IDS.clientId,
    clientSecret: SANDBOX_IDS.clientSecret
  }
}

/** The bearer to send on `connection`: its fixed token, or a current one from the token manager. */
export async function bearerFor(
  connection: LaunchConnection,
  tokens: TokenManager | undefined,
  options: { force?: boolean; signal?: AbortSignal }
): Promise<string | undefined> {
  if (!connection.credentials) return connection.token
  if (!tokens) throw new AppFailure('INTERNAL', 'Token renewal is not available here.')
  const access = await tokens.get(connection.profileId, connection.credentials, {
    ...options,
    ...(connection.issuerTransport ? { transport: connection.issuerTransport } : {})
  })
  return access.value
}
