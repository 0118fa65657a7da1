/**
 * `flowx-launcher build-info`: the build FlowX will use for (workspace, app) — the 5.x route with
 * the 4.x app-only fallback — or the build a launched instance runs on, with the profile's token.
 */
import { BuildInfoClient } from '../../core/build-info/build-info'
import type { BuildInfoResult } from '../../shared/domain'
import { AppFailure, type AppError } from '../../shared/errors'
import { planConnection, resolveConnection, type ConnectionFlags } from '../connection'
import { CliError, type CliContext } from '../context'
import { EXIT, type ExitCode } from '../exit-codes'
import { fields } from '../output'

/** The flags of `build-info`, as commander hands them over. */
export interface BuildInfoFlags extends ConnectionFlags {
  workspace?: string
  app?: string
  instance?: string
  json?: boolean
  dataDir?: string
}

/** No answer came back: FlowX may be fine, the route to it is not. */
const NO_ANSWER: ReadonlySet<AppError['code']> = new Set([
  'NETWORK',
  'TIMEOUT',
  'CANCELLED',
  'TLS',
  'UNREADABLE_RESPONSE'
])

/** Exit 1 when FlowX answered with an error, 3 without an answer, 2 for anything local. */
export function buildInfoExit(error: AppError): ExitCode {
  if (error.httpStatus !== undefined) return EXIT.FLOWX_ERROR
  if (NO_ANSWER.has(error.code)) return EXIT.NOT_CONFIRMED
  return EXIT.INVALID_INPUT
}

/** Run `build-info`. */
export async function runBuildInfo(ctx: CliContext, flags: BuildInfoFlags): Promise<ExitCode> {
  if (flags.instance !== undefined && (flags.workspace !== undefined || flags.app !== undefined)) {
    throw new CliError(
      '--instance reads the build of one instance: leave out --workspace and --app.'
    )
  }
  const plan = planConnection(ctx, flags)
  const core = await ctx.openCore(ctx.dataDir(flags.dataDir))
  try {
    const resolved = await resolveConnection(ctx, core, plan)
    const defaults = resolved.profile?.defaults
    const workspaceId = flags.workspace ?? defaults?.workspaceId ?? ''
    const appId = flags.app ?? defaults?.appId ?? ''
    if (flags.instance === undefined && appId.trim() === '') {
      throw new CliError(
        resolved.profile
          ? `Pass --app ID: “${resolved.profile.name}” has no default app id.`
          : 'Pass --app ID (and --workspace ID on FlowX 5.x and later).'
      )
    }
    const connection = await resolved.connection()
    const client = new BuildInfoClient({ tokens: core.tokens })
    let result: BuildInfoResult
    try {
      result =
        flags.instance !== undefined
          ? await client.instanceInfo(connection, flags.instance)
          : await client.info(connection, { workspaceId, appId })
    } catch (failure) {
      if (!(failure instanceof AppFailure)) throw failure
      ctx.fail(failure.error)
      return buildInfoExit(failure.error)
    }
    if (flags.json) ctx.out.json(result.raw)
    else ctx.out.out(...buildInfoLines(result, flags.instance))
    return EXIT.STARTED
  } finally {
    await core.close()
  }
}

const VIA: Record<BuildInfoResult['via'], string> = {
  workspace: 'active build, by workspace',
  app: 'active build, FlowX 4.x form (by app)',
  instance: 'build of the instance'
}

/** The human-readable answer: a heading and one labelled line per field FlowX returned. */
export function buildInfoLines(result: BuildInfoResult, instance?: string): string[] {
  const { info } = result
  const settings = info.buildSettings ?? {}
  const number = settings.numberDisplayFormat
  const decimals =
    number && (number.minDecimals !== undefined || number.maxDecimals !== undefined)
      ? `${number.minDecimals ?? '?'}–${number.maxDecimals ?? '?'}`
      : undefined
  return [
    `Build ${info.buildId ?? '(not given)'} — ${VIA[result.via]}`,
    ...fields([
      ['Instance', instance],
      ['Status', info.status],
      ['Version', settings.applicationVersionId],
      ['Workspace', info.workspaceId],
      ['App', info.applicationId],
      ['Platforms', settings.platforms],
      ['Language', settings.defaultLanguageCode],
      ['Theme', settings.themeId],
      ['Date format', settings.dateDisplayFormat?.format],
      ['Decimals', decimals],
      ['Currency format', settings.currencyDisplayFormat?.format]
    ])
  ]
}
