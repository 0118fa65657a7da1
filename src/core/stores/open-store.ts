/**
 * The one factory every JSON store opens through (DESIGN.md §3, security.md STO-2/3): a corrupt or
 * schema-invalid file is kept aside byte for byte, the store starts clean, and the user is told.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
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
  /** Called once when the file had to be set aside. */
  notify?: (notice: AppNotice) => void
  now?: () => Date
}

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
  const problem = inspectFile(file, schema)
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
  const orphan = new RegExp(`^${escapeRegExp(name)}\\.json\\.tmp-\\d{10}[a-f0-9]{6}$`)
  for (const entry of readdirSync(cwd)) {
    if (orphan.test(entry)) rmSync(join(cwd, entry), { force: true })
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
