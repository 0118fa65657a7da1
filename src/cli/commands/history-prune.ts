/** `flowx-launcher history prune --older-than 90d [--keep N] [--dry-run]`: retention by hand. */
import type { PruneRule } from '../../core/history'
import { CliError, type CliContext } from '../context'
import { EXIT, type ExitCode } from '../exit-codes'

export interface PruneFlags {
  olderThan?: string
  keep?: string
  dryRun?: boolean
  dataDir?: string
}

const UNIT_DAYS: Record<string, number> = { d: 1, w: 7, m: 30, y: 365 }

/** Run `history prune`. Pending launches are never removed (their outcome is still coming). */
export async function runPrune(
  ctx: CliContext,
  flags: PruneFlags,
  now = new Date()
): Promise<ExitCode> {
  const rule: PruneRule = {}
  let said = ''
  if (flags.olderThan !== undefined) {
    const days = parseAge(flags.olderThan)
    rule.olderThan = new Date(now.getTime() - days * 86_400_000).toISOString()
    said = `older than ${days} day${days === 1 ? '' : 's'} (before ${rule.olderThan.slice(0, 10)})`
  }
  if (flags.keep !== undefined) {
    const keep = Number(flags.keep.trim())
    if (!Number.isInteger(keep) || keep < 0)
      throw new CliError('--keep: a whole number of launches.')
    rule.keepLatest = keep
    said = [said, `beyond the newest ${keep}`].filter(Boolean).join(' or ')
  }
  if (rule.olderThan === undefined && rule.keepLatest === undefined) {
    throw new CliError(
      'Say what to remove: --older-than 90d and/or --keep N.',
      'Nothing was removed.'
    )
  }
  const core = await ctx.openCore(ctx.dataDir(flags.dataDir))
  try {
    const result = await core.ledger.prune(rule, flags.dryRun === true)
    const n = `${result.removed} launch${result.removed === 1 ? '' : 'es'}`
    ctx.out.out(result.dryRun ? `Would remove ${n} ${said}.` : `Removed ${n} ${said}.`)
    return EXIT.STARTED
  } finally {
    await core.close()
  }
}

/** `90d`, `12w`, `6m` (30 days), `1y` (365 days), or a plain number of days. */
export function parseAge(text: string): number {
  const match = /^\s*(\d{1,6})\s*([dwmy]?)\s*$/i.exec(text)
  const amount = match ? Number(match[1]) : NaN
  if (!match || amount < 1) {
    throw new CliError('--older-than: an age such as 90d, 12w, 6m or 1y.')
  }
  return amount * UNIT_DAYS[(match[2] || 'd').toLowerCase()]
}
