/**
 * "Check connection": one pass over what a launch needs — the runtime answers, its certificate
 * is trusted, a token can be had and FlowX accepts it, the clocks agree, the default ids are well
 * formed and name an app with an active build — each with a specific verdict. Nothing is started
 * and no secret appears in the report.
 */
import axios from 'axios'

import type { HealthItem, HealthReport } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import type { TokenManager } from '../auth/token-manager'
import { BuildInfoClient, type BuildInfoAnswer } from '../build-info/build-info'
import type { Connections, LaunchConnection } from '../launches/connections'
import { classifyTransportError } from '../launcher'
import { directTransport } from '../net/direct'
import { rawTextExchange } from '../net/raw-exchange'
import { axiosNetOptions } from '../net/tunnel'
import type { NetTransport } from '../net/types'
import { buildInfoQuery, buildItem, runtimeVerdict, tokenVerdict } from './health-flowx'
import {
  clockItem,
  formatSeconds,
  idsItem,
  item,
  runtimeItem,
  tlsItem,
  type Probe
} from './health-items'
import type { ProfileService } from './profile-service'

export interface HealthDeps {
  profiles: ProfileService
  connections: Connections
  tokens: TokenManager
  now?: () => number
  timeoutMs?: number
  /** Asks FlowX whether it takes the token; one over `tokens` when absent. */
  buildInfo?: BuildInfoClient
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
