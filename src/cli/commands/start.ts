/** `flowx-launcher start`: one launch through core, reported as readable text or one JSON line. */
import { randomUUID } from 'node:crypto'

import type { Core } from '../../core/app'
import type { LaunchConnection, LaunchRequest } from '../../core/launches/launch-service'
import { userName } from '../../core/batch/user'
import { recordVerdict, type Expectation } from '../../shared/batch-expectations'
import type { LaunchContext, LaunchRecord, StartTarget } from '../../shared/domain'
import { parsePayload } from '../../shared/payload'
import { hasPlaceholders } from '../../shared/templates/scan'
import type { TemplateResolver } from '../../shared/templates'
import { baseUrlNotes, buildStartPath, processNameWarnings } from '../../shared/url'
import type { SavedLaunchDocument } from '../../shared/workbench'
import {
  planConnection,
  resolveAdHoc,
  resolveConnection,
  type ConnectionFlags
} from '../connection'
import { CliError, toAppError, type CliContext } from '../context'
import { parseExpectFlag } from '../expect-flag'
import {
  EXIT,
  exitCodeForError,
  exitCodeForLaunch,
  exitCodeForSignal,
  type ExitCode
} from '../exit-codes'
import { watchInterrupt } from '../interrupt'
import type { LaunchCore } from '../launch-core'
import { launchJson, launchText } from '../launch-report'
import { payloadProblem, readPayload, type PayloadOrigin } from '../read-payload'
import { buildTarget, checkPlatform, parseTimeout, type TargetFlags } from '../start-input'
import { parseVars, printDryRun } from '../vars'

/** The flags of `start`, as commander hands them over. */
export interface StartFlags extends TargetFlags, ConnectionFlags {
  data?: string
  platform?: string
  timeout?: string
  json?: boolean
  /** The profile name, typed to start in a protected profile. */
  confirm?: string
  dataDir?: string
  /** `name=value` values for {{variables}} (and `?Label=answer` for prompts). */
  var?: string[]
  /** Also save the launch, as written, to the library under this name. */
  saveAs?: string
  /** Print the resolved URL and payload; send nothing. */
  dryRun?: boolean
  ticket?: string
  note?: string
  /** What FlowX should answer (started, 400, 4xx…): exit 0 when it does. */
  expect?: string
}

const TARGET_FLAGS = ['build', 'workspace', 'app', 'process'] as const

