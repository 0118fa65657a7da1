/**
 * Build info (flowx-api.md endpoints #3 and #4): the active build of (workspace, app), falling back
 * to the 4.x app-only form when the runtime has no workspace route, and the build of a launched
 * instance. Calls go out like starts (same agents, proxy, timeouts, token manager) with the
 * profile's token; a 401 renews a fetched token once (a GET is safe to repeat) and otherwise marks
 * the token rejected by FlowX. Answers are cached briefly.
 */
import type { BuildInfoResult } from '../../shared/domain'
import { AppFailure, type AppError } from '../../shared/errors'
import { FlowxId } from '../../shared/schemas'
import { validateBaseUrl } from '../../shared/url'
import type { TokenManager } from '../auth/token-manager'
import type { LaunchConnection } from '../launches/connections'
import { classifyTransportError, describeProblem, statusLine } from '../launcher'
import { directTransport } from '../net/direct'
import { getText, type GetAnswer } from './get-json'
import {
  isRouteNotFound,
  notFoundMessage,
  parseObject,
  readBuildInfo,
  wrongIdOf,
  type WrongId
} from './interpret'

export interface BuildInfoDeps {
  tokens?: TokenManager
  now?: () => number
  /** Default 15 s of silence, 30 s in all. */
  inactivityTimeoutMs?: number
  deadlineMs?: number
  /** How long an answer is reused; default 30 s. */
  cacheMs?: number
}

/** The active build of an app: in a workspace (5.x), or by app only when workspaceId is ''. */
export interface BuildInfoQuery {
  workspaceId: string
  appId: string
  /** Ask again even when a fresh answer is cached. */
  refresh?: boolean
  signal?: AbortSignal
  /** Changes when the profile's settings change (its updatedAt), so the cache starts anew. */
  version?: string
}

/** What a build-info call came to; `stage` tells a token that could not be had from FlowX's no. */
export type BuildInfoAnswer =
  | { ok: true; result: BuildInfoResult }
  | {
      ok: false
      stage: 'token' | 'flowx' | 'network'
      error: AppError
      /** For a 404: the route does not exist here, or which id FlowX could not find. */
      notFound?: 'route' | WrongId
    }

const DEFAULT_CACHE_MS = 30_000
const CACHE_LIMIT = 200

interface Call {
  via: BuildInfoResult['via']
  path: string
}

export class BuildInfoClient {
  private readonly cache = new Map<string, { at: number; result: BuildInfoResult }>()
  private readonly now: () => number

  constructor(private readonly deps: BuildInfoDeps = {}) {
    this.now = deps.now ?? Date.now
  }

  /** The active build; throws AppFailure with a specific message (a 404 names the wrong id). */
  async info(connection: LaunchConnection, query: BuildInfoQuery): Promise<BuildInfoResult> {
    return unwrap(await this.activeBuild(connection, query))
  }

  /** The build an instance runs on; throws AppFailure. */
  async instanceInfo(
    connection: LaunchConnection,
    uuid: string,
    options: { refresh?: boolean; signal?: AbortSignal; version?: string } = {}
  ): Promise<BuildInfoResult> {
    const id = checkId(uuid, 'instance uuid')
    const call: Call = {
      via: 'instance',
      path: `/api/runtime/process-instance/${encodeURIComponent(id)}/build/info`
    }
    return unwrap(await this.cached(connection, [call], { uuid: id }, options))
  }

  /** The active build, never throwing: for the health check, which judges each stage itself. */
  async activeBuild(connection: LaunchConnection, query: BuildInfoQuery): Promise<BuildInfoAnswer> {
    let workspaceId: string
    let appId: string
    try {
      workspaceId =
        query.workspaceId.trim() === '' ? '' : checkId(query.workspaceId, 'workspace id')
      appId = checkId(query.appId, 'app id')
    } catch (failure) {
      return { ok: false, stage: 'flowx', error: (failure as AppFailure).error }
    }
    const app = encodeURIComponent(appId)
    const legacy: Call = { via: 'app', path: `/api/runtime/app/${app}/build/info` }
    const calls: Call[] = workspaceId
      ? [
          {
            via: 'workspace',
            path: `/api/runtime/wks/${encodeURIComponent(workspaceId)}/app/${app}/build/info`
          },
          legacy
        ]
      : [legacy]
    return this.cached(connection, calls, { workspaceId, appId }, query)
  }

  /** Forget cached answers of a profile (its settings changed). */
  forget(profileId: string): void {
    for (const key of this.cache.keys())
      if (key.startsWith(`${profileId}\n`)) this.cache.delete(key)
  }

