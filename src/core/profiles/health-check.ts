/**
 * "Check connection": one pass over what a launch needs — the runtime answers, its certificate
 * is trusted, a token can be had and FlowX accepts it, the clocks agree, the default ids are well
 * formed and name an app with an active build — each with a specific verdict. Nothing is started
 * and no secret appears in the report.
 */
import axios from 'axios'

import type { HealthItem, HealthReport } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { FlowxId } from '../../shared/schemas'
import type { TokenManager } from '../auth/token-manager'
import { BuildInfoClient, type BuildInfoAnswer } from '../build-info/build-info'
import type { Connections, LaunchConnection } from '../launches/connections'
import { classifyTransportError } from '../launcher'
import { directTransport } from '../net/direct'
import { rawTextExchange } from '../net/raw-exchange'
import { axiosNetOptions } from '../net/tunnel'
import type { NetTransport } from '../net/types'
import { buildInfoQuery, buildItem, runtimeVerdict, tokenVerdict } from './health-flowx'
import type { ProfileService } from './profile-service'
import type { StoredProfile } from './profile-store'

export interface HealthDeps {
  profiles: ProfileService
  connections: Connections
  tokens: TokenManager
  now?: () => number
  timeoutMs?: number
  /** Asks FlowX whether it takes the token; one over `tokens` when absent. */
  buildInfo?: BuildInfoClient
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Beyond this a token may look expired to one side and valid to the other. */
const SKEW_WARN_SEC = 30
const SKEW_FAIL_SEC = 300

interface Probe {
  status?: number
  location?: string
  /** Server clock minus ours, seconds, from the Date header. */
  skewSec?: number
  ms: number
  failure?: { code: string; message: string }
}

/** GET the runtime base: any HTTP answer proves the host, route and certificate are fine. */
async function probe(
  url: string,
  transport: NetTransport,
  timeoutMs: number,
  now: () => number
): Promise<Probe> {
  const started = now()
  try {
    const response = await axios.request<string>({
      method: 'GET',
      url,
      allowAbsoluteUrls: true,
      maxRedirects: 0,
      ...axiosNetOptions(transport, url),
      timeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs * 2),
      maxContentLength: 1024 * 1024,
      ...rawTextExchange()
    })
    const date = Date.parse(String(response.headers.date ?? ''))
    const received = now()
    const location = response.headers.location as unknown
    return {
      status: response.status,
      ...(typeof location === 'string' ? { location } : {}),
      ms: received - started,
      ...(Number.isFinite(date)
        ? { skewSec: Math.round((date - (started + received) / 2) / 1000) }
        : {})
    }
  } catch (error) {
    const classified = classifyTransportError(error, {
      requestSent: false,
      baseUrl: url,
      inactivityTimeoutMs: timeoutMs,
      deadlineMs: timeoutMs * 2
    })
    return {
      ms: now() - started,
      failure: {
        code: classified.error?.code ?? 'NETWORK',
        message: classified.error?.message ?? 'The server could not be reached.'
      }
    }
  }
}

function item(
  key: HealthItem['key'],
  status: HealthItem['status'],
  title: string,
  detail: string
): HealthItem {
  return { key, status, title, detail }
}

function tlsItem(profile: StoredProfile, url: string, reached: Probe): HealthItem {
  if (new URL(url).protocol === 'http:') {
    return item(
      'tls',
      'skip',
      'Certificate',
      'Plain http on this computer: no certificate involved.'
    )
  }
  if (reached.failure?.code === 'TLS')
    return item('tls', 'fail', 'Certificate', reached.failure.message)
  if (reached.failure)
    return item('tls', 'skip', 'Certificate', 'Not checked: the server was not reached.')
  if (profile.tls.allowUntrusted) {
    return item(
      'tls',
      'warn',
      'Certificate',
      'Not verified: this profile allows untrusted certificates (dev only).'
    )
  }
  return item(
    'tls',
    'ok',
    'Certificate',
    profile.tls.customCa.trim() ? "Trusted through this profile's own CA." : 'Trusted.'
  )
}

function clockItem(skewSec: number | undefined): HealthItem {
  if (skewSec === undefined)
    return item('clock', 'skip', 'Clock', 'The server sent no Date header to compare with.')
  const size = Math.abs(skewSec)
  const side = skewSec > 0 ? 'behind' : 'ahead of'
  const text =
    size < 2
      ? 'This computer’s clock agrees with the server’s.'
      : `This computer’s clock is ${formatSeconds(size)} ${side} the server’s.`
  if (size >= SKEW_FAIL_SEC)
    return item(
      'clock',
      'fail',
      'Clock',
      `${text} Tokens will look expired or not yet valid; set the clock automatically.`
    )
  if (size >= SKEW_WARN_SEC)
    return item('clock', 'warn', 'Clock', `${text} Token countdowns may be off by that much.`)
  return item('clock', 'ok', 'Clock', text)
}

function formatSeconds(sec: number): string {
  if (sec < 120) return `${sec} s`
  if (sec < 7200) return `${Math.round(sec / 60)} min`
  return `${Math.round(sec / 3600)} h`
}

