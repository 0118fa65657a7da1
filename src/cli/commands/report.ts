/**
 * `flowx-launcher report`: a launch report for a support ticket — the launches of a ticket, or the
 * ones named by id — as Markdown (default) or HTML, on standard output or into a file. Never a
 * secret: built from the ledger and masked with everything the CLI knows.
 */
import { writeFile } from 'node:fs/promises'
import { isAbsolute, resolve } from 'node:path'

import { ReportService } from '../../core/reports/report-service'
import type { ReportFormat } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { LocalId } from '../../shared/launch-schemas'
import { CliError, type CliContext } from '../context'
import { EXIT, type ExitCode } from '../exit-codes'

/** The flags of `report`, as commander hands them over (`--no-payload` sets payload false). */
export interface ReportFlags {
  ticket?: string
  format?: string
  payload?: boolean
  maskHosts?: boolean
  out?: string
  dataDir?: string
}

function parseFormat(text: string | undefined): ReportFormat {
  const format = (text ?? 'md').trim().toLowerCase()
  if (format === 'md' || format === 'markdown') return 'md'
  if (format === 'html') return 'html'
  throw new CliError('--format: md or html.')
}

/** Run `report`: exit 0 with the report written, 2 when nothing matches or the input is wrong. */
export async function runReport(
  ctx: CliContext,
  ids: string[],
  flags: ReportFlags
): Promise<ExitCode> {
  const format = parseFormat(flags.format)
  const ticket = flags.ticket?.trim()
  if ((ticket ? 1 : 0) + (ids.length > 0 ? 1 : 0) !== 1) {
    throw new CliError(
      'Pass --ticket REF or launch ids (from `flowx-launcher history --json`), not both.'
    )
  }
  if (ticket !== undefined && ticket.length > 200)
    throw new CliError('--ticket: at most 200 characters.')
  const bad = ids.find((id) => !LocalId.safeParse(id).success)
  if (bad !== undefined) throw new CliError(`“${bad}” is not a launch id.`)

  const core = await ctx.openCore(ctx.dataDir(flags.dataDir))
  try {
    const reports = new ReportService({
      ledger: core.ledger,
      redact: (text) => ctx.redactor.redactText(text),
      version: ctx.version
    })
    let text: string
    let count: number
    try {
      const report = await reports.create({
        format,
        ...(ticket ? { ticket } : { ids }),
        includePayload: flags.payload !== false,
        maskHosts: flags.maskHosts === true
      })
      text = report.text
      count = report.count
    } catch (failure) {
      if (!(failure instanceof AppFailure)) throw failure
      ctx.fail(failure.error)
      return EXIT.INVALID_INPUT
    }
    if (flags.out === undefined) {
      ctx.out.plain('stdout', text)
      return EXIT.STARTED
    }
    const file = isAbsolute(flags.out) ? flags.out : resolve(ctx.cwd, flags.out)
    await writeFile(file, text, 'utf8')
    ctx.out.err(`Wrote a report of ${count} launch${count === 1 ? '' : 'es'} to ${file}.`)
    return EXIT.STARTED
  } finally {
    await core.close()
  }
}
