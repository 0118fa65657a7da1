/** `flowx-launcher run NAME_OR_FILE`: a saved launch of the library, on a profile. */
import { randomUUID } from 'node:crypto'

import { userName } from '../../core/batch/user'
import { prepareLaunch } from '../../core/workbench/prepare'
import { AppFailure } from '../../shared/errors'
import { resolveConnection } from '../connection'
import { CliError, type CliContext } from '../context'
import { parseExpectFlag } from '../expect-flag'
import { EXIT, type ExitCode } from '../exit-codes'
import { checkPlatform, parseTimeout } from '../start-input'
import { parseVars, printDryRun } from '../workbench-input'
import { launch } from './start'

export interface RunFlags {
  profile?: string
  var?: string[]
  json?: boolean
  dryRun?: boolean
  confirm?: string
  ticket?: string
  note?: string
  platform?: string
  timeout?: string
  dataDir?: string
  /** What FlowX should answer (started, 400, 4xx…): exit 0 when it does. */
  expect?: string
}

export async function runRun(
  ctx: CliContext,
  nameOrFile: string,
  flags: RunFlags
): Promise<ExitCode> {
  const vars = parseVars(flags.var)
  const timeouts = parseTimeout(flags.timeout)
  const expectation = parseExpectFlag(flags.expect)
  const core = await ctx.openCore(ctx.dataDir(flags.dataDir), timeouts)
  try {
    const doc = await core.library.find(nameOrFile).catch((error: unknown) => {
      if (error instanceof AppFailure) throw new CliError(error.message, error.error.hint)
      throw error
    })
    const profileName = flags.profile ?? core.profiles.get(core.profiles.startupId() ?? '').name
    const resolved = await resolveConnection(ctx, core, { kind: 'profile', name: profileName })
    const profile = resolved.profile
    if (!profile) throw new CliError(`No profile named “${profileName}”.`)
    if (!flags.profile) ctx.out.err(`Profile: ${profile.name} (choose another with --profile).`)
    const { launch: saved } = doc
    const prepared = await prepareLaunch({}, profile, {
      target: saved.target,
      payload: saved.payload,
      defaults: saved.variables,
      overrides: vars.overrides,
      prompts: vars.prompts
    })
    const { preview } = prepared
    if (preview.problem || !prepared.target) {
      const problem = preview.problem
      const hint =
        problem?.kind === 'prompt'
          ? `Answer with --var '?${problem.prompts[0]}=VALUE'.`
          : problem?.kind === 'unresolved'
            ? `Give it a value with --var ${problem.variable}=VALUE.`
            : undefined
      throw new CliError(`“${saved.name}”: ${problem?.message ?? 'cannot be sent.'}`, hint)
    }
    if (flags.dryRun) {
      printDryRun(ctx, preview, flags.json === true)
      return EXIT.STARTED
    }
    if (profile.protected && flags.confirm !== profile.name) {
      throw new CliError(
        `“${profile.name}” is a protected profile: nothing was sent.`,
        `Add --confirm "${profile.name}" to start in it.`
      )
    }
    const platform = checkPlatform(flags.platform, profile.platform || 'web')
    const connection = { ...(await resolved.connection()), platform }
    const ticket = flags.ticket ?? (saved.ticket || undefined)
    const request = {
      requestId: randomUUID(),
      target: prepared.target,
      payload: preview.payload,
      allowDuplicate: true,
      context: {
        ...prepared.context,
        savedLaunch: saved.name,
        ...(ticket ? { ticket } : {}),
        ...(flags.note ? { note: flags.note } : {}),
        launchedBy: userName()
      }
    }
    return await launch(ctx, core, connection, request, flags.json === true, expectation)
  } finally {
    await core.close()
  }
}
