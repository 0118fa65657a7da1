/**
 * `flowx-launcher batch`: one launch per row of a rows file, through a saved launch or target flags.
 * Every row is checked before anything is sent; a start needs confirming (on a terminal) or --yes.
 * Exit 0 all started (with --expect: every row as expected), 1 any failed (not as expected) or
 * skipped, 3 any unknown (wins over 1), 2 invalid input (nothing sent), 130/143 interrupted (rows
 * in flight recorded).
 */
import { appendFile, writeFile } from 'node:fs/promises'

import type { BatchSpec } from '../../core/batch/batch-service'
import { RowsFileError } from '../../core/batch/rows'
import type { BatchRecord, LaunchRecord } from '../../shared/domain'
import type { RowOutcome } from '../../shared/batch'
import { AppFailure } from '../../shared/errors'
import { planConnection, resolveConnection } from '../connection'
import { CliError, type CliContext } from '../context'
import { EXIT, exitCodeForSignal, type ExitCode } from '../exit-codes'
import { watchInterrupt } from '../interrupt'
import { checkPlatform, parseTimeout } from '../start-input'
import { checkFlags, templateOf, type BatchFlags, type Checked } from './batch-input'

export type { BatchFlags } from './batch-input'
import { ask, isInteractive, stderrIsTTY } from './batch-terminal'
import {
  AnswerClock,
  previewText,
  ProgressBar,
  rowJson,
  rowProblemText,
  summaryJson,
  summaryText
} from './batch-report'

/** Run `batch`; throws CliError (exit 2) for anything found wrong before sending. */
export async function runBatch(
  ctx: CliContext,
  nameOrFile: string | undefined,
  flags: BatchFlags
): Promise<ExitCode> {
  const checked = checkFlags(ctx, flags)
  const plan = planConnection(ctx, flags)
  const timeouts = parseTimeout(flags.timeout)
  const platformFlag = plan.kind === 'ad-hoc' ? checkPlatform(flags.platform) : undefined

  const dataDir = ctx.dataDir(flags.dataDir)
  const core = await ctx.openCore(dataDir, timeouts)
  try {
    const source = await templateOf(ctx, nameOrFile, flags, core.library)
    const resolved = await resolveConnection(ctx, core, plan)
    const profile = resolved.profile
    const spec: BatchSpec = {
      rowsFile: checked.rowsFile,
      ...(checked.shard ? { shard: checked.shard } : {}),
      ...(source.savedLaunch ? { savedLaunch: source.savedLaunch } : {}),
      ...(checked.keyColumns ? { keyColumns: checked.keyColumns } : {}),
      ...(checked.expectColumn !== undefined ? { expectColumn: checked.expectColumn } : {}),
      source: {
        template: source.template,
        overrides: checked.vars.overrides,
        prompts: checked.vars.prompts,
        ...(source.savedDefaults ? { savedDefaults: source.savedDefaults } : {}),
        ...(profile
          ? { profileVariables: profile.variables, profileDefaults: profile.defaults }
          : {})
      }
    }
    const preview = await core.batches.preview(spec).catch((error: unknown) => {
      if (error instanceof RowsFileError || error instanceof AppFailure) {
        throw new CliError(error.message)
      }
      throw error
    })
    if (checked.expectColumn !== undefined && !preview.columns.includes(checked.expectColumn)) {
      throw new CliError(
        `The rows have no “${checked.expectColumn}” column for --expect.`,
        preview.columns.length > 0 ? `Their columns: ${preview.columns.join(', ')}.` : undefined
      )
    }
    if (flags.dryRun) {
      if (flags.json) ctx.out.json({ type: 'preview', ...preview })
      else ctx.out.out(...previewText(preview))
      return preview.errorCount > 0 ? EXIT.INVALID_INPUT : EXIT.STARTED
    }
    if ((preview.errorCount > 0 || preview.textValueCount > 0) && !flags.json) {
      ctx.out.err(...previewText({ ...preview, first: [] }).slice(1))
    }
    if (preview.sendable === 0) {
      throw new CliError(`No row of ${preview.total} can be sent: nothing was started.`)
    }

    const platform = platformFlag ?? checkPlatform(flags.platform, profile?.platform || 'web')
    const connection = { ...(await resolved.connection()), platform }
    await confirmStart(ctx, flags, checked, preview.sendable, profile, connection.baseUrl)
    return await run(ctx, core, spec, connection, checked, flags, preview.total)
  } finally {
    await core.close()
  }
}