/** Run `start`; throws CliError (exit 2) for anything found wrong before sending. */
export async function runStart(ctx: CliContext, flags: StartFlags): Promise<ExitCode> {
  // Everything that needs no files is checked first: a bad flag sends nothing and records nothing.
  const plan = planConnection(ctx, flags)
  const timeouts = parseTimeout(flags.timeout)
  const vars = parseVars(flags.var)
  const expectation = parseExpectFlag(flags.expect)
  const templatedTarget = TARGET_FLAGS.some((f) => flags[f]?.includes('{{'))
  const adHoc =
    plan.kind === 'ad-hoc' && !templatedTarget
      ? { target: buildTarget(flags), platform: checkPlatform(flags.platform) }
      : undefined

  const payload = await readPayload(flags.data, { stdin: ctx.io.stdin, cwd: ctx.cwd })
  if (!payload.ok) throw new CliError(payload.message)
  const templated = hasPlaceholders(payload.text)
  if (!templated) checkPayload(payload.origin, payload.text)

  // A launch with --base-url needs no stored profile, secret or library: only the history is
  // opened (launch-core.ts). A profile, or --save-as (the library), opens all of core.
  const dataDir = ctx.dataDir(flags.dataDir)
  const core: LaunchCore | Core =
    plan.kind === 'ad-hoc' && flags.saveAs === undefined
      ? await ctx.openLaunchCore(dataDir, timeouts)
      : await ctx.openCore(dataDir, timeouts)
  try {
    const resolved =
      plan.kind === 'ad-hoc'
        ? await resolveAdHoc(ctx, core.tokens, plan)
        : await resolveConnection(ctx, core as Core, plan)
    const profile = resolved.profile
    // Ids and process name may hold {{variables}}: resolved before they are checked as ids. The
    // template engine loads only then.
    let resolver: TemplateResolver | undefined
    if (templated || templatedTarget) {
      const { TemplateResolver } = await import('../../shared/templates')
      resolver = new TemplateResolver({
        overrides: vars.overrides,
        profileVariables: profile?.variables,
        profileDefaults: profile?.defaults,
        prompts: vars.prompts
      })
    }
    let target: StartTarget
    let text: string
    try {
      const targetFlags: TargetFlags = {}
      for (const f of TARGET_FLAGS) {
        const value = flags[f]
        if (value !== undefined)
          targetFlags[f] = resolver
            ? resolver.resolve(value, { json: false, field: `--${f}` })
            : value
      }
      target = adHoc?.target ?? buildTarget(targetFlags, profile?.defaults)
      text = resolver
        ? resolver.resolve(payload.text, { json: true, field: 'the payload' })
        : payload.text
    } catch (error) {
      if (!resolver) throw error
      return (await import('../workbench-input')).templateFailure(error)
    }
    if (templated) checkPayload(payload.origin, text, true)
    const platform = adHoc?.platform ?? checkPlatform(flags.platform, profile?.platform || 'web')
    const values = resolver?.values() ?? {}
    const context: LaunchContext = {
      ...(templated ? { template: payload.text } : {}),
      ...(Object.keys(values).length > 0 ? { variables: values } : {}),
      ...(flags.ticket ? { ticket: flags.ticket } : {}),
      ...(flags.note ? { note: flags.note } : {}),
      launchedBy: userName()
    }
    if (flags.saveAs !== undefined) {
      const { library } = core as Core
      const doc = await saveAs(library, flags, payload.text, vars.overrides, target, !!profile)
      context.savedLaunch = doc.launch.name
      ctx.out.err(`Saved as “${doc.launch.name}” (${library.pathOf(doc.entry)}).`)
    }
    if (flags.dryRun) {
      const base = plan.kind === 'ad-hoc' ? plan.baseUrl : (profile?.baseUrl ?? '')
      const url = `${base.replace(/\/+$/, '')}${buildStartPath(target)}`
      printDryRun(ctx, { url, payload: text, variables: values }, flags.json === true)
      return EXIT.STARTED
    }
    if (profile?.protected && flags.confirm !== profile.name) {
      // The app asks for the name to be typed before starting in production; so does the CLI.
      throw new CliError(
        `“${profile.name}” is a protected profile: nothing was sent.`,
        `Add --confirm "${profile.name}" to start in it.`
      )
    }
    const connection = { ...(await resolved.connection()), platform }
    // Remarks, not errors: printed only once the launch is going ahead.
    const notes = plan.kind === 'ad-hoc' ? baseUrlNotes(connection.baseUrl) : []
    for (const note of [...notes, ...processNameWarnings(target.processName)]) {
      ctx.out.err(`Note: ${note}`)
    }
    // The CLI is for scripts and testers replaying payloads on purpose: the app's duplicate-start
    // warning would fail a deliberate loop, so the CLI keeps starting every time it is asked.
    const request = {
      requestId: randomUUID(),
      target,
      payload: text,
      allowDuplicate: true,
      context
    }
    return await launch(ctx, core, connection, request, flags.json === true, expectation)
  } finally {
    await core.close()
  }
}

/** Refuse a payload that is not a JSON object of at most 1 MB (exit 2). */
function checkPayload(origin: PayloadOrigin, text: string, resolved = false): void {
  const parsed = parsePayload(text)
  if (parsed.ok) return
  // The app's syntax hints point at its editor's Format button; the message alone says where.
  const hint = parsed.error.code === 'PAYLOAD_TOO_LARGE' ? parsed.error.hint : undefined
  const message = resolved ? `once resolved: ${parsed.error.message}` : parsed.error.message
  throw new CliError(payloadProblem(origin, message), hint)
}

