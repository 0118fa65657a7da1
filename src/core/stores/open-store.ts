/**
 * The one factory every JSON store opens through (DESIGN.md §3, security.md STO-2/3/4): a damaged
 * file is kept aside byte for byte and the store starts clean; a file from a newer version is
 * never replaced (the store opens read-only and says which version wrote it); an older one is
 * upgraded after its bytes are copied aside; a folder that cannot be written opens read-only.
 * Nothing is written at open beyond that: the file is created by the first save.
 */
import { copyFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import type { z } from 'zod'

import type { AppNotice } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import type { KeyValueStore, StoreBackend } from '../ports'
import { prepareDataDir, type StoreAccess } from './data-dir'
import { errorCode, saveFailure, whyUnwritable } from './fs-errors'
import {
  readStoreFile,
  removeFailedWriteTemp,
  removeOrphans,
  type FileState,
  type StoreMigration
} from './store-file'

export type { StoreMigration } from './store-file'
export type { StoreAccess } from './data-dir'

export interface OpenStoreOptions<S extends z.ZodType<Record<string, unknown>>> {
  backend: StoreBackend
  cwd: string
  name: string
  schema: S
  defaults: z.output<S>
  fileMode?: number
  /** Called once when the file had to be set aside, could not be upgraded, or is read-only. */
  notify?: (notice: AppNotice) => void
  now?: () => Date
  /**
   * Upgrades, oldest first: index n takes a document at `version` n + 1 to n + 2, so the current
   * version is `migrations.length + 1`. Pure functions over the parsed JSON (security.md STO-4).
   */
  migrations?: readonly StoreMigration[]
  /** 'read': never touch the disk; saves only change this run's copy. Default 'write'. */
  access?: StoreAccess
  /** Why the data directory cannot be written, when the caller already knows. */
  readOnly?: string
}

/** A store whose whole document is validated by a zod schema on open and on every write. */
export interface TypedStore<T> {
  readonly path: string
  /** Why changes cannot be saved (a newer file, a read-only folder); undefined when they can. */
  readonly readOnly?: string
  read(): T
  /** Save the whole document; throws STORE_UNWRITABLE (nothing changed) when it cannot. */
  write(next: T): void
  update(change: (current: T) => T): T
}

/** Open a store file, recovering from damage as STO-2 asks. */
export function openStore<S extends z.ZodType<Record<string, unknown>>>(
  options: OpenStoreOptions<S>
): TypedStore<z.output<S>> {
  const { backend, cwd, name, schema, defaults } = options
  const access = options.access ?? 'write'
  const file = join(cwd, `${name}.json`)
  const dir = prepareDataDir(cwd, access)
  let readOnly = options.readOnly ?? dir.readOnly
  const onDisk = access === 'write' && readOnly === undefined
  if (onDisk) removeOrphans(cwd, name)

  const state: FileState<z.output<S>> = dir.exists
    ? readStoreFile(file, schema, options.migrations ?? [])
    : { kind: 'absent' }
  const say = (id: string, level: AppNotice['level'], message: string): void =>
    options.notify?.({ id: `${id}-${name}`, level, message })
  let cached: z.output<S> = defaults

  switch (state.kind) {
    case 'absent':
      break
    case 'ok':
      cached = state.doc
      if (state.upgradedFrom !== undefined && onDisk) {
        const current = (options.migrations ?? []).length + 1
        const kept = join(cwd, `${name}.pre-v${current}.json`)
        const failed = onDiskOrWhy(() => {
          copyFileSync(file, kept)
          replaceFile(file, JSON.stringify(state.doc, null, '\t'))
        }, kept)
        if (failed) {
          readOnly = failed
          say(
            'store-upgrade',
            'warning',
            `The ${name} file was upgraded for this session only: ${failed}. The file is unchanged.`
          )
        }
      }
      break
    case 'newer':
      cached = state.doc ?? defaults
      readOnly = `${file} was written by a newer FlowX Launcher (file version ${state.found}; this one reads up to ${state.current})`
      say(
        'store-newer',
        'error',
        `The ${name} file was written by a newer FlowX Launcher (file version ${state.found}; this one reads up to version ${state.current}). It is left untouched and opened read-only: changes cannot be saved${state.doc ? '' : ', and its content cannot be shown by this version'}. Update FlowX Launcher to use it. File: ${file}`
      )
      break
    case 'not-upgradable': {
      const from = `version ${state.from} to ${state.current}`
      const kept = join(cwd, `${name}.pre-v${state.current}.json`)
      const failed = onDisk ? onDiskOrWhy(() => copyFileSync(file, kept), kept) : undefined
      if (!onDisk || failed) {
        readOnly ??= failed ?? `the ${name} file could not be upgraded`
        say(
          'store-migration',
          'error',
          `The ${name} file could not be upgraded from ${from} (${state.why}). It is left untouched at ${file}${failed ? `: ${failed}` : ''}.`
        )
        break
      }
      say(
        'store-migration',
        'error',
        `The ${name} file could not be upgraded from ${from} (${state.why}). The original is kept as ${kept}.`
      )
      setAside(`it could not be upgraded from version ${state.from}`)
      break
    }
    case 'damaged':
      if (onDisk) {
        setAside(state.problem)
        break
      }
      say(
        'store-reset',
        'warning',
        `The ${name} file could not be read (${state.problem}). Nothing was changed: ${readOnly ? `the folder cannot be written (${readOnly}), so it stays` : 'it stays'} at ${file}, and this command sees an empty ${name} file.`
      )
      break
  }

  /** Keep the file's bytes as `<name>.corrupt-<time>.json`, then start clean. */
  function setAside(problem: string): void {
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')
    const backup = join(cwd, `${name}.corrupt-${stamp}.json`)
    let gone = false
    const failed = onDiskOrWhy(() => {
      try {
        copyFileSync(file, backup)
        rmSync(file)
      } catch (error) {
        // Another process set it aside first: its bytes are kept and it said so.
        if (errorCode(error) !== 'ENOENT') throw error
        gone = true
      }
    }, backup)
    if (gone) return
    if (failed) {
      readOnly = failed
      say(
        'store-reset',
        'error',
        `The ${name} file could not be read (${problem}), and it could not be kept aside: ${failed}. It is left untouched at ${file}; nothing can be saved until there is room.`
      )
      return
    }
    say(
      'store-reset',
      'warning',
      `The ${name} file could not be read (${problem}). It was kept as ${backup} and a fresh one was started.`
    )
  }

  let kv: KeyValueStore | undefined
  return {
    path: file,
    get readOnly() {
      return readOnly
    },
    read: () => cached,
    write(next) {
      const valid = schema.parse(next) as z.output<S>
      if (readOnly !== undefined) {
        throw new AppFailure(
          'STORE_UNWRITABLE',
          `Could not save the ${name} file: ${readOnly}. Nothing was changed.`
        )
      }
      if (access === 'read') {
        cached = valid
        return
      }
      const from = Date.now()
      try {
        kv ??= backend({
          name,
          cwd,
          defaults: defaults as Record<string, unknown>,
          fileMode: options.fileMode
        })
        // One atomic write of the whole document (temp file, then rename).
        ;(kv as { store: Record<string, unknown> }).store = valid
      } catch (error) {
        removeFailedWriteTemp(cwd, name, from, Date.now())
        throw saveFailure(`${name} file`, file, error)
      }
      cached = valid
    },
    update(change) {
      this.write(change(cached))
      return cached
    }
  }
}

/**
 * Run a file-system step; when it fails for a reason the user can act on (full disk, read-only),
 * remove what it left at `partial` and return that reason instead of throwing.
 */
function onDiskOrWhy(step: () => void, partial: string): string | undefined {
  try {
    step()
    return undefined
  } catch (error) {
    const code = errorCode(error)
    const why = whyUnwritable(code)
    if (!why) throw error
    rmSync(partial, { force: true })
    return `${why} (${code} at ${partial})`
  }
}

/** Write `text` to `file` through a temp file of this process's own, then rename it into place. */
function replaceFile(file: string, text: string): void {
  const temp = `${file}.upgrade-${process.pid}-${Math.random().toString(36).slice(2, 10)}`
  try {
    writeFileSync(temp, text, { mode: statSync(file).mode & 0o777 })
    renameSync(temp, file)
  } finally {
    rmSync(temp, { force: true })
  }
}
