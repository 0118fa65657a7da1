/**
 * Listing a library folder: every `*.launch.json` and `*.playlist.json` in it, each with a change
 * marker (revision) and, for a file that cannot be read, why. Shared by the library and playlists.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'

import type { LibraryEntry, LibraryFileKind, LibraryFolder } from '../../shared/workbench'
import { LAUNCH_SUFFIX, parseLaunchFile } from './launch-file'

export const PLAYLIST_SUFFIX = '.playlist.json'

/** Largest library file read (a 1 MB payload pretty-printed, plus the rest). */
export const MAX_LIBRARY_FILE_BYTES = 8 * 1024 * 1024

/** The change marker of a file's content. */
export function revisionOf(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 20)
}

export function kindOf(file: string): LibraryFileKind | undefined {
  if (file.endsWith(LAUNCH_SUFFIX) && file.length > LAUNCH_SUFFIX.length) return 'launch'
  if (file.endsWith(PLAYLIST_SUFFIX) && file.length > PLAYLIST_SUFFIX.length) return 'playlist'
  return undefined
}

/** A list entry for a file's text (launches parsed fully; playlists by name and description). */
export function entryOf(
  folderId: string,
  file: string,
  text: string,
  updatedAt: string
): LibraryEntry {
  const kind = kindOf(file) ?? 'launch'
  const base = {
    id: `${folderId}/${file}`,
    folderId,
    file,
    kind,
    revision: revisionOf(text),
    updatedAt,
    name: file.slice(0, file.length - (kind === 'launch' ? LAUNCH_SUFFIX : PLAYLIST_SUFFIX).length),
    description: '',
    tags: []
  }
  if (kind === 'playlist') return { ...base, ...playlistFields(text) }
  const read = parseLaunchFile(text, undefined, { summary: true })
  if (!read.ok) return { ...base, status: 'broken', error: read.problem }
  const { launch } = read
  return {
    ...base,
    status: 'ok',
    name: launch.name,
    description: launch.description,
    tags: launch.tags,
    mode: launch.target.mode,
    processName: launch.target.processName
  }
}

function playlistFields(text: string): {
  status: 'ok' | 'broken'
  error?: string
  name?: string
  description?: string
} {
  try {
    const value = JSON.parse(text) as { name?: unknown; description?: unknown }
    if (typeof value?.name !== 'string')
      return { status: 'broken', error: 'Not a playlist: it has no name.' }
    return {
      status: 'ok',
      name: value.name,
      description: typeof value.description === 'string' ? value.description : ''
    }
  } catch (error) {
    return { status: 'broken', error: `Not valid JSON: ${(error as Error).message}` }
  }
}

/** Every library file of one folder, sorted by file name; `error` when the folder cannot be read. */
export async function scanFolder(
  folder: Pick<LibraryFolder, 'id' | 'path'>
): Promise<{ entries: LibraryEntry[]; error?: string; missing?: boolean }> {
  let names: string[]
  try {
    names = (await readdir(folder.path)).filter((f) => kindOf(f) !== undefined).sort()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT'
        ? 'the folder does not exist'
        : code === 'EACCES'
          ? 'no permission to read it'
          : (error as Error).message
    return {
      entries: [],
      error: `Cannot read ${folder.path}: ${reason}.`,
      missing: code === 'ENOENT'
    }
  }
  const entries = await Promise.all(
    names.map(async (file): Promise<LibraryEntry | undefined> => {
      const path = join(folder.path, file)
      try {
        const info = await stat(path)
        if (!info.isFile()) return undefined
        const updatedAt = info.mtime.toISOString()
        if (info.size > MAX_LIBRARY_FILE_BYTES) {
          return {
            ...entryOf(folder.id, file, '', updatedAt),
            status: 'broken',
            error: `The file is larger than ${MAX_LIBRARY_FILE_BYTES / 1024 / 1024} MB.`
          }
        }
        return entryOf(folder.id, file, await readFile(path, 'utf8'), updatedAt)
      } catch (error) {
        return {
          ...entryOf(folder.id, file, '', new Date(0).toISOString()),
          status: 'broken',
          error: `Cannot read the file: ${(error as Error).message}`
        }
      }
    })
  )
  return { entries: entries.filter((e): e is LibraryEntry => e !== undefined) }
}