/**
 * Save the launch as written: flags as typed, ids taken from the profile as {{workspaceId}},
 * {{appId}}, {{buildId}} (so it runs on any profile), --var values as its defaults.
 */
async function saveAs(
  library: Core['library'],
  flags: StartFlags,
  payload: string,
  defaults: Record<string, string>,
  target: StartTarget,
  fromProfile: boolean
): Promise<SavedLaunchDocument> {
  const id = (
    flag: string | undefined,
    name: 'workspaceId' | 'appId' | 'buildId',
    used: boolean
  ) =>
    !used ? '' : (flag ?? (fromProfile ? `{{${name}}}` : (target as Record<string, string>)[name]))
  return library.save({
    launch: {
      name: flags.saveAs ?? '',
      description: '',
      tags: [],
      target: {
        mode: target.mode,
        workspaceId: id(flags.workspace, 'workspaceId', target.mode === 'workspace'),
        appId: id(flags.app, 'appId', true),
        buildId: id(flags.build, 'buildId', target.mode === 'build'),
        processName: flags.process ?? target.processName
      },
      payload,
      variables: defaults,
      ticket: flags.ticket ?? '',
      notes: flags.note ?? ''
    }
  })
}

/**
 * Start the process; SIGINT or SIGTERM while in flight cancels it and the ledger records that. With
 * an `expectation` the launch is judged by it (and keeps it in the history): exit 0 when FlowX
 * answered as expected, 1 when not (a start where a refusal was expected included), 3 when unknown.
 */
export async function launch(
  ctx: CliContext,
  core: LaunchCore,
  connection: LaunchConnection,
  given: LaunchRequest,
  json: boolean,
  expectation?: Expectation
): Promise<ExitCode> {
  const request: LaunchRequest = expectation
    ? { ...given, context: { ...given.context, expected: expectation.label } }
    : given
  const tokenFetch = new AbortController()
  const interrupt = watchInterrupt(ctx.signals, () => {
    tokenFetch.abort()
    core.launches.cancel(request.requestId)
  })

  if (connection.credentials) {
    // The token is fetched first, so an identity provider that refuses is a plain input problem:
    // nothing went to FlowX and nothing was recorded. The launch then reuses the held token.
    try {
      await core.tokens.get(connection.profileId, connection.credentials, {
        signal: tokenFetch.signal,
        ...(connection.issuerTransport ? { transport: connection.issuerTransport } : {})
      })
    } catch (error) {
      interrupt.stop()
      ctx.fail(toAppError(error))
      return interrupt.signal ? exitCodeForSignal(interrupt.signal) : EXIT.INVALID_INPUT
    }
  }

  let record: LaunchRecord
  try {
    record = await core.launches.start(connection, request)
  } catch (error) {
    const appError = toAppError(error)
    ctx.fail(appError)
    return interrupt.signal
      ? exitCodeForSignal(interrupt.signal)
      : exitCodeForError(appError, 'during-launch')
  } finally {
    interrupt.stop()
  }

  const verdict = expectation
    ? recordVerdict({ ...record, expected: expectation.label })
    : undefined
  if (json) {
    ctx.out.json({
      ...launchJson(record),
      ...(verdict ? { expected: verdict.expected, asExpected: verdict.met } : {})
    })
  } else {
    const { stream, lines } = launchText(record)
    if (stream === 'out') ctx.out.out(...lines)
    else ctx.out.err(...lines)
    if (verdict) ctx.out.err(`Expected ${verdict.expected}: ${verdict.met ? 'met' : 'not met'}.`)
  }
  if (interrupt.signal) return exitCodeForSignal(interrupt.signal)
  const code = exitCodeForLaunch(record)
  if (!verdict) return code
  if (verdict.met) return EXIT.STARTED
  // Not as expected: the launch's own code, or 1 for a start where a refusal was expected.
  return code === EXIT.STARTED ? EXIT.FLOWX_ERROR : code
}
