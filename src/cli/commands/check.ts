/** `flowx-launcher check`: the app's "Check connection" for a profile or ad hoc flags. */
import type { HealthItem, HealthReport } from '../../shared/domain'
import { planConnection, resolveConnection, type ConnectionFlags } from '../connection'
import type { CliContext } from '../context'
import { EXIT, type ExitCode } from '../exit-codes'
import { clean } from '../output'

/** The flags of `check`, as commander hands them over. */
export interface CheckFlags extends ConnectionFlags {
  json?: boolean
  dataDir?: string
}

const MARKS: Record<HealthItem['status'], string> = {
  ok: 'ok',
  warn: 'warn',
  fail: 'FAIL',
  skip: 'skip'
}

/** Run `check`: exit 0 when no item failed, 1 when one did; nothing is started. */
export async function runCheck(ctx: CliContext, flags: CheckFlags): Promise<ExitCode> {
  const plan = planConnection(ctx, flags)
  const core = await ctx.openCore(ctx.dataDir(flags.dataDir))
  try {
    const report = await (await resolveConnection(ctx, core, plan)).check()
    if (flags.json) ctx.out.json(report)
    else ctx.out.out(...reportLines(report))
    return report.items.some((item) => item.status === 'fail') ? EXIT.FLOWX_ERROR : EXIT.STARTED
  } finally {
    await core.close()
  }
}

/** One line per item: mark, title, detail. */
export function reportLines(report: HealthReport): string[] {
  const width = Math.max(0, ...report.items.map((item) => item.title.length))
  return report.items.map((item) =>
    `${MARKS[item.status].padEnd(4)} ${clean(item.title).padEnd(width)}  ${clean(item.detail)}`.trimEnd()
  )
}
