/**
 * Runs ledger calls by name on one LedgerFile and does the upkeep between them: when no call has
 * come for a moment it adds new launches to the full-text index, checkpoints the WAL (PASSIVE) and
 * applies the retention rule. The same host runs in the ledger's worker thread (the app) and in
 * process (the CLI, tests), so both behave alike.
 */
import type { RetentionSetting } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { LedgerFile } from './ledger'
import { ruleFor } from './retention'

/** Calls that change the file (upkeep follows them). */
const WRITES = new Set([
  'begin',
  'beginMany',
  'beginUnlessDuplicate',
  'complete',
  'completeMany',
  'createBatch',
  'updateBatch',
  'delete',
  'restore',
  'prune'
])

/** Every method a client may call, and nothing else (the worker gets names over a message port). */
export const LEDGER_METHODS = [
  ...WRITES,
  'get',
  'search',
  'records',
  'findByInstanceUuid',
  'findByTokenId',
  'processNames',
  'count',
  'getBatch',
  'listBatches',
  'setRetention',
  'flush',
  'stats'
] as const
export type LedgerMethod = (typeof LEDGER_METHODS)[number]

/** Calls that may share a transaction with others (the rest run their own transactions). */
const GROUPABLE = new Set([
  'begin',
  'beginMany',
  'beginUnlessDuplicate',
  'complete',
  'completeMany',
  'createBatch',
  'updateBatch',
  'get',
  'count',
  'getBatch'
])

/** What the ledger's thread has done since it opened (benchmarks read it through `stats`). */
export interface LedgerStats {
  /** Calls answered. */
  calls: number
  /** Groups of calls that arrived together (each one commit when it writes). */
  groups: number
  /** CPU time of the thread running the ledger, in microseconds (user + system), where known. */
  cpuMicros?: number
}

/** CPU time of this thread (process.threadCpuUsage is newer than some Electron builds' Node). */
function threadCpu(): number | undefined {
  const usage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage
  if (typeof usage !== 'function') return undefined
  const cpu = usage.call(process)
  return cpu.user + cpu.system
}

/** The outcome of one call of a group. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: unknown }

/** Quiet time after the last write before upkeep runs. */
export const IDLE_MS = 150
/** Writes after which upkeep runs even without a quiet moment (a long batch run). */
export const WRITES_PER_UPKEEP = 500
/**
 * Writes between checkpoints while writes keep coming; a quiet moment always checkpoints. Each
 * checkpoint copies the pages of the WAL into the file and waits for the disk twice: a longer
 * WAL copies the pages rewritten by every launch (the right edges of the indexes) once rather
 * than each time.
 */
export const WRITES_PER_CHECKPOINT = 4000
/** How often retention is applied while the app runs. */
const RETENTION_EVERY_MS = 60 * 60 * 1000

export class LedgerHost {
  private idleTimer: NodeJS.Timeout | undefined
  private writes = 0
  private sinceCheckpoint = 0
  /** Inside callMany: upkeep waits for the group's commit (a checkpoint cannot run in it). */
  private grouping = false
  private upkeepDue = false
  private calls = 0
  private groups = 0
  private retention: RetentionSetting = { mode: 'forever' }
  private lastRetention = 0

  constructor(
    readonly file: LedgerFile,
    private readonly now: () => Date = () => new Date()
  ) {
    // Launches left to index (an upgraded history, a command that stopped early): quiet moments
    // take them a chunk at a time.
    if (file.indexBehind) this.armIdle()
  }

  /** Run `method` with `args`; upkeep is scheduled after a write. */
  call(method: string, args: unknown[]): unknown {
    if (!(LEDGER_METHODS as readonly string[]).includes(method)) {
      throw new AppFailure('INTERNAL', `The launch history has no operation ${method}.`)
    }
    this.calls++
    const result = this.dispatch(method as LedgerMethod, args)
    if (WRITES.has(method)) this.afterWrite()
    else if (this.file.indexBehind && !this.idleTimer) this.armIdle()
    return result
  }

  /**
   * Run several calls that arrived together in ONE transaction (group commit): one COMMIT and one
   * WAL append for all of them, and each caller is answered only after it, so a launch is still
   * durably pending before its request leaves. A call that fails undoes only its own writes (each
   * runs in a savepoint); calls that manage their own transactions run alone.
   */
  callMany(calls: Array<{ method: string; args: unknown[] }>): CallResult[] {
    this.grouping = true
    this.groups++
    try {
      return this.runGroups(calls)
    } finally {
      this.grouping = false
      if (this.upkeepDue) this.upkeepQuietly()
    }
  }

