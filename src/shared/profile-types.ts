/**
 * Profile types shared by core, main, CLI and renderer: a profile's colours, auth, TLS, proxy and
 * secrets as the renderer may see them, its token status and health check, and profile transfer.
 * Plain data only: everything here crosses IPC. `domain.ts` re-exports them.
 */
import type { AppError } from './errors'

/** Profile colours the switcher, window frame and history use. */
export const PROFILE_COLORS = [
  'slate',
  'blue',
  'green',
  'teal',
  'amber',
  'orange',
  'red',
  'purple',
  'pink'
] as const
export type ProfileColor = (typeof PROFILE_COLORS)[number]

/** Default ids a profile prefills into the launch forms. */
export interface ProfileDefaults {
  workspaceId: string
  appId: string
  buildId: string
}

/** How a profile gets its bearer token. Secrets (token, client secret, password) live in the vault. */
export type ProfileAuth =
  | { mode: 'none' }
  /** A token pasted by the user; the app decodes it to show subject, roles and expiry. */
  | { mode: 'bearer' }
  /** OAuth2 client credentials: a service account with the client secret from the vault. */
  | { mode: 'client-credentials'; issuer: string; clientId: string }
  /** Password grant against the `…-authenticate` client, for test users. */
  | { mode: 'password'; issuer: string; clientId: string; username: string }

export type AuthMode = ProfileAuth['mode']

/** Certificate handling for one profile (security.md NET-4). */
export interface ProfileTls {
  /** PEM of extra certificate authorities to trust for this profile only; '' for none. */
  customCa: string
  /** Dev only: accept any certificate. Shown as a red badge on the profile and its launches. */
  allowUntrusted: boolean
}

/** How a profile reaches the network (security.md NET-5). */
export type ProfileProxy =
  | { mode: 'system' }
  | { mode: 'none' }
  /** An http(s) proxy; the password, if any, is a secret in the vault. */
  | { mode: 'manual'; url: string; username: string }

/** How a launch's certificate was checked: normal, against the profile's own CA, or not at all. */
export type TlsVerification = 'on' | 'custom-ca' | 'off'

/** The secrets a profile may hold. */
export const SECRET_NAMES = ['token', 'clientSecret', 'password', 'proxyPassword'] as const
export type SecretName = (typeof SECRET_NAMES)[number]

/** How a secret is held, as the renderer may know it: never the value (security.md IPC-4). */
export interface SecretState {
  set: boolean
  /**
   * 'encrypted' on disk via the OS keychain; 'weak' on disk with Linux's basic_text key, by the
   * user's choice; 'memory-only' for this session because the keychain is weak; 'unavailable'
   * for this session because there is no encryption at all; 'undecryptable' when a stored blob
   * cannot be read here; 'none' when nothing is set.
   */
  storage: 'encrypted' | 'weak' | 'memory-only' | 'unavailable' | 'undecryptable' | 'none'
}

/** What can be read from a JWT without verifying it. Subject, roles and expiry are not secrets. */
export interface TokenClaims {
  subject?: string
  username?: string
  issuer?: string
  clientId?: string
  roles: string[]
  /** ISO time from `exp`. */
  expiresAt?: string
  issuedAt?: string
}

/** A profile as the renderer sees it. */
export interface ProfileView {
  id: string
  name: string
  color: ProfileColor
  /** Runtime base, normally ending in /rtm. */
  baseUrl: string
  platform: string
  defaults: ProfileDefaults
  /** The built-in Local sandbox profile: base URL and credentials are managed by the app. */
  localSandbox: boolean
  /** Production: framed window, typed confirmation before every start, never the startup profile. */
  protected: boolean
  auth: ProfileAuth
  tls: ProfileTls
  proxy: ProfileProxy
  /** Set / not set and where, for every secret; never a value. */
  secrets: Record<SecretName, SecretState>
  /** The pasted token's claims (bearer mode), decoded without verifying. */
  pastedToken?: TokenClaims
  /** `{{name}}` values for this environment (appId, customerId…); never secrets. */
  variables: Record<string, string>
  /** FlowX Designer base URL for "Open in Designer" links; '' when not set. */
  designerUrl?: string
  createdAt: string
  updatedAt: string
}

/** Write-only change to one secret: replace it, clear it, or leave it as it is. */
export type SecretAction =
  { action: 'keep' } | { action: 'clear' } | { action: 'set'; value: string }

/** What the renderer may send to create or edit a profile. */
export interface ProfileInput {
  id?: string
  name: string
  color: ProfileColor
  baseUrl: string
  platform: string
  defaults: ProfileDefaults
  /** Mark as production. New profiles default to false; an edit without it keeps the stored value. */
  protected?: boolean
  /** Absent on an edit: keep the stored settings. New profiles default to bearer / verify / system. */
  auth?: ProfileAuth
  tls?: ProfileTls
  proxy?: ProfileProxy
  /** Write-only secret changes; a secret left out is kept. */
  secrets?: Partial<Record<SecretName, SecretAction>>
  /** The variables table; absent on an edit keeps the stored one. */
  variables?: Record<string, string>
  /** FlowX Designer base URL ('' for none); absent on an edit keeps the stored value. */
  designerUrl?: string
}

/** Where a profile's access token stands, for the status chip. Never holds the token. */
export interface TokenStatus {
  profileId: string
  /**
   * 'none': the profile sends no token; 'missing': a secret it needs is not set; 'valid' /
   * 'expired': a token is held; 'idle': nothing fetched yet; 'refreshing': a fetch is under way;
   * 'error': the last fetch failed (see `error`); 'rejected': FlowX answered 401 to the held token
   * (a start or build info), until a fresh token is fetched — `error` carries FlowX's message.
   */
  state: 'none' | 'missing' | 'idle' | 'valid' | 'expired' | 'refreshing' | 'error' | 'rejected'
  mode: AuthMode
  /** Local-clock ISO time at which the held token stops being used. */
  expiresAt?: string
  subject?: string
  roles?: string[]
  /** Server clock minus this computer's clock, in seconds, when measured and notable. */
  skewSec?: number
  error?: AppError
}

/** One line of a profile health check. */
export interface HealthItem {
  key: 'base-url' | 'tls' | 'proxy' | 'token' | 'clock' | 'ids' | 'build'
  status: 'ok' | 'warn' | 'fail' | 'skip'
  title: string
  detail: string
}

export interface HealthReport {
  profileId: string
  profileName: string
  checkedAt: string
  items: HealthItem[]
}

/** Result of exporting profiles: where the file went and which secrets the receiver must enter. */
export interface ProfileExport {
  /** Absolute path of the file written, or undefined when the user cancelled the save dialog. */
  path?: string
  count: number
  /** "Profile name: client secret" lines: what must be entered after import. */
  secretsRequired: string[]
}

export interface ProfileImport {
  imported: ProfileView[]
  secretsRequired: string[]
}
