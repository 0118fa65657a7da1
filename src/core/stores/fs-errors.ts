/**
 * File-system failures of the data directory in words a user can act on: a read-only mount, a full
 * disk, a folder that is a file. Never the raw `ENOSPC: no space left on device, open '…'`.
 */
import { AppFailure } from '../../shared/errors'

/** Why a path cannot be written, from a Node error code; undefined for codes not about that. */
export function whyUnwritable(code: string | undefined): string | undefined {
  switch (code) {
    case 'EROFS':
      return 'the file system is mounted read-only'
    case 'EACCES':
    case 'EPERM':
      return 'this user may not write there'
    case 'ENOSPC':
      return 'the disk is full'
    case 'EDQUOT':
      return 'the disk quota is used up'
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file stands where a folder is needed'
    default:
      return undefined
  }
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return typeof code === 'string' ? code : undefined
}

/**
 * The failure to report when saving `what` to `path` threw: a clear STORE_UNWRITABLE for the
 * file-system reasons above, the error itself otherwise. Nothing was changed in either case: every
 * store write goes to a temp file first and replaces the file only when complete.
 */
export function saveFailure(what: string, path: string, error: unknown): Error {
  if (error instanceof AppFailure) return error
  const code = errorCode(error)
  const why = whyUnwritable(code)
  if (!why) return error instanceof Error ? error : new Error(String(error))
  return new AppFailure(
    'STORE_UNWRITABLE',
    `Could not save the ${what}: ${why} (${code} at ${path}). Nothing was changed; what was saved before is kept.`,
    { hint: hintFor(code) }
  )
}

/** What the user can do about an unwritable data directory. */
export function hintFor(code: string | undefined): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'Free some disk space and try again.'
    case 'ENOTDIR':
    case 'EEXIST':
      return 'Move the file away, or choose another data directory (--data-dir or FLOWX_LAUNCHER_HOME).'
    default:
      return 'Use a writable data directory (--data-dir or FLOWX_LAUNCHER_HOME), or fix its permissions.'
  }
}
