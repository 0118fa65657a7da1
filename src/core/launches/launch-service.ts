/**
 * Starts a process and keeps the ledger honest: the launch is written as pending before the call
 * and completed after it, so a crash mid-call leaves "outcome unknown", never a gap (DESIGN.md §3).
 * Starting a process is not idempotent: nothing here retries a start (send-launch.ts sends the
 * recorded launch and completes its record).
 */
import type { LaunchContext, LaunchRecord, NewLaunch, StartTarget } from '../../shared/domain'
import { AppFailure, type AppError } from '../../shared/errors'
import { parsePayload } from '../../shared/payload'
import { buildStartPath, startTargetProblem } from '../../shared/url'
import type { TokenManager } from '../auth/token-manager'
import type { Ledger } from '../history'
import { checkedBaseUrl } from '../launcher'
import type { Logger } from '../ports'
import type { ProfileService } from '../profiles/profile-service'
import { bearerFor, type Connections, type LaunchConnection } from './connections'
import { DUPLICATE_WINDOW_MS, duplicateFailure } from './recent-duplicate'
import { sendLaunch, type LaunchTimeouts, type RecordedLaunch } from './send-launch'

export type { LaunchConnection } from './connections'
export { DEFAULT_TIMEOUTS, type LaunchTimeouts } from './send-launch'

export interface LaunchRequest {
  requestId: string
  target: StartTarget
  /** The payload as JSON text, exactly as the user wrote it. */
  payload: string
  /** Start even if the same launch was started in the last minute (DUPLICATE_START otherwise). */
  allowDuplicate?: boolean
  /** Where the launch came from (template, variables, ticket, batch row…), kept in the ledger. */
  context?: LaunchContext
  /** A token pasted with a cURL command, sent instead of the profile's for this launch only. */
  bearer?: string
}

/** What a caller inside the core may follow of a launch (a batch run frees its slot early). */
export interface LaunchHooks {
  /**
   * FlowX has answered (or the call has ended): the record as it is about to be completed. Called
   * once, just before the completion is written; it must not throw.
   */
  onAnswer?(record: LaunchRecord): void
}

/**
 * A launch recorded as pending, not yet sent (LaunchService.prepare). It leaves once: `send` calls
 * FlowX and records the outcome; `abandon` records it as failed before sending, with `error`.
 */
export interface PreparedLaunch {
  /** The pending record, durable in the ledger. */
  readonly record: LaunchRecord
  send(hooks?: LaunchHooks): Promise<LaunchRecord>
  abandon(error: AppError): Promise<LaunchRecord>
}

export interface LaunchServiceDeps {
  ledger: Ledger
  logger: Logger
  /** Renews access tokens; a connection with credentials needs it. */
  tokens?: TokenManager
  profiles?: ProfileService
  connections?: Connections
  timeouts?: LaunchTimeouts
  /** The clock for start times and the duplicate window; tests pass their own. */
  now?: () => Date
}

export class LaunchService {
  private readonly inflight = new Map<string, AbortController>()

  constructor(private readonly deps: LaunchServiceDeps) {}

  /**
   * Start a process with a stored profile's URL, platform and token. A protected profile needs its
   * name typed as confirmation: enforced here because the renderer is not trusted to ask.
   */
  async startWithProfile(
    profileId: string,
    request: LaunchRequest,
    confirmProfileName?: string
  ): Promise<LaunchRecord> {
    const profile = this.deps.profiles?.get(profileId)
    if (profile?.protected && confirmProfileName !== profile.name) {
      throw new AppFailure(
        'CONFIRMATION_REQUIRED',
        confirmProfileName === undefined
          ? `“${profile.name}” is a protected profile: confirm the start by typing its name.`
          : `The name typed does not match “${profile.name}”, so nothing was sent.`,
        { hint: 'Type the profile name exactly as it is written to confirm the start.' }
      )
    }
    return this.start(await this.connectionFor(profileId), request)
  }

  /** Resolve a stored profile into a connection; the sandbox is started when needed. */
  connectionFor(profileId: string): Promise<LaunchConnection> {
    if (!this.deps.connections) throw new AppFailure('INTERNAL', 'Profiles are not available here.')
    return this.deps.connections.forProfile(profileId)
  }

  /** Validate locally, record as pending, call FlowX, record the outcome. */
  async start(
    connection: LaunchConnection,
    request: LaunchRequest,
    hooks: LaunchHooks = {}
  ): Promise<LaunchRecord> {
    return (await this.prepare(connection, request)).send(hooks)
  }