  private async cached(
    connection: LaunchConnection,
    calls: Call[],
    ids: { workspaceId?: string; appId?: string; uuid?: string },
    options: { refresh?: boolean; signal?: AbortSignal; version?: string }
  ): Promise<BuildInfoAnswer> {
    const key = [connection.profileId, options.version, connection.baseUrl, calls[0]?.path].join(
      '\n'
    )
    const hit = this.cache.get(key)
    const ttl = this.deps.cacheMs ?? DEFAULT_CACHE_MS
    if (!options.refresh && hit && this.now() - hit.at < ttl) {
      return { ok: true, result: { ...hit.result, cached: true } }
    }
    const answer = await this.fetch(connection, calls, ids, options.signal)
    if (answer.ok) {
      this.cache.delete(key)
      this.cache.set(key, { at: this.now(), result: answer.result })
      while (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value ?? '')
    }
    return answer
  }

  private async fetch(
    connection: LaunchConnection,
    calls: Call[],
    ids: { workspaceId?: string; appId?: string; uuid?: string },
    signal?: AbortSignal
  ): Promise<BuildInfoAnswer> {
    const base = validateBaseUrl(connection.baseUrl)
    if (!base.ok) return { ok: false, stage: 'flowx', error: invalid(base.message) }
    let token: string | undefined
    try {
      token = await this.tokenFor(connection, { ...(signal ? { signal } : {}) })
    } catch (failure) {
      return { ok: false, stage: 'token', error: errorOf(failure) }
    }
    let renewed = false
    for (let at = 0; at < calls.length;) {
      const call = calls[at] as Call
      const sent = await this.get(connection, base.url, call.path, token, signal)
      if (!sent.ok) return { ok: false, stage: 'network', error: sent.error }
      const answer = sent.response
      if (answer.status === 401 && connection.credentials && token !== undefined && !renewed) {
        // A held token FlowX no longer takes: fetch a fresh one and ask once more (a GET).
        renewed = true
        this.deps.tokens?.invalidate(connection.profileId, token)
        try {
          token = await this.tokenFor(connection, { force: true, ...(signal ? { signal } : {}) })
        } catch (failure) {
          return { ok: false, stage: 'token', error: errorOf(failure) }
        }
        continue
      }
      if (answer.status === 404 && at + 1 < calls.length && isRouteNotFound(answer.body)) {
        at += 1
        continue
      }
      return this.judge(connection, call, answer, ids, token !== undefined)
    }
    return { ok: false, stage: 'flowx', error: invalid('Nothing to ask.') }
  }

  private judge(
    connection: LaunchConnection,
    call: Call,
    answer: GetAnswer,
    ids: { workspaceId?: string; appId?: string; uuid?: string },
    tokenSent: boolean
  ): BuildInfoAnswer {
    const { status } = answer
    const httpStatus = status
    const authenticated =
      (status >= 200 && status < 300) || (status === 404 && !isRouteNotFound(answer.body))
    if (authenticated && tokenSent) this.deps.tokens?.markAccepted(connection.profileId)
    if (status >= 200 && status < 300) {
      const raw = parseObject(answer.body)
      const info = raw ? readBuildInfo(raw) : undefined
      if (!raw || !info) {
        return {
          ok: false,
          stage: 'flowx',
          error: {
            code: 'UNREADABLE_RESPONSE',
            message: `The server answered ${statusLine(status, answer.statusText)}, but not with build info.`,
            hint: 'Check that the base URL is the FlowX runtime (it normally ends in /rtm).',
            httpStatus
          }
        }
      }
      const result: BuildInfoResult = {
        info,
        raw,
        via: call.via,
        path: call.path,
        fetchedAt: new Date(this.now()).toISOString(),
        cached: false
      }
      return { ok: true, result }
    }
    if (status >= 300 && status < 400) {
      const where = answer.headers.location ? ` to ${redirectTarget(answer.headers.location)}` : ''
      return {
        ok: false,
        stage: 'flowx',
        error: {
          code: 'REDIRECT',
          message: `The server redirected${where}; not followed.`,
          hint: 'A redirect usually means the base URL is not the runtime (it normally ends in /rtm) or a login page is in front of it.',
          httpStatus
        }
      }
    }
    const said = describeProblem({
      status,
      statusText: answer.statusText,
      contentType: answer.headers['content-type'],
      wwwAuthenticate: answer.headers['www-authenticate'],
      body: answer.body
    })
    const detail = said.detail ? { detail: said.detail } : {}
    if (status === 401) {
      if (tokenSent) this.deps.tokens?.markRejected(connection.profileId, said.message)
      return {
        ok: false,
        stage: 'flowx',
        error: {
          code: 'UNAUTHORIZED',
          message: tokenSent
            ? `FlowX does not accept this token (“${said.message.replace(/\.$/, '')}”).`
            : 'FlowX requires a token: this profile sends none.',
          hint: tokenSent
            ? 'The runtime refuses tokens from this identity provider, for this audience, or without its role: check the issuer (realm) and client, then get a fresh token.'
            : 'Choose how this profile signs in (Profiles → Authentication).',
          httpStatus,
          ...detail
        }
      }
    }
    if (status === 403) {
      return {
        ok: false,
        stage: 'flowx',
        error: {
          code: 'FORBIDDEN',
          message: `FlowX refuses this token (403 Forbidden: “${said.message.replace(/\.$/, '')}”).`,
          hint: 'The token is valid but lacks a role FlowX asks for (FLOWX_ROLE, or the role shared on the solution).',
          httpStatus,
          ...detail
        }
      }
    }
    if (status === 404) {
      if (isRouteNotFound(answer.body)) {
        return {
          ok: false,
          stage: 'flowx',
          notFound: 'route',
          error: {
            code: 'NOT_FOUND',
            message: `This server has no build-info endpoint (${statusLine(status, answer.statusText)} for ${call.path}).`,
            hint: 'Check that the base URL is the FlowX runtime (it normally ends in /rtm).',
            httpStatus,
            ...detail
          }
        }
      }
      const words = [said.message, said.detail].filter(Boolean).join(' ')
      const wrong = wrongIdOf(words, ids)
      return {
        ok: false,
        stage: 'flowx',
        notFound: wrong,
        error: { code: 'NOT_FOUND', ...notFoundMessage(wrong, ids), httpStatus, detail: words }
      }
    }
    return {
      ok: false,
      stage: 'flowx',
      error: {
        code: status >= 500 ? 'SERVER' : 'HTTP_ERROR',
        message: said.message,
        httpStatus,
        ...detail
      }
    }
  }

