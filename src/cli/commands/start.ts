/** `flowx-launcher start`: one launch through core, reported as readable text or one JSON line. */
import { randomUUID } from 'node:crypto'

import type { Core } from '../../core/app'
import type { LaunchConnection, LaunchRequest } from '../../core/launches/launch-service'
import type { LaunchRecord } from '../../shared/domain'
import { parsePayload } from '../../shared/payload'
import { baseUrlNotes, processNameWarnings } from '../../shared/url'
import { planConnection, resolveConnection, type ConnectionFlags } from '../connection'
import { CliError, toAppError, type CliContext, type Signal } from '../context'
import {
  EXIT,
  exitCodeForError,
  exitCodeForLaunch,
  exitCodeForSignal,
  type ExitCode
} from '../exit-codes'
import { launchJson, launchText } from '../launch-report'
import { payloadProblem, readPayload } from '../read-payload'
import { buildTarget, checkPlatform, parseTimeout, type TargetFlags } from '../start-input'

/** The flags of `start`, as commander hands them over. */
export interface StartFlags extends TargetFlags, ConnectionFlags {
  data?: string
  platform?: string
  timeout?: string
  json?: boolean
  /** The profile name, typed to start in a protected profile. */
  confirm?: string
  dataDir?: string
}

/** Run `start`; throws CliError (exit 2) for anything found wrong before sending. */
export async function runStart(ctx: CliContext, flags: StartFlags): Promise<ExitCode> {
  // Everything that needs no files is checked first: a bad flag sends nothing and records nothing.
  const plan = planConnection(ctx, flags)
  const timeouts = parseTimeout(flags.timeout)
  const adHoc =
    plan.kind === 'ad-hoc'
      ? { target: buildTarget(flags), platform: checkPlatform(flags.platform) }
      : undefined

  const payload = await readPayload(flags.data, { stdin: ctx.io.stdin, cwd: ctx.cwd })
  if (!payload.ok) throw new CliError(payload.message)
  const parsed = parsePayload(payload.text)
  if (!parsed.ok) {
    // The app's syntax hints point at its editor's Format button; the message alone says where.
    const hint = parsed.error.code === 'PAYLOAD_TOO_LARGE' ? parsed.error.hint : undefined
    throw new CliError(payloadProblem(payload.origin, parsed.error.message), hint)
  }

  const core = await ctx.openCore(ctx.dataDir(flags.dataDir), timeouts)
  try {
    const resolved = await resolveConnection(ctx, core, plan)
    const profile = resolved.profile
    if (profile?.protected && flags.confirm !== profile.name) {
      // The app asks for the name to be typed before starting in production; so does the CLI.
      throw new CliError(
        `“${profile.name}” is a protected profile: nothing was sent.`,
        `Add --confirm "${profile.name}" to start in it.`
      )
    }
    const target = adHoc?.target ?? buildTarget(flags, profile?.defaults)
    const platform = adHoc?.platform ?? checkPlatform(flags.platform, profile?.platform || 'web')
    const connection = { ...(await resolved.connection()), platform }
    // Remarks, not errors: printed only once the launch is going ahead.
    const notes = adHoc ? baseUrlNotes(connection.baseUrl) : []
    for (const note of [...notes, ...processNameWarnings(target.processName)]) {
      ctx.out.err(`Note: ${note}`)
    }
    // The CLI is for scripts and testers replaying payloads on purpose: the app's duplicate-start
    // warning would fail a deliberate loop, so the CLI keeps starting every time it is asked.
    const request = { requestId: randomUUID(), target, payload: payload.text, allowDuplicate: true }
    return await launch(ctx, core, connection, request, flags.json === true)
  } finally {
    await core.close()
  }
}

/** Start the process; SIGINT or SIGTERM while in flight cancels it and the ledger records that. */
async function launch(
  ctx: CliContext,
  core: Core,
  connection: LaunchConnection,
  request: LaunchRequest,
  json: boolean
): Promise<ExitCode> {
  let interrupted: Signal | undefined
  const tokenFetch = new AbortController()
  const handlers = new Map<Signal, () => void>()
  const stopListening = (): void => {
    for (const [signal, handler] of handlers) ctx.signals.off(signal, handler)
    handlers.clear()
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    handlers.set(signal, () => {
      interrupted ??= signal
      // A second Ctrl+C gets the default behaviour (exit at once) should cancelling stall.
      stopListening()
      tokenFetch.abort()
      core.launches.cancel(request.requestId)
    })
  }
  for (const [signal, handler] of handlers) ctx.signals.on(signal, handler)

  if (connection.credentials) {
    // The token is fetched first, so an identity provider that refuses is a plain input problem:
    // nothing went to FlowX and nothing was recorded. The launch then reuses the held token.
    try {
      await core.tokens.get(connection.profileId, connection.credentials, {
        signal: tokenFetch.signal,
        ...(connection.issuerTransport ? { transport: connection.issuerTransport } : {})
      })
    } catch (error) {
      stopListening()
      ctx.fail(toAppError(error))
      return interrupted ? exitCodeForSignal(interrupted) : EXIT.INVALID_INPUT
    }
  }

  let record: LaunchRecord
  try {
    record = await core.launches.start(connection, request)
  } catch (error) {
    const appError = toAppError(error)
    ctx.fail(appError)
    return interrupted
      ? exitCodeForSignal(interrupted)
      : exitCodeForError(appError, 'during-launch')
  } finally {
    stopListening()
  }

  if (json) {
    ctx.out.json(launchJson(record))
  } else {
    const { stream, lines } = launchText(record)
    if (stream === 'out') ctx.out.out(...lines)
    else ctx.out.err(...lines)
  }
  return interrupted ? exitCodeForSignal(interrupted) : exitCodeForLaunch(record)
}