  /**
   * Validate locally and record the launch as pending; nothing is sent until `send()`. A batch run
   * records its next rows this way while its slots are busy. Every prepared launch must be sent or
   * abandoned: until then its record stays pending (an unknown outcome after a crash).
   */
  async prepare(connection: LaunchConnection, request: LaunchRequest): Promise<PreparedLaunch> {
    const payload = parsePayload(request.payload)
    if (!payload.ok) throw new AppFailure(payload.error.code, payload.error.message, payload.error)
    const base = checkedBaseUrl(connection.baseUrl)
    if (!base.ok) throw new AppFailure('INVALID_INPUT', base.message)
    const targetProblem = startTargetProblem(request.target)
    if (targetProblem) throw new AppFailure('INVALID_INPUT', targetProblem)
    if (this.inflight.has(request.requestId)) {
      throw new AppFailure('BUSY', 'This launch is already on its way.')
    }

    const { target } = request
    const controller = new AbortController()
    this.inflight.set(request.requestId, controller)
    try {
      // The token is fetched before anything is recorded: an identity provider that refuses sends
      // nothing to FlowX, so there is no launch to remember.
      const token = request.bearer ?? (await this.tokenFor(connection, {}))
      if (controller.signal.aborted) {
        throw new AppFailure('CANCELLED', 'Cancelled before anything was sent or recorded.')
      }
      const now = this.deps.now?.() ?? new Date()
      const launch: NewLaunch = {
        ...request.context,
        startedAt: now.toISOString(),
        profileId: connection.profileId,
        profileName: connection.profileName,
        profileColor: connection.profileColor,
        mode: target.mode,
        workspaceId: target.mode === 'workspace' ? target.workspaceId : undefined,
        appId: target.appId,
        buildId: target.mode === 'build' ? target.buildId : undefined,
        processName: target.processName,
        baseUrl: base.url,
        path: buildStartPath(target),
        payload: request.payload,
        tlsVerification: connection.transport?.tlsVerification ?? 'on'
      }
      // The duplicate check and the pending record are one ledger transaction holding the write
      // lock, so two identical starts (two clicks, two processes) can never both be sent.
      const record = await this.record(launch, request.allowDuplicate === true, now)
      return this.prepared({
        connection,
        request,
        controller,
        record,
        token,
        baseUrl: base.url,
        payloadText: payload.text
      })
    } catch (error) {
      this.inflight.delete(request.requestId)
      throw error
    }
  }

  /** A recorded launch that leaves once: sent, or abandoned with nothing sent. */
  private prepared(launch: RecordedLaunch): PreparedLaunch {
    let used = false
    const once = async (use: () => Promise<LaunchRecord>): Promise<LaunchRecord> => {
      if (used) throw new AppFailure('INTERNAL', 'This launch was already sent or abandoned.')
      used = true
      try {
        return await use()
      } finally {
        this.inflight.delete(launch.request.requestId)
      }
    }
    return {
      record: launch.record,
      send: (hooks = {}) => once(() => sendLaunch(launch, this.deps, hooks)),
      abandon: (error) =>
        once(() =>
          this.deps.ledger.complete(launch.record.id, { status: 'failed', durationMs: 0, error })
        )
    }
  }

  /** Write the pending record, refusing a duplicate of the last minute unless allowed. */
  private async record(
    launch: NewLaunch,
    allowDuplicate: boolean,
    now: Date
  ): Promise<LaunchRecord> {
    if (allowDuplicate) return this.deps.ledger.begin(launch)
    const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString()
    const guarded = await this.deps.ledger.beginUnlessDuplicate(launch, since)
    if ('duplicateOf' in guarded) throw duplicateFailure(guarded.duplicateOf, now)
    return guarded.record
  }

  /** The bearer to send: the fixed token, or one from the token manager. */
  private tokenFor(
    connection: LaunchConnection,
    options: { force?: boolean; signal?: AbortSignal }
  ): Promise<string | undefined> {
    return bearerFor(connection, this.deps.tokens, options)
  }

  /** Abort an in-flight launch; true when there was one to abort. */
  cancel(requestId: string): boolean {
    const controller = this.inflight.get(requestId)
    if (!controller) return false
    controller.abort()
    return true
  }

  /** Abort everything in flight (app quitting). */
  cancelAll(): void {
    for (const controller of this.inflight.values()) controller.abort()
  }
}
