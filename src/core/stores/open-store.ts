/**
 * The one factory every JSON store opens through (DESIGN.md §3, security.md STO-2/3): a corrupt or
 * schema-invalid file is kept aside byte for byte, the store starts clean, and the user is told.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'

import type { z } from 'zod'

import type { AppNotice } from '../../shared/domain'
import type { KeyValueStore, StoreBackend } from '../ports'

export interface OpenStoreOptions<S extends z.ZodType<Record<string, unknown>>> {
  backend: StoreBackend
  cwd: string
  name: string
  schema: S
  defaults: z.output<S>
  fileMode?: number
  /** Called once when the file had to be set aside or could not be upgraded. */
  notify?: (notice: AppNotice) => void
  now?: () => Date
  /**
   * Upgrades, oldest first: index n takes a document at `version` n + 1 to n + 2, so the current
   * version is `migrations.length + 1`. Pure functions over the parsed JSON (security.md STO-4).
   */
  migrations?: readonly StoreMigration[]
}

/** One upgrade step of a store document. Throw with a specific message when it cannot be done. */
export type StoreMigration = (doc: Record<string, unknown>) => Record<string, unknown>

/** A store whose whole document is validated by a zod schema on open and on every write. */
export interface TypedStore<T> {
  readonly path: string
  read(): T
  write(next: T): void
  update(change: (current: T) => T): T
}

/** Open a store file, recovering from corruption as STO-2 asks. */
export function openStore<S extends z.ZodType<Record<string, unknown>>>(
  options: OpenStoreOptions<S>
): TypedStore<z.output<S>> {
  const { backend, cwd, name, schema, defaults } = options
  mkdirSync(cwd, { recursive: true })
  removeOrphans(cwd, name)
  const file = join(cwd, `${name}.json`)
  const problem = upgradeFile(file, options) ?? inspectFile(file, schema)
  if (problem) {
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')
    const backup = join(cwd, `${name}.corrupt-${stamp}.json`)
    copyFileSync(file, backup)
    rmSync(file)
    options.notify?.({
      id: `store-reset-${name}`,
      level: 'warning',
      message: `The ${name} file could not be read (${problem}). It was kept as ${backup} and a fresh one was started.`
    })
  }
  const kv: KeyValueStore = backend({
    name,
    cwd,
    defaults: defaults as Record<string, unknown>,
    fileMode: options.fileMode
  })
  let cached = schema.parse(kv.store) as z.output<S>

  return {
    path: kv.path,
    read: () => cached,
    write(next) {
      const valid = schema.parse(next) as z.output<S>
      for (const key of Object.keys(kv.store)) if (!(key in valid)) kv.delete(key)
      for (const [key, value] of Object.entries(valid)) kv.set(key, value)
      cached = valid
    },
    update(change) {
      const next = change(cached)
      this.write(next)
      return cached
    }
  }
}

/**
 * Bring an older file up to the current version: the original bytes are copied to
 * `<name>.pre-v<N>.json` first, and the file is replaced only when every step worked and the
 * result matches the schema. Returns why it could not be upgraded, or undefined.
 */
function upgradeFile<S extends z.ZodType<Record<string, unknown>>>(
  file: string,
  options: OpenStoreOptions<S>
): string | undefined {
  const migrations = options.migrations ?? []
  const current = migrations.length + 1
  if (!existsSync(file)) return undefined
  let doc: unknown
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined // inspectFile names the problem
  }
  if (!isRecord(doc) || typeof doc.version !== 'number') return undefined
  const found = doc.version
  if (found > current) {
    return `it was written by a newer FlowX Launcher (version ${found}; this one reads up to ${current})`
  }
  if (found >= current || !Number.isInteger(found) || found < 1) return undefined

  const backup = join(options.cwd, `${options.name}.pre-v${current}.json`)
  copyFileSync(file, backup)
  let next: Record<string, unknown> = doc
  try {
    for (let version = found; version < current; version++) {
      const step = migrations[version - 1] as StoreMigration
      next = { ...step(next), version: version + 1 }
    }
  } catch (error) {
    const why = error instanceof Error ? error.message : 'an upgrade step failed'
    return migrationFailed(options, found, current, why, backup)
  }
  const checked = options.schema.safeParse(next)
  if (!checked.success) {
    const issue = checked.error.issues[0]
    const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'unexpected content'
    return migrationFailed(options, found, current, where, backup)
  }
  const temp = `${file}.upgrade`
  writeFileSync(temp, JSON.stringify(next, null, '\t'), { mode: statSync(file).mode & 0o777 })
  renameSync(temp, file)
  return undefined
}

function migrationFailed(
  options: Pick<OpenStoreOptions<z.ZodType<Record<string, unknown>>>, 'name' | 'notify'>,
  from: number,
  to: number,
  why: string,
  backup: string
): string {
  options.notify?.({
    id: `store-migration-${options.name}`,
    level: 'error',
    message: `The ${options.name} file could not be upgraded from version ${from} to ${to} (${why}). The original is kept as ${backup}.`
  })
  return `it could not be upgraded from version ${from}`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Why a store file cannot be used as it is, or undefined when it is fine or absent. */
function inspectFile(file: string, schema: z.ZodType): string | undefined {
  if (!existsSync(file)) return undefined
  const text = readFileSync(file, 'utf8')
  if (text.trim() === '') return 'it is empty'
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return 'it is not valid JSON'
  }
  const parsed = schema.safeParse(data)
  if (!parsed.success) return 'its content does not match what the app expects'
  return undefined
}

/** Remove temp files an interrupted atomic write left behind (conf writes `<file>.tmp-<stamp>`). */
function removeOrphans(cwd: string, name: string): void {
  const orphan = new RegExp(`^${escapeRegExp(name)}\\.json\\.(tmp-\\d{10}[a-f0-9]{6}|upgrade)$`)
  for (const entry of readdirSync(cwd)) {
    if (orphan.test(entry)) rmSync(join(cwd, entry), { force: true })
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