function idsItem(profile: StoredProfile): HealthItem {
  const fields: Array<[string, string]> = [
    ['workspace id', profile.defaults.workspaceId],
    ['app id', profile.defaults.appId],
    ['build id', profile.defaults.buildId]
  ]
  const bad = fields.filter(([, v]) => v !== '' && !FlowxId.safeParse(v).success).map(([n]) => n)
  if (bad.length)
    return item(
      'ids',
      'fail',
      'Default ids',
      `The default ${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} not well formed.`
    )
  const notUuid = fields.filter(([, v]) => v !== '' && !UUID.test(v)).map(([n]) => n)
  const missing = fields.filter(([, v]) => v === '').map(([n]) => n)
  if (notUuid.length)
    return item(
      'ids',
      'warn',
      'Default ids',
      `The default ${notUuid.join(', ')} ${notUuid.length > 1 ? 'are' : 'is'} not a UUID; FlowX ids normally are.`
    )
  if (missing.length === fields.length)
    return item('ids', 'warn', 'Default ids', 'No default ids: every launch needs them typed in.')
  if (missing.length)
    return item(
      'ids',
      'ok',
      'Default ids',
      `Well formed. No default ${missing.join(', ')}: it is typed per launch.`
    )
  return item('ids', 'ok', 'Default ids', 'Workspace, app and build ids are well formed.')
}

async function tokenItem(
  deps: HealthDeps,
  connection: LaunchConnection,
  now: () => number
): Promise<HealthItem> {
  if (connection.credentials) {
    try {
      const access = await deps.tokens.get(connection.profileId, connection.credentials, {
        ...(connection.issuerTransport ? { transport: connection.issuerTransport } : {})
      })
      const who = access.claims?.username ?? access.claims?.subject ?? 'the client'
      const roles = access.claims?.roles.length ? `; roles ${access.claims.roles.join(', ')}` : ''
      const left = access.expiresAt
        ? `, valid for ${formatSeconds(Math.max(0, Math.round((access.expiresAt - now()) / 1000)))}`
        : ''
      return item('token', 'ok', 'Token', `Issued for ${who}${left}${roles}.`)
    } catch (failure) {
      const message =
        failure instanceof AppFailure ? failure.error.message : 'No token could be fetched.'
      return item('token', 'fail', 'Token', message)
    }
  }
  if (connection.token) {
    const status = await deps.connections.status(connection.profileId)
    if (status.state === 'expired')
      return item('token', 'fail', 'Token', 'The pasted token has expired: paste a fresh one.')
    const left = status.expiresAt
      ? ` It expires ${new Date(status.expiresAt).toLocaleString()}.`
      : ''
    return item('token', 'ok', 'Token', `A pasted token is set.${left}`)
  }
  return item('token', 'skip', 'Token', 'This profile sends no token.')
}

/** Run every check for one profile. */
export async function checkProfile(deps: HealthDeps, profileId: string): Promise<HealthReport> {
  const now = deps.now ?? Date.now
  const profile = deps.profiles.get(profileId)
  const report = (items: HealthItem[]): HealthReport => ({
    profileId,
    profileName: profile.name,
    checkedAt: new Date(now()).toISOString(),
    items
  })
  let connection: LaunchConnection
  try {
    connection = await deps.connections.forProfile(profileId)
  } catch (failure) {
    const message =
      failure instanceof AppFailure ? failure.error.message : 'The profile could not be prepared.'
    return report([item('token', 'fail', 'Profile settings', message), idsItem(profile)])
  }
  const transport = connection.transport ?? directTransport()
  const reached = await probe(connection.baseUrl, transport, deps.timeoutMs ?? 10_000, now)
  const route = transport.route
  const issued = await tokenItem(deps, connection, now)
  const query = buildInfoQuery(profile)
  let answer: BuildInfoAnswer | undefined
  if (!reached.failure && issued.status !== 'fail') {
    const client = deps.buildInfo ?? new BuildInfoClient({ tokens: deps.tokens, now })
    answer = await client.activeBuild(connection, { ...query, refresh: true })
  }
  return report([
    // Only the 4.x form was asked (no default workspace): a missing route says nothing of the URL.
    runtimeVerdict(
      runtimeItem(connection.baseUrl, reached),
      query.workspaceId ? answer : undefined
    ),
    tlsItem(profile, connection.baseUrl, reached),
    item(
      'proxy',
      'ok',
      'Route',
      route === 'DIRECT' ? 'Direct connection, no proxy.' : `Through the proxy ${route}.`
    ),
    tokenVerdict(issued, answer),
    clockItem(reached.skewSec),
    buildItem(
      profile,
      answer,
      query.real,
      reached.failure ? 'the runtime was not reached.' : 'no token to ask FlowX with.'
    ),
    idsItem(profile)
  ])
}

/** Reachable is all a bare GET of the base URL proves; a redirect means it is not the runtime. */
function runtimeItem(baseUrl: string, reached: Probe): HealthItem {
  if (reached.failure)
    return item('base-url', 'fail', 'Runtime', `${baseUrl}: ${reached.failure.message}`)
  const status = reached.status ?? 0
  if (status >= 300 && status < 400) {
    const where = reached.location ? ` to ${reached.location.split('?')[0]}` : ''
    return item(
      'base-url',
      'fail',
      'Runtime',
      `${baseUrl} redirects${where}: it is probably not the FlowX runtime base (it normally ends in /rtm), or a login page stands in front of it.`
    )
  }
  if (status >= 500) {
    return item(
      'base-url',
      'warn',
      'Runtime',
      `${baseUrl} is reachable, but answered HTTP ${status}: the runtime behind it may be down.`
    )
  }
  return item('base-url', 'ok', 'Runtime', `${baseUrl} is reachable (${reached.ms} ms).`)
}
