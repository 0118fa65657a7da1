/** `batch` input: the flags checked before anything is opened, and the launch each row fills. */
import { resolve } from 'node:path'

import type { Library } from '../../core/library/library'
import { parseShard, type Shard } from '../../core/batch/rows'
import { MAX_CONCURRENCY } from '../../core/batch/scheduler'
import type { BatchTemplate } from '../../core/batch/template-rows'
import type { StartMode } from '../../shared/domain'
import type { ConnectionFlags } from '../connection'
import { CliError, type CliContext } from '../context'
import { readPayload } from '../read-payload'
import { parseVars, type CliVars } from '../vars'
import type { TargetFlags } from '../start-input'
import { findSavedLaunch } from './batch-saved'

export interface BatchFlags extends TargetFlags, ConnectionFlags {
  rows?: string
  data?: string
  platform?: string
  timeout?: string
  json?: boolean
  concurrency?: string
  rate?: string
  maxFailures?: string
  junit?: string
  summary?: string
  out?: string
  dryRun?: boolean
  yes?: boolean
  confirm?: string
  count?: string
  shard?: string
  key?: string
  expect?: string
  var?: string[]
  dataDir?: string
}

export interface Checked {
  rowsFile: string
  shard?: Shard
  concurrency?: number
  ratePerSec?: number
  maxFailures?: number
  junit?: string
  /** `--summary`: a Markdown summary appended to this file (GitHub's $GITHUB_STEP_SUMMARY). */
  summary?: string
  out?: { path: string; format: 'csv' | 'json' }
  count?: number
  keyColumns?: string[]
  /** `--expect`: the column holding each row's expected outcome. */
  expectColumn?: string
  /** `--var` values for every row (they win over its columns) and prompt answers. */
  vars: CliVars
}

/** Every flag that needs no file or profile, checked first: a bad flag sends nothing. */
export function checkFlags(ctx: CliContext, flags: BatchFlags): Checked {
  if (!flags.rows) throw new CliError('Pass --rows FILE (.csv, .json, .ndjson or .jsonl).')
  const int = (text: string | undefined, flag: string, min: number, max: number) => {
    if (text === undefined) return undefined
    const value = Number(text)
    if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
      throw new CliError(`${flag} must be a whole number from ${min} to ${max}.`)
    }
    return value
  }
  const rate = flags.rate === undefined ? undefined : Number(flags.rate)
  if (rate !== undefined && !(rate > 0 && rate <= 10_000)) {
    throw new CliError('--rate is starts per second: a number above 0, at most 10000.')
  }
  let out: Checked['out']
  if (flags.out !== undefined) {
    const lower = flags.out.toLowerCase()
    const format = lower.endsWith('.csv') ? 'csv' : lower.endsWith('.json') ? 'json' : undefined
    if (!format) throw new CliError('--out takes a file ending in .csv or .json.')
    out = { path: resolve(ctx.cwd, flags.out), format }
  }
  let shard: Shard | undefined
  try {
    shard = flags.shard !== undefined ? parseShard(flags.shard) : undefined
  } catch (error) {
    throw new CliError((error as Error).message)
  }
  const concurrency = int(flags.concurrency, '--concurrency', 1, MAX_CONCURRENCY)
  const maxFailures = int(flags.maxFailures, '--max-failures', 1, 10_000_000)
  const count = int(flags.count, '--count', 0, 10_000_000)
  const expectColumn = flags.expect?.trim()
  if (expectColumn === '') throw new CliError('--expect names the column of expected outcomes.')
  return {
    rowsFile: resolve(ctx.cwd, flags.rows),
    vars: parseVars(flags.var),
    ...(shard ? { shard } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(rate !== undefined ? { ratePerSec: rate } : {}),
    ...(maxFailures !== undefined ? { maxFailures } : {}),
    ...(flags.junit !== undefined ? { junit: resolve(ctx.cwd, flags.junit) } : {}),
    ...(flags.summary !== undefined ? { summary: resolve(ctx.cwd, flags.summary) } : {}),
    ...(out ? { out } : {}),
    ...(count !== undefined ? { count } : {}),
    ...(expectColumn !== undefined ? { expectColumn } : {}),
    ...(flags.key
      ? {
          keyColumns: flags.key
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean)
        }
      : {})
  }
}

/** The launch each row fills: a saved launch (found in the library's folders), or the target flags and --data. */
export async function templateOf(
  ctx: CliContext,
  nameOrFile: string | undefined,
  flags: BatchFlags,
  library: Pick<Library, 'find'>
): Promise<{
  template: BatchTemplate['template']
  savedDefaults?: Record<string, string>
  savedLaunch?: string
}> {
  const targetFlags = [flags.build, flags.workspace, flags.app, flags.process, flags.data]
  if (nameOrFile !== undefined) {
    if (targetFlags.some((f) => f !== undefined)) {
      throw new CliError(
        'Give a saved launch or target flags (--build/--workspace, --app, --process, --data), not both.'
      )
    }
    const saved = await findSavedLaunch(library, nameOrFile)
    return {
      template: { ...saved.target, payload: saved.payload },
      savedDefaults: saved.variables,
      savedLaunch: saved.name
    }
  }
  if (flags.build !== undefined && flags.workspace !== undefined) {
    throw new CliError('Pass either --build ID or --workspace ID, not both.')
  }
  if (flags.process === undefined) {
    throw new CliError('Name a saved launch, or pass --process NAME with the target flags.')
  }
  const payload = await readPayload(flags.data, { stdin: ctx.io.stdin, cwd: ctx.cwd })
  if (!payload.ok) throw new CliError(payload.message)
  const mode: StartMode = flags.build !== undefined ? 'build' : 'workspace'
  // Ids left out come from the profile's defaults ({{appId}} … resolve from them).
  return {
    template: {
      mode,
      workspaceId: flags.workspace ?? '{{workspaceId}}',
      appId: flags.app ?? '{{appId}}',
      buildId: flags.build ?? '{{buildId}}',
      processName: flags.process,
      payload: payload.text
    }
  }
}