  private runGroups(calls: Array<{ method: string; args: unknown[] }>): CallResult[] {
    const results: CallResult[] = []
    let group: Array<{ method: string; args: unknown[] }> = []
    const flush = (): void => {
      if (group.length === 0) return
      const batch = group
      group = []
      const run = (): CallResult[] =>
        batch.map(({ method, args }) => {
          try {
            return { ok: true, value: this.call(method, args) }
          } catch (error) {
            return { ok: false, error }
          }
        })
      if (batch.length === 1 || this.file.readOnly) {
        results.push(...run())
        return
      }
      try {
        // Usually every call succeeds: one transaction, no savepoint per call.
        results.push(
          ...this.file.group(() =>
            batch.map(({ method, args }): CallResult => ({
              ok: true,
              value: this.call(method, args)
            }))
          )
        )
        return
      } catch {
        // A call failed (or the commit did) and all of the group was undone: run it again with a
        // savepoint per call, so only the failing call fails.
      }
      try {
        results.push(...this.file.batch(run))
      } catch (error) {
        // The commit itself failed (disk full, busy): nothing of the group is durable.
        results.push(...batch.map((): CallResult => ({ ok: false, error })))
      }
    }
    for (const call of calls) {
      if (GROUPABLE.has(call.method)) {
        group.push(call)
        continue
      }
      flush()
      try {
        results.push({ ok: true, value: this.call(call.method, call.args) })
      } catch (error) {
        results.push({ ok: false, error })
      }
    }
    flush()
    return results
  }

  /** Stop the upkeep timer and close the file (one more chunk of the index, checkpoint TRUNCATE). */
  close(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = undefined
    this.file.close()
  }

  /** Index, checkpoint and prune now (what idle time does). */
  upkeep(): void {
    this.maintain(true)
  }

  /** Index a chunk and apply retention; checkpoint when asked or when the WAL has grown long. */
  private maintain(checkpoint: boolean): void {
    this.sinceCheckpoint += this.writes
    this.writes = 0
    if (this.file.readOnly) return
    this.file.indexPending()
    this.applyRetention(false)
    if (!checkpoint && this.sinceCheckpoint < WRITES_PER_CHECKPOINT) return
    this.file.checkpoint('PASSIVE')
    this.sinceCheckpoint = 0
  }

  private dispatch(method: LedgerMethod, args: unknown[]): unknown {
    const file = this.file as unknown as Record<string, (...a: unknown[]) => unknown>
    if (method === 'setRetention') {
      this.retention = args[0] as RetentionSetting
      this.applyRetention(true)
      return null
    }
    if (method === 'stats') {
      const cpu = threadCpu()
      const stats: LedgerStats = { calls: this.calls, groups: this.groups }
      return cpu === undefined ? stats : { ...stats, cpuMicros: cpu }
    }
    if (method === 'flush') {
      this.file.indexAll()
      this.file.checkpoint('PASSIVE')
      return null
    }
    return file[method].apply(this.file, args)
  }

  /** Upkeep between writes, which must not fail the call it follows (retried after more writes). */
  private upkeepQuietly(): void {
    this.upkeepDue = false
    try {
      this.maintain(false)
    } catch {
      // A busy file is normal with the CLI running.
    }
  }

  private afterWrite(): void {
    this.writes++
    if (this.writes >= WRITES_PER_UPKEEP) {
      if (this.grouping) this.upkeepDue = true
      else this.upkeepQuietly()
      return
    }
    if (this.idleTimer) this.idleTimer.refresh()
    else this.armIdle()
  }

  /** Run upkeep after IDLE_MS without a write (each write puts it off again). */
  private armIdle(): void {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined
      try {
        this.upkeep()
        // More to index: continue in the next quiet moment.
        if (this.file.indexBehind) this.armIdle()
      } catch {
        // Upkeep is retried after the next write; a busy file is normal with the CLI running.
      }
    }, IDLE_MS)
    this.idleTimer.unref()
  }

  private applyRetention(force: boolean): void {
    const at = this.now()
    if (!force && at.getTime() - this.lastRetention < RETENTION_EVERY_MS) return
    this.lastRetention = at.getTime()
    // With no rule this still purges launches deleted by the user past the undo window.
    this.file.prune(ruleFor(this.retention, at) ?? {})
  }
}
