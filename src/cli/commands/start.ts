/** `flowx-launcher start`: one launch through core, reported as readable text or one JSON line. */
import { randomUUID } from 'node:crypto'

import type { Core } from '../../core/app'
import type { LaunchConnection, LaunchRequest } from '../../core/launches/launch-service'
import type { LaunchRecord, StartTarget } from '../../shared/domain'
import { parsePayload } from '../../shared/payload'
import { BearerTokenSchema } from '../../shared/schemas'
import { baseUrlNotes, processNameWarnings, validateBaseUrl } from '../../shared/url'
import { CliError, toAppError, TOKEN_ENV, type CliContext, type Signal } from '../context'
import {
  exitCodeForError,
  exitCodeForLaunch,
  exitCodeForSignal,
  type ExitCode
} from '../exit-codes'
import { launchJson, launchText } from '../launch-report'
import { readPayload } from '../read-payload'
import {
  buildTarget,
  checkField,
  checkPlatform,
  parseTimeout,
  type TargetFlags
} from '../start-input'

/** The flags of `start`, as commander hands them over. */
export interface StartFlags extends TargetFlags {
  baseUrl?: string
  profile?: string
  data?: string
  platform?: string
  timeout?: string
  json?: boolean
  /** The profile name, typed to start in a protected profile. */
  confirm?: string
  dataDir?: string
}

interface Launch {
  connection: LaunchConnection
  target: StartTarget
}

/** Run `start`; throws CliError (exit 2) for anything found wrong before sending. */
export async function runStart(ctx: CliContext, flags: StartFlags): Promise<ExitCode> {
  // Everything that needs no files is checked first: a bad flag sends nothing and records nothing.
  if (flags.baseUrl !== undefined && flags.profile !== undefined) {
    throw new CliError('Use either --base-url or --profile, not both.')
  }
  if (flags.baseUrl === undefined && flags.profile === undefined) {
    throw new CliError(`Pass --base-url URL (with ${TOKEN_ENV} set) or --profile NAME.`)
  }
  const token = checkToken(ctx.token())
  const timeouts = parseTimeout(flags.timeout)
  const adHoc = flags.baseUrl === undefined ? undefined : adHocLaunch(flags, token)

  const payload = await readPayload(flags.data, { stdin: ctx.io.stdin, cwd: ctx.cwd })
  if (!payload.ok) throw new CliError(payload.message)
  const parsed = parsePayload(payload.text)
  if (!parsed.ok) {
    // The app's syntax hints point at its editor's Format button; the message alone says where.
    const hint = parsed.error.code === 'PAYLOAD_TOO_LARGE' ? parsed.error.hint : undefined
    throw new CliError(`--data: ${parsed.error.message}`, hint)
  }

  const core = await ctx.openCore(ctx.dataDir(flags.dataDir), timeouts)
  try {
    const { connection, target } = adHoc ?? (await profileLaunch(core, flags, token))
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

/** FLOWX_TOKEN checked like a pasted token; the message never includes the value. */
function checkToken(token: string | undefined): string | undefined {
  return token === undefined ? undefined : checkField(BearerTokenSchema, token, TOKEN_ENV)
}

/** A launch with `--base-url`: an ad hoc connection named after the host. */
function adHocLaunch(flags: StartFlags, token: string | undefined): Launch {
  const base = validateBaseUrl(flags.baseUrl ?? '')
  if (!base.ok) throw new CliError(`--base-url: ${base.message}`)
  const target = buildTarget(flags)
  const platform = checkPlatform(flags.platform)
  if (token === undefined) {
    throw new CliError(
      `${TOKEN_ENV} is not set.`,
      `Set it to the access token for ${new URL(base.url).host}; the CLI never takes a token as a flag.`
    )
  }
  const connection: LaunchConnection = {
    profileId: 'cli',
    profileName: new URL(base.url).host,
    profileColor: 'slate',
    baseUrl: base.url,
    platform,
    token
  }
  return { connection, target }
}

/** A launch with `--profile`: the stored profile's URL, platform and default ids under the flags. */
async function profileLaunch(
  core: Core,
  flags: StartFlags,
  token: string | undefined
): Promise<Launch> {
  const name = flags.profile ?? ''
  const profile = core.profiles.findByName(name)
  if (!profile) {
    throw new CliError(`No profile named “${name}”.`, 'Run `flowx-launcher profiles` to list them.')
  }
  if (profile.protected && flags.confirm !== profile.name) {
    // The app asks for the name to be typed before starting in production; so does the CLI.
    throw new CliError(
      `“${profile.name}” is a protected profile: nothing was sent.`,
      `Add --confirm "${profile.name}" to start in it.`
    )
  }
  const target = buildTarget(flags, profile.defaults)
  const platform = checkPlatform(flags.platform, profile.platform || 'web')
  if (profile.localSandbox) {
    // As in the app: the in-process sandbox starts on demand and its own demo token is used, so
    // a FLOWX_TOKEN exported for a real environment does not get in the way.
    const connection = await core.launches.connectionFor(profile.id)
    return { connection: { ...connection, platform }, target }
  }
  if (token === undefined) {
    // The app encrypts saved tokens with the OS keychain through Electron: unreadable from here.
    throw new CliError(
      `${TOKEN_ENV} is not set, and the token saved for “${profile.name}” can be read only by the app.`,
      `Set ${TOKEN_ENV} to the access token for this environment.`
    )
  }
  const connection: LaunchConnection = {
    profileId: profile.id,
    profileName: profile.name,
    profileColor: profile.color,
    baseUrl: profile.baseUrl,
    platform,
    token
  }
  return { connection, target }
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
      core.launches.cancel(request.requestId)
    })
  }
  for (const [signal, handler] of handlers) ctx.signals.on(signal, handler)

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
