/**
 * What is in a store file, read once and judged in memory: absent, fine (perhaps after upgrading
 * an older version), written by a newer version, or damaged. Nothing here writes.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

import type { z } from 'zod'

import { errorCode } from './fs-errors'

/** One upgrade step of a store document. Throw with a specific message when it cannot be done. */
export type StoreMigration = (doc: Record<string, unknown>) => Record<string, unknown>

export type FileState<T> =
  | { kind: 'absent' }
  | { kind: 'ok'; doc: T; upgradedFrom?: number }
  | { kind: 'newer'; found: number; current: number; doc?: T }
  | { kind: 'damaged'; problem: string }
  | { kind: 'not-upgradable'; from: number; current: number; why: string }

/**
 * Read and judge `file`. `migrations[n]` takes version n + 1 to n + 2, so the current version is
 * `migrations.length + 1`.
 */
export function readStoreFile<S extends z.ZodType<Record<string, unknown>>>(
  file: string,
  schema: S,
  migrations: readonly StoreMigration[]
): FileState<z.output<S>> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'absent' }
    throw error
  }
  if (text.trim() === '') return { kind: 'damaged', problem: 'it is empty' }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return { kind: 'damaged', problem: 'it is not valid JSON' }
  }
  const current = migrations.length + 1
  const found = isRecord(data) && typeof data.version === 'number' ? data.version : undefined
  if (isRecord(data) && found !== undefined && found > current) {
    // Shown read-only when this version's schema can still read it; never written back.
    const readable = schema.safeParse({ ...data, version: current })
    return { kind: 'newer', found, current, doc: readable.success ? readable.data : undefined }
  }
  if (isRecord(data) && found !== undefined && Number.isInteger(found) && found >= 1) {
    if (found < current) return upgrade(data, found, current, schema, migrations)
  }
  const parsed = schema.safeParse(data)
  if (!parsed.success) {
    return { kind: 'damaged', problem: 'its content does not match what the app expects' }
  }
  return { kind: 'ok', doc: parsed.data }
}

function upgrade<S extends z.ZodType<Record<string, unknown>>>(
  doc: Record<string, unknown>,
  found: number,
  current: number,
  schema: S,
  migrations: readonly StoreMigration[]
): FileState<z.output<S>> {
  let next = doc
  try {
    for (let version = found; version < current; version++) {
      const step = migrations[version - 1] as StoreMigration
      next = { ...step(next), version: version + 1 }
    }
  } catch (error) {
    const why = error instanceof Error ? error.message : 'an upgrade step failed'
    return { kind: 'not-upgradable', from: found, current, why }
  }
  const checked = schema.safeParse(next)
  if (!checked.success) {
    const issue = checked.error.issues[0]
    const why = issue ? `${issue.path.join('.')}: ${issue.message}` : 'unexpected content'
    return { kind: 'not-upgradable', from: found, current, why }
  }
  return { kind: 'ok', doc: checked.data, upgradedFrom: found }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * How old a temp file must be before it counts as left behind by an interrupted write. Another
 * process's write in flight (conf writes `<file>.tmp-<stamp>`, then renames it) lives for
 * milliseconds; only a temp file untouched this long is removed.
 */
export const ORPHAN_AGE_MS = 10 * 60_000

const STAMP_MODULUS = 10_000_000_000
/** The suffix atomically gives its temp file: `tmp-`, ten clock digits (captured), six hex. */
const ATOMIC_TEMP = 'tmp-(\\d{10})[a-f0-9]{6}'

/** Remove temp files an interrupted atomic write left behind, never one still being written. */
export function removeOrphans(cwd: string, name: string, now = Date.now()): void {
  const orphan = new RegExp(
    `^${escapeRegExp(name)}\\.json\\.(${ATOMIC_TEMP}|upgrade(-\\d+-[a-z0-9]+)?)$`
  )
  for (const entry of readdirSync(cwd)) {
    if (!orphan.test(entry)) continue
    const path = join(cwd, entry)
    try {
      if (now - statSync(path).mtimeMs < ORPHAN_AGE_MS) continue
      rmSync(path, { force: true })
    } catch (error) {
      // Renamed into place or removed by its writer meanwhile: not an orphan.
      if (errorCode(error) !== 'ENOENT') throw error
    }
  }
}

/**
 * Remove the temp file a failed atomic write of this process left: the writer (atomically, under
 * conf) unlinks it only asynchronously, so a full disk would otherwise keep it for a while. Its
 * name carries the last ten digits of the clock when it was made, so only temp files stamped
 * between `from` and `to` (the failed write's own start and end) are taken. Another process
 * saving the same file within those few milliseconds, on a disk just found full, would see its
 * own save fail and say so; nothing it had on disk is touched.
 */
export function removeFailedWriteTemp(cwd: string, name: string, from: number, to: number): void {
  const temp = new RegExp(`^${escapeRegExp(name)}\\.json\\.${ATOMIC_TEMP}$`)
  let entries: string[]
  try {
    entries = readdirSync(cwd)
  } catch {
    return // the write's own error says what happened
  }
  for (const entry of entries) {
    const stamp = temp.exec(entry)?.[1]
    if (stamp === undefined) continue
    // The stamp keeps only the clock's last ten digits; compare modulo 10^10.
    const age = (Number(stamp) - (from % STAMP_MODULUS) + STAMP_MODULUS) % STAMP_MODULUS
    if (age > to - from) continue
    try {
      rmSync(join(cwd, entry), { force: true })
    } catch {
      // Left for the next open's orphan sweep; the write's own error is the one to report.
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
