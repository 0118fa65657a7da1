/**
 * One saved-launch file on disk: read as a document, checked before it is overwritten (changed on
 * disk since it was opened, deleted, or broken: never silently overwritten), and a free file name
 * for a new one. Stateless; the library decides which file.
 */
import { readdir, stat } from 'node:fs/promises'

import { AppFailure } from '../../shared/errors'
import type { SavedLaunchDocument } from '../../shared/workbench'
import { entryOf, revisionOf } from './folder-scan'
import { LAUNCH_SUFFIX, parseLaunchFile } from './launch-file'

/** The saved launch in `text`; a broken file is an error that says so. */
export function documentOf(
  folderId: string,
  file: string,
  text: string,
  updatedAt: string
): SavedLaunchDocument {
  const entry = entryOf(folderId, file, text, updatedAt)
  const read = parseLaunchFile(text)
  if (!read.ok) {
    throw new AppFailure(
      'INVALID_INPUT',
      `The saved launch file ${file} is broken: ${read.problem}`,
      {
        hint: 'Fix the file in an editor; it is never overwritten while broken.'
      }
    )
  }
  return { entry, launch: read.launch }
}

/** Throws unless the file at `path` (now `current`, undefined if gone) may be overwritten. */
export async function checkWritable(
  path: string,
  file: string,
  current: string | undefined,
  expectedRevision: string | undefined
): Promise<void> {
  if (current === undefined) {
    if (expectedRevision !== undefined) {
      throw new AppFailure(
        'CONFLICT',
        `${file} was deleted or renamed on disk since it was opened.`,
        {
          hint: 'Save it as a new saved launch to keep your changes.'
        }
      )
    }
    return
  }
  const read = parseLaunchFile(current)
  if (!read.ok) {
    throw new AppFailure(
      'CONFLICT',
      `${path} is broken, so it is not overwritten: ${read.problem}`,
      {
        hint: 'Fix the file in an editor, or save your launch under a new name.'
      }
    )
  }
  if (expectedRevision !== undefined && revisionOf(current) !== expectedRevision)
    throw conflict(file)
}

/** `<slug>.launch.json`, or `<slug>-2.launch.json` and so on when taken (case-insensitively). */
export async function freeName(dir: string, slug: string): Promise<string> {
  const taken = new Set(
    (await readdir(dir).catch(() => [] as string[])).map((f) => f.toLowerCase())
  )
  let file = `${slug}${LAUNCH_SUFFIX}`
  for (let n = 2; taken.has(file.toLowerCase()); n++) file = `${slug}-${n}${LAUNCH_SUFFIX}`
  return file
}

/** The file changed on disk since it was opened. */
export function conflict(file: string): AppFailure {
  return new AppFailure(
    'CONFLICT',
    `${file} was changed on disk since it was opened, so it was not overwritten.`,
    {
      hint: 'Reload it to see the other change, or save yours under a new name.'
    }
  )
}

/** When the file was last changed, as an ISO time. */
export async function mtime(path: string): Promise<string> {
  return (await stat(path)).mtime.toISOString()
}
