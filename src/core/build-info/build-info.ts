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
import { bearerFor, type LaunchConnection } from '../launches/connections'
import { classifyTransportError, redactError, redactText } from '../launcher'
import { directTransport } from '../net/direct'
import { getText, type GetAnswer } from './get-json'
import { isRouteNotFound } from './interpret'
import { authenticated, judgeAnswer, type BuildInfoAnswer, type Call } from './judge'

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

export type { BuildInfoAnswer } from './judge'

const DEFAULT_CACHE_MS = 30_000
const CACHE_LIMIT = 200

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
      const tokenSent = token !== undefined
      const judged = judgeAnswer({
        call,
        answer,
        ids,
        tokenSent,
        fetchedAt: new Date(this.now()).toISOString()
      })
      if (judged.ok) {
        if (tokenSent) this.deps.tokens?.markAccepted(connection.profileId)
        return judged
      }
      // A server may echo the token in its error body (security.md LOG-1): never pass it on.
      const secrets = [token, proxyPasswordOf(connection)].filter((v): v is string => !!v)
      const said = judged.said === undefined ? undefined : redactText(judged.said, secrets)
      // FlowX's verdict on the token is what the token chip shows.
      if (tokenSent && said !== undefined)
        this.deps.tokens?.markRejected(connection.profileId, said)
      else if (tokenSent && authenticated(answer))
        this.deps.tokens?.markAccepted(connection.profileId)
      return {
        ...judged,
        error: redactError(judged.error, secrets),
        ...(said !== undefined ? { said } : {})
      }
    }
    return { ok: false, stage: 'flowx', error: invalid('Nothing to ask.') }
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
  private tokenFor(
    connection: LaunchConnection,
    options: { force?: boolean; signal?: AbortSignal }
  ): Promise<string | undefined> {
    return bearerFor(connection, this.deps.tokens, options)
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

/** The proxy password of a connection's route, to mask like the token. */
function proxyPasswordOf(connection: LaunchConnection): string | undefined {
  const proxy = connection.transport?.proxy
  return proxy && proxy.auth?.password ? proxy.auth.password : undefined
}
