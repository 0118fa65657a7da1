/**
 * Starts a process and keeps the ledger honest: the launch is written as pending before the call
 * and completed after it, so a crash mid-call leaves "outcome unknown", never a gap (DESIGN.md §3).
 * Starting a process is not idempotent: nothing here retries a start.
 */
import type { LaunchRecord, ProfileColor, StartTarget } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { parsePayload } from '../../shared/payload'
import { buildStartPath, startTargetProblem, validateBaseUrl } from '../../shared/url'
import type { Ledger } from '../history'
import { startProcess } from '../launcher'
import type { Logger } from '../ports'
import { tokenKey, type ProfileService } from '../profiles/profile-service'
import type { SecretVault } from '../secrets/secret-vault'
import { duplicateFailure, recentDuplicate } from './recent-duplicate'
import type { SandboxHost } from './sandbox-host'

/** Where and as whom a launch goes: a stored profile or the CLI's ad hoc flags. */
export interface LaunchConnection {
  profileId: string
  profileName: string
  profileColor: ProfileColor
  baseUrl: string
  platform: string
  token?: string
}

export interface LaunchRequest {
  requestId: string
  target: StartTarget
  /** The payload as JSON text, exactly as the user wrote it. */
  payload: string
  /** Start even if the same launch was started in the last minute (DUPLICATE_START otherwise). */
  allowDuplicate?: boolean
}

export interface LaunchTimeouts {
  inactivityTimeoutMs: number
  deadlineMs: number
}

export const DEFAULT_TIMEOUTS: LaunchTimeouts = { inactivityTimeoutMs: 30_000, deadlineMs: 120_000 }

export interface LaunchServiceDeps {
  ledger: Ledger
  logger: Logger
  profiles?: ProfileService
  vault?: SecretVault
  sandbox?: SandboxHost
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
  async connectionFor(profileId: string): Promise<LaunchConnection> {
    const { profiles, vault, sandbox } = this.deps
    if (!profiles || !vault) throw new AppFailure('INTERNAL', 'Profiles are not available here.')
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
      // A fresh token per launch: the sandbox may outlive any one token in a long session.
      const token = running.issueToken({ sub: 'demo', expiresInSec: 3600 })
      return { ...base, baseUrl: running.baseUrl, token }
    }
    const token = await vault.get(tokenKey(profile.id))
    if (!token) {
      throw new AppFailure('TOKEN_MISSING', `No bearer token is set for “${profile.name}”.`, {
        hint: 'Open Profiles and paste a token for this environment.'
      })
    }
    return { ...base, baseUrl: profile.baseUrl, token }
  }

  /** Validate locally, record as pending, call FlowX, record the outcome. */
  async start(connection: LaunchConnection, request: LaunchRequest): Promise<LaunchRecord> {
    const payload = parsePayload(request.payload)
    if (!payload.ok) throw new AppFailure(payload.error.code, payload.error.message, payload.error)
    const base = validateBaseUrl(connection.baseUrl)
    if (!base.ok) throw new AppFailure('INVALID_INPUT', base.message)
    const targetProblem = startTargetProblem(request.target)
    if (targetProblem) throw new AppFailure('INVALID_INPUT', targetProblem)
    if (this.inflight.has(request.requestId)) {
      throw new AppFailure('BUSY', 'This launch is already on its way.')
    }

    const { target } = request
    const now = this.deps.now?.() ?? new Date()
    if (!request.allowDuplicate) {
      const launch = { profileId: connection.profileId, target, payload: request.payload }
      const earlier = recentDuplicate(this.deps.ledger, launch, now)
      if (earlier) throw duplicateFailure(earlier, now)
    }
    const path = buildStartPath(target)
    const record = this.deps.ledger.begin({
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
      path,
      payload: request.payload
    })

    const controller = new AbortController()
    this.inflight.set(request.requestId, controller)
    try {
      const timeouts = this.deps.timeouts ?? DEFAULT_TIMEOUTS
      const outcome = await startProcess({
        baseUrl: base.url,
        platform: connection.platform,
        token: connection.token,
        target,
        payload: payload.value,
        signal: controller.signal,
        ...timeouts
      })
      this.deps.logger.info('launch finished', {
        id: record.id,
        status: outcome.status,
        httpStatus: outcome.httpStatus,
        code: outcome.error?.code
      })
      return this.deps.ledger.complete(record.id, {
        status: outcome.status,
        httpStatus: outcome.httpStatus,
        durationMs: outcome.durationMs,
        instance: outcome.instance,
        error: outcome.error
      })
    } finally {
      this.inflight.delete(request.requestId)
    }
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
