/**
 * The data directory before anything opens in it: a folder (made if missing and allowed), a file
 * in its place (refused with a clear message), or a folder that cannot be written (opened
 * read-only, saying why).
 */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs'

import { AppFailure } from '../../shared/errors'
import { errorCode, hintFor, whyUnwritable } from './fs-errors'

/**
 * 'write': the usual; the folder is made when missing. 'read': a command that only looks (the
 * CLI's `history`, `profiles list`): nothing is written, not even the folder.
 */
export type StoreAccess = 'read' | 'write'

export interface DataDirState {
  /** False only for 'read' access on a folder that does not exist yet: everything reads empty. */
  exists: boolean
  /** Why nothing can be saved there, when that is so. */
  readOnly?: string
}

/** Check (and for 'write', make) the data directory. Throws when a file stands in its place. */
export function prepareDataDir(dir: string, access: StoreAccess = 'write'): DataDirState {
  let exists = isFolder(dir)
  if (!exists && access === 'write') {
    try {
      mkdirSync(dir, { recursive: true })
      exists = true
    } catch (error) {
      const code = errorCode(error)
      if (code === 'EEXIST' || code === 'ENOTDIR') throw notAFolder(dir)
      const why = whyUnwritable(code)
      if (!why) throw error
      return { exists: false, readOnly: `${why} (${code} at ${dir})` }
    }
  }
  if (!exists) return { exists: false }
  try {
    accessSync(dir, constants.W_OK)
  } catch (error) {
    const code = errorCode(error)
    return {
      exists: true,
      readOnly: `${whyUnwritable(code) ?? 'it cannot be written'} (${code} at ${dir})`
    }
  }
  return { exists: true }
}

/** True for a folder, false when nothing is there; throws when something else is. */
function isFolder(dir: string): boolean {
  try {
    if (statSync(dir).isDirectory()) return true
  } catch (error) {
    const code = errorCode(error)
    if (code === 'ENOENT') return false
    if (code === 'ENOTDIR') throw notAFolder(dir)
    throw error
  }
  throw notAFolder(dir)
}

function notAFolder(dir: string): AppFailure {
  return new AppFailure(
    'STORE_UNWRITABLE',
    `The data directory ${dir} is not a folder: a file stands at that path (or on the way to it). Nothing was read or changed.`,
    { hint: hintFor('ENOTDIR') }
  )
}
