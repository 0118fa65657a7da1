/**
 * Playlists in the library folders: list, read, save (atomically, renaming the file when the name
 * changes) and delete. A file that is not a valid playlist is listed with its problem and never
 * overwritten; only folders the library knows are ever touched. A deleted file's bytes wait in the
 * trash folder (as the library's saved launches do) so an undo puts it back as it was.
 */
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'

import type { Playlist, PlaylistEntry, PlaylistSummary } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { exists, writeFileAtomic } from '../files/atomic'
import { FileTrash } from '../files/trash'
import { revisionOf } from '../library/folder-scan'
import { PLAYLIST_SUFFIX, parsePlaylist, playlistSlug, playlistText } from './playlist-file'

export interface PlaylistRef {
  slug: string
  /** A library folder; the default one when absent. */
  folder?: string
}

/** Largest playlist file read (a few hundred steps with notes). */
const MAX_FILE_BYTES = 2 * 1024 * 1024

/** A deleted playlist: the token `restore` takes, and its name for the Undo toast. */
export interface PlaylistDeletion {
  undoToken: string
  name: string
}

export class PlaylistStore {
  private readonly trash: FileTrash<{ folder: string; slug: string }>

  /**
   * @param folders the library folders, the default (writable) one first.
   * @param trashDir where deleted files wait for an undo; beside the default folder when absent.
   */
  constructor(
    private readonly folders: () => string[],
    trashDir?: string
  ) {
    this.trash = new FileTrash(
      trashDir ?? join(dirname(resolve(folders()[0] ?? '.')), 'playlists-trash')
    )
  }

  async list(): Promise<PlaylistSummary[]> {
    const found: PlaylistSummary[] = []
    for (const folder of this.known()) {
      let names: string[]
      try {
        names = await readdir(folder)
      } catch {
        continue
      }
      for (const name of names.filter((n) => n.endsWith(PLAYLIST_SUFFIX)).sort()) {
        const slug = name.slice(0, -PLAYLIST_SUFFIX.length)
        const read = await this.read(folder, slug).catch((failure: unknown) => ({
          problem: failure instanceof AppFailure ? failure.error.message : 'Unreadable.'
        }))
        if ('problem' in read) {
          found.push({
            slug,
            name: slug,
            folder,
            stepCount: 0,
            updatedAt: '',
            problem: read.problem
          })
        } else {
          found.push(summary(read))
        }
      }
    }
    return found
  }

  async get(ref: PlaylistRef): Promise<PlaylistEntry> {
    const folder = this.folderOf(ref.folder)
    const read = await this.read(folder, ref.slug)
    if ('problem' in read) {
      throw new AppFailure('INVALID_INPUT', `${ref.slug}${PLAYLIST_SUFFIX}: ${read.problem}`, {
        hint: 'Fix the file in a text editor; the app leaves it as it is.'
      })
    }
    return read
  }

  /**
   * Save a playlist. `from` is the file it was opened from (kept, or renamed when the name
   * changed); without it a new file is made, never replacing another playlist.
   */
  async save(
    playlist: Playlist,
    options: { from?: PlaylistRef; folder?: string; expectedRevision?: string } = {}
  ): Promise<PlaylistEntry> {
    const folder = this.folderOf(options.from?.folder ?? options.folder)
    await mkdir(folder, { recursive: true })
    if (options.from && options.expectedRevision !== undefined) {
      // A teammate's change (a Git pull into a shared folder) is never overwritten unseen.
      const current = await readFile(fileOf(folder, options.from.slug), 'utf8').catch(() => '')
      if (revisionOf(current) !== options.expectedRevision) {
        throw new AppFailure(
          'CONFLICT',
          `${options.from.slug}${PLAYLIST_SUFFIX} was changed on disk since it was opened, so it was not overwritten.`,
          { hint: 'Reload it to see the other change, or save yours under a new name.' }
        )
      }
    }
    const wanted = playlistSlug(playlist.name)
    let slug = wanted
    for (let n = 2; slug !== options.from?.slug && (await exists(fileOf(folder, slug))); n++) {
      slug = `${wanted}-${n}`
    }
    await writeFileAtomic(fileOf(folder, slug), playlistText(playlist))
    if (options.from && options.from.slug !== slug) {
      await rm(fileOf(folder, options.from.slug), { force: true })
    }
    return this.get({ slug, folder })
  }

  /** Move the file to the trash, its bytes unchanged; the token restores it. */
  async delete(ref: PlaylistRef): Promise<PlaylistDeletion> {
    const folder = this.folderOf(ref.folder)
    const file = fileOf(folder, ref.slug)
    const text = await readFile(file, 'utf8').catch(() => undefined)
    if (text === undefined) {
      throw new AppFailure('RECORD_NOT_FOUND', `The playlist ${ref.slug} no longer exists.`)
    }
    const undoToken = await this.trash.put(file, { folder, slug: ref.slug })
    const parsed = parsePlaylist(text)
    return { undoToken, name: parsed.ok ? parsed.playlist.name : ref.slug }
  }

  /** Put a deleted playlist back (under a new name if its old one was taken since). */
  async restore(undoToken: string): Promise<PlaylistEntry> {
    const trashed = await this.trash.take(undoToken)
    const origin = trashed.origin
    // Back to its folder while the library still shows it, otherwise to the default one.
    const folder = this.known().includes(resolve(origin.folder))
      ? resolve(origin.folder)
      : this.folderOf(undefined)
    await mkdir(folder, { recursive: true })
    let slug = origin.slug
    for (let n = 2; await exists(fileOf(folder, slug)); n++) slug = `${origin.slug}-${n}`
    await rename(trashed.path, fileOf(folder, slug))
    await trashed.forget()
    return this.get({ slug, folder })
  }

  private known(): string[] {
    return [...new Set(this.folders().map((f) => resolve(f)))]
  }

  /** A folder the library knows, or the default; anything else is refused. */
  private folderOf(folder: string | undefined): string {
    const known = this.known()
    if (folder === undefined) {
      const first = known[0]
      if (!first) throw new AppFailure('INTERNAL', 'No library folder is set up.')
      return first
    }
    const wanted = resolve(folder)
    if (!known.includes(wanted)) {
      throw new AppFailure('INVALID_INPUT', 'That folder is not one of the library folders.', {
        hint: 'Add it to the library folders in Settings first.'
      })
    }
    return wanted
  }

  private async read(folder: string, slug: string): Promise<PlaylistEntry | { problem: string }> {
    const file = fileOf(folder, slug)
    let info
    try {
      info = await stat(file)
    } catch {
      throw new AppFailure('RECORD_NOT_FOUND', `The playlist ${slug} no longer exists.`)
    }
    if (info.size > MAX_FILE_BYTES) return { problem: 'The file is larger than 2 MB.' }
    const text = await readFile(file, 'utf8')
    const parsed = parsePlaylist(text)
    if (!parsed.ok) return { problem: parsed.problem }
    return {
      slug,
      name: parsed.playlist.name,
      folder,
      stepCount: parsed.playlist.steps.length,
      updatedAt: info.mtime.toISOString(),
      revision: revisionOf(text),
      playlist: parsed.playlist
    }
  }
}

function fileOf(folder: string, slug: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(slug)) {
    throw new AppFailure('INVALID_INPUT', 'Invalid playlist name.')
  }
  return join(folder, `${slug}${PLAYLIST_SUFFIX}`)
}

function summary(entry: PlaylistEntry): PlaylistSummary {
  const { slug, name, folder, stepCount, updatedAt, revision } = entry
  return { slug, name, folder, stepCount, updatedAt, ...(revision ? { revision } : {}) }
}
