/**
 * cURL commands of a ledger entry or of the form. 'placeholders' and 'redacted' never touch a
 * token; 'resolved' needs an explicit yes (and, on a protected profile, its name typed) and fetches
 * the profile's token in main.
 */
import type { LaunchRecord } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { curlCommand } from '../../shared/curl/generate'
import type { CurlMode } from '../../shared/workbench'
import type { TokenManager } from '../auth/token-manager'
import type { Connections } from '../launches/connections'
import type { StoredProfile } from '../profiles/profile-store'

export interface CurlDeps {
  connections: Connections
  tokens: TokenManager
}

export interface CurlRequest {
  mode: CurlMode
  confirmed?: boolean
  confirmProfileName?: string
}

export interface CurlText {
  /** The command as asked (the real token in 'resolved' mode). */
  command: string
  /** The same with the token redacted, safe to show or log. */
  redacted: string
}

/** Refuse 'resolved' without the user's explicit yes (and typed name on a protected profile). */
export function checkResolvedAllowed(
  profile: Pick<StoredProfile, 'name' | 'protected'>,
  request: CurlRequest
): void {
  if (request.mode !== 'resolved') return
  if (request.confirmed !== true) {
    throw new AppFailure(
      'CONFIRMATION_REQUIRED',
      'A resolved cURL command holds the real access token: confirm that you want it in clear.',
      {
        hint: 'Use the placeholders mode to share the command; it reads the token from $FLOWX_TOKEN.'
      }
    )
  }
  if (profile.protected && request.confirmProfileName !== profile.name) {
    throw new AppFailure(
      'CONFIRMATION_REQUIRED',
      `“${profile.name}” is a protected profile: type its name to copy a command with its token.`
    )
  }
}

async function tokenOf(deps: CurlDeps, profileId: string): Promise<string | undefined> {
  const connection = await deps.connections.forProfile(profileId)
  if (connection.token !== undefined) return connection.token
  if (!connection.credentials) return undefined
  const access = await deps.tokens.get(profileId, connection.credentials, {
    ...(connection.issuerTransport ? { transport: connection.issuerTransport } : {})
  })
  return access.value
}

/** The command for a URL and payload sent with `profile`'s platform and token. */
export async function curlFor(
  deps: CurlDeps,
  profile: StoredProfile,
  sent: { url: string; payload: string },
  request: CurlRequest
): Promise<CurlText> {
  checkResolvedAllowed(profile, request)
  const authenticated = profile.auth.mode !== 'none'
  const base = {
    url: sent.url,
    platform: profile.platform || 'web',
    payload: sent.payload,
    authenticated
  }
  const redacted = curlCommand({
    ...base,
    mode: request.mode === 'placeholders' ? 'placeholders' : 'redacted'
  })
  if (request.mode !== 'resolved' || !authenticated) return { command: redacted, redacted }
  const token = await tokenOf(deps, profile.id)
  if (token === undefined) {
    throw new AppFailure('TOKEN_MISSING', `“${profile.name}” has no token to put in the command.`)
  }
  return { command: curlCommand({ ...base, mode: 'resolved', token }), redacted }
}

/** The URL and exact body a ledger entry sent. */
export function sentBy(record: LaunchRecord): { url: string; payload: string } {
  return { url: `${record.baseUrl}${record.path}`, payload: record.payload }
}