/** The number of processes and the environment are stated; a protected profile needs both typed. */
async function confirmStart(
  ctx: CliContext,
  flags: BatchFlags,
  checked: Checked,
  count: number,
  profile: { name: string; protected: boolean } | undefined,
  baseUrl: string
): Promise<void> {
  const where = profile ? `“${profile.name}” (${baseUrl})` : baseUrl
  const processes = `${count} process${count === 1 ? '' : 'es'}`
  if (profile?.protected) {
    if (flags.confirm !== profile.name || checked.count !== count) {
      throw new CliError(
        `“${profile.name}” is a protected profile: nothing was sent.`,
        `Add --confirm "${profile.name}" --count ${count} to start ${processes} in it.`
      )
    }
  }
  if (flags.yes) return
  if (!isInteractive(ctx)) {
    throw new CliError(
      `This would start ${processes} on ${where}: add --yes to confirm without a terminal.`
    )
  }
  const answer = await ask(ctx, `Start ${processes} on ${where}? Type the number to confirm: `)
  if (answer.trim() !== String(count)) throw new CliError('Not confirmed: nothing was sent.')
}

async function run(
  ctx: CliContext,
  core: Awaited<ReturnType<CliContext['openCore']>>,
  spec: BatchSpec,
  connection: Parameters<typeof core.batches.start>[1],
  checked: Checked,
  flags: BatchFlags,
  expected: number
): Promise<ExitCode> {
  const bar = !flags.json && stderrIsTTY(ctx) ? new ProgressBar(ctx.io.stderr) : undefined
  const started = performance.now()
  const answers = new AnswerClock()
  const watch = (outcome: RowOutcome, record: LaunchRecord | undefined): void => {
    answers.add(outcome)
    if (flags.json) ctx.out.json(rowJson(outcome, record))
    else if (outcome.asExpected ?? outcome.status === 'started') return
    else {
      bar?.clear()
      ctx.out.err(rowProblemText(outcome))
    }
  }
  const batch = await core.batches.start(
    spec,
    connection,
    {
      ...(checked.concurrency ? { concurrency: checked.concurrency } : {}),
      ...(checked.ratePerSec ? { ratePerSec: checked.ratePerSec } : {}),
      ...(checked.maxFailures ? { maxFailures: checked.maxFailures } : {})
    },
    { expected, watch }
  )
  const stopProgress = bar
    ? core.batches.onProgress((p) => {
        if (p.batchId === batch.id) bar.update(p)
      })
    : () => undefined

  // Nothing new starts; rows in flight are aborted and recorded (unknown when sent).
  const interrupt = watchInterrupt(ctx.signals, () => core.batches.cancel(batch.id, true))

  let final: BatchRecord
  try {
    final = await core.batches.wait(batch.id)
  } finally {
    interrupt.stop()
    stopProgress()
    bar?.clear()
  }
  const view = await core.batches.get(batch.id)
  const stopReason = view.live?.stopReason
  const unexpected = view.live?.counts.unexpected
  const times = answers.summary()
  const ended = { stopReason, unexpected, answers: times }
  if (flags.json) ctx.out.json(summaryJson(final, ended, performance.now() - started))
  else ctx.out.out(...summaryText(final, ended))

  await writeReports(ctx, core, batch.id, checked)
  if (interrupt.signal) return exitCodeForSignal(interrupt.signal)
  if (final.unknown > 0) return EXIT.NOT_CONFIRMED
  // With --expect a row fails when FlowX's answer is not the one its row expects.
  const failed = unexpected ?? final.failed
  if (failed + final.skipped + final.notSent > 0) return EXIT.FLOWX_ERROR
  return EXIT.STARTED
}

async function writeReports(
  ctx: CliContext,
  core: Awaited<ReturnType<CliContext['openCore']>>,
  batchId: string,
  checked: Checked
): Promise<void> {
  const targets: Array<[path: string, format: 'csv' | 'json' | 'junit']> = []
  if (checked.junit) targets.push([checked.junit, 'junit'])
  if (checked.out) targets.push([checked.out.path, checked.out.format])
  for (const [path, format] of targets) {
    const { text } = await core.batches.export(batchId, format)
    await writeFile(path, text, 'utf8')
    ctx.out.err(`Wrote ${path}`)
  }
  if (checked.summary) {
    // Appended: a CI job's summary file collects what every step writes.
    const { text } = await core.batches.export(batchId, 'markdown')
    await appendFile(checked.summary, `${text}\n`, 'utf8')
    ctx.out.err(`Added the summary to ${checked.summary}`)
  }
}