  private async get(
    connection: LaunchConnection,
    baseUrl: string,
    path: string,
    token: string | undefined,
    signal: AbortSignal | undefined
  ): Promise<{ ok: true; response: GetAnswer } | { ok: false; error: AppError }> {
    const inactivityTimeoutMs = this.deps.inactivityTimeoutMs ?? 15_000
    const deadlineMs = this.deps.deadlineMs ?? 30_000
    const deadline = AbortSignal.timeout(deadlineMs)
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Flowx-Platform': connection.platform || 'web',
      ...(token ? { Authorization: `Bearer ${token}` } : {})
    }
    const result = await getText({
      baseUrl,
      path,
      headers,
      inactivityTimeoutMs,
      signal: combined,
      transport: connection.transport ?? directTransport()
    })
    if (result.ok) return result
    const aborted = combined.aborted
      ? { aborted: combined.reason === deadline.reason ? ('deadline' as const) : ('user' as const) }
      : {}
    const classified = classifyTransportError(result.error, {
      requestSent: false,
      baseUrl,
      inactivityTimeoutMs,
      deadlineMs,
      ...aborted
    })
    const error = classified.error ?? {
      code: 'NETWORK',
      message: 'The server could not be reached.'
    }
    // A GET changes nothing: the start-specific "check before retrying" hint does not apply.
    return { ok: false, error: { ...error, hint: undefined } }
  }

  /** The bearer to send: the fixed token, or one from the token manager. */
  private async tokenFor(
    connection: LaunchConnection,
    options: { force?: boolean; signal?: AbortSignal }
  ): Promise<string | undefined> {
    if (!connection.credentials) return connection.token
    const { tokens } = this.deps
    if (!tokens) throw new AppFailure('INTERNAL', 'Token renewal is not available here.')
    const access = await tokens.get(connection.profileId, connection.credentials, {
      ...options,
      ...(connection.issuerTransport ? { transport: connection.issuerTransport } : {})
    })
    return access.value
  }
}

function checkId(value: string, label: string): string {
  const parsed = FlowxId.safeParse(value)
  if (!parsed.success) {
    throw new AppFailure(
      'INVALID_INPUT',
      value.trim() === ''
        ? `Enter the ${label}.`
        : `The ${label} is not well formed: use letters, digits, dot, dash and underscore.`
    )
  }
  return parsed.data
}

function invalid(message: string): AppError {
  return { code: 'INVALID_INPUT', message }
}

function errorOf(failure: unknown): AppError {
  return failure instanceof AppFailure
    ? failure.error
    : { code: 'INTERNAL', message: 'Build info could not be asked for.' }
}

function unwrap(answer: BuildInfoAnswer): BuildInfoResult {
  if (answer.ok) return answer.result
  const { code, message, ...extra } = answer.error
  throw new AppFailure(code, message, extra)
}

/** Where a redirect pointed, without query or credentials. */
function redirectTarget(location: string): string {
  try {
    const url = new URL(location, 'http://unknown.invalid')
    return url.origin + url.pathname
  } catch {
    return 'another address'
  }
}
