/** `flowx-launcher replay ID`: a launch of the history again, exactly, fresh, or on another profile. */
import { randomUUID } from 'node:crypto'

import { userName } from '../../core/batch/user'
import { planReplay } from '../../core/replay/replay'
import { AppFailure } from '../../shared/errors'
import type { ReplayPlan } from '../../shared/workbench'
import { resolveConnection } from '../connection'
import { CliError, type CliContext } from '../context'
import { parseExpectFlag } from '../expect-flag'
import { EXIT, type ExitCode } from '../exit-codes'
import { parseTimeout } from '../start-input'
import { parseVars } from '../workbench-input'
import { launch } from './start'

export interface ReplayFlags {
  fresh?: boolean
  toProfile?: string
  var?: string[]
  dryRun?: boolean
  json?: boolean
  confirm?: string
  timeout?: string
  dataDir?: string
  /** What FlowX should answer (started, 400, 4xx…): exit 0 when it does. */
  expect?: string
}

/** Old → new, line by line, for the dry run. */
export function planText(plan: ReplayPlan): string[] {
  const lines = [`Replay (${plan.mode}) of ${plan.sourceId}: nothing was sent.`]
  lines.push(`Profile: ${plan.before.profileName} → ${plan.after.profileName}`)
  if (plan.urlChanged) lines.push(`URL:  - ${plan.before.url}`, `      + ${plan.after.url}`)
  else lines.push(`URL:    ${plan.after.url} (unchanged)`)
  for (const r of plan.remapped) lines.push(`Id ${r.name}: ${r.before} → ${r.after}`)
  for (const c of plan.changedVariables) {
    lines.push(`{{${c.name}}}: ${c.before ?? '(none)'} → ${c.after ?? '(none)'}`)
  }
  if (!plan.payloadChanged) lines.push('Payload: unchanged')
  else {
    const before = plan.before.payload.split('\n')
    const after = plan.after.payload.split('\n')
    lines.push('Payload:')
    const max = Math.max(before.length, after.length)
    for (let i = 0; i < max; i++) {
      if (before[i] === after[i]) lines.push(`    ${after[i]}`)
      else {
        if (before[i] !== undefined) lines.push(`  - ${before[i]}`)
        if (after[i] !== undefined) lines.push(`  + ${after[i]}`)
      }
    }
  }
  if (plan.problem) lines.push(`Cannot be sent: ${plan.problem.message}`)
  return lines
}

export async function runReplay(
  ctx: CliContext,
  id: string,
  flags: ReplayFlags
): Promise<ExitCode> {
  const expectation = parseExpectFlag(flags.expect)
  if (flags.fresh && flags.toProfile) {
    throw new CliError(
      'Pass --fresh or --to-profile, not both (to another profile, values are resolved afresh).'
    )
  }
  const vars = parseVars(flags.var)
  const timeouts = parseTimeout(flags.timeout)
  const core = await ctx.openCore(ctx.dataDir(flags.dataDir), timeouts)
  try {
    const toProfile = flags.toProfile ? core.profiles.findByName(flags.toProfile) : undefined
    if (flags.toProfile && !toProfile) {
      throw new CliError(
        `No profile named “${flags.toProfile}”.`,
        'Run `flowx-launcher profiles` to list them.'
      )
    }
    const mode = toProfile ? 'to-profile' : flags.fresh ? 'fresh' : 'exact'
    const planned = await planReplay(
      { ledger: core.ledger, profiles: core.profiles },
      { id, mode, profileId: toProfile?.id, overrides: vars.overrides, prompts: vars.prompts }
    ).catch((error: unknown) => {
      if (error instanceof AppFailure) throw new CliError(error.message, error.error.hint)
      throw error
    })
    const { plan, send } = planned
    if (flags.dryRun) {
      if (flags.json) ctx.out.json({ dryRun: true, ...plan })
      else ctx.out.out(...planText(plan))
      if (plan.problem) throw new CliError(plan.problem.message)
      return EXIT.STARTED
    }
    if (!send) throw new CliError(plan.problem?.message ?? 'This launch cannot be replayed.')
    const profile = core.profiles.get(send.profileId)
    if (profile.protected && flags.confirm !== profile.name) {
      throw new CliError(
        `“${profile.name}” is a protected profile: nothing was sent.`,
        `Add --confirm "${profile.name}" to start in it.`
      )
    }
    const resolved = await resolveConnection(ctx, core, { kind: 'profile', name: profile.name })
    const connection = await resolved.connection()
    const request = {
      requestId: randomUUID(),
      target: send.target,
      payload: send.payload,
      allowDuplicate: true,
      context: { ...send.context, launchedBy: userName() }
    }
    return await launch(ctx, core, connection, request, flags.json === true, expectation)
  } finally {
    await core.close()
  }
}
