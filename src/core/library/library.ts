/**
 * The library: saved launches as files in folders (the default one in the data directory, and any
 * the user adds, such as a team's Git repository). Writes are atomic (temp file + rename); a file
 * changed on disk since it was opened is a conflict, never silently overwritten; a broken file is
 * listed with its error and never overwritten (./saved-file); a delete can be undone.
 */
import { createHash } from 'node:crypto'
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, isAbsolute, join, resolve } from 'node:path'

import { AppFailure } from '../../shared/errors'
import type {
  LibraryDeletion,
  LibraryEntry,
  LibraryFolder,
  LibraryListing,
  SavedLaunch,
  SavedLaunchDocument
} from '../../shared/workbench'
import { readIfExists, writeFileAtomic } from '../files/atomic'
import { FileTrash } from '../files/trash'
import { kindOf, revisionOf, scanFolder } from './folder-scan'
import {
  LAUNCH_SUFFIX,
  launchFileText,
  parseLaunchFile,
  secretProblem,
  slugify
} from './launch-file'
import { checkWritable, conflict, documentOf, freeName, mtime } from './saved-file'

/** Where the user's extra folders are kept (the settings store in the app). */
export interface LibraryFolderList {
  read(): string[]
  write(paths: string[]): void
}

export interface LibraryOptions {
  /** The default library folder (in the data directory). */
  defaultDir: string
  /** Where deleted files wait for an undo. */
  trashDir: string
  folders: LibraryFolderList
}

export interface SaveRequest {
  id?: string
  folderId?: string
  launch: SavedLaunch
  expectedRevision?: string
}

export function folderIdOf(path: string): string {
  return createHash('sha256').update(resolve(path)).digest('hex').slice(0, 12)
}

export class Library {
  private readonly trash: FileTrash<{ folder: string; file: string }>

  constructor(private readonly options: LibraryOptions) {
    this.trash = new FileTrash(options.trashDir)
  }

  /** The default folder first, then the user's, in the order added. */
  folders(): LibraryFolder[] {
    const extra = this.options.folders
      .read()
      .filter((p) => resolve(p) !== resolve(this.options.defaultDir))
      .map((path) => ({ id: folderIdOf(path), path, isDefault: false }))
    return [{ id: 'default', path: this.options.defaultDir, isDefault: true }, ...extra]
  }

  /** Every folder and its files; a folder that cannot be read carries its error. */
  async list(): Promise<LibraryListing> {
    // A read-only data directory still lists what is there.
    await mkdir(this.options.defaultDir, { recursive: true }).catch(() => undefined)
    const folders = this.folders()
    const scans = await Promise.all(folders.map((folder) => scanFolder(folder)))
    return {
      folders: folders.map((folder, i) => ({
        ...folder,
        // A default folder not created yet is simply empty.
        ...(scans[i].error && !(folder.isDefault && scans[i].missing)
          ? { error: scans[i].error }
          : {})
      })),
      entries: scans.flatMap((scan) => scan.entries)
    }
  }

  /** A saved launch by id; broken or missing files are specific errors. */
  async get(id: string): Promise<SavedLaunchDocument> {
    const { folder, file, path } = this.locate(id)
    const text = await readIfExists(path)
    if (text === undefined) {
      throw new AppFailure(
        'RECORD_NOT_FOUND',
        `The saved launch ${file} is no longer in ${folder.path}.`
      )
    }
    return documentOf(folder.id, file, text, await mtime(path))
  }

  /**
   * Find a saved launch by name (any folder, case-insensitive), file name or slug, or a path to a
   * `.launch.json` file. Ambiguous names and broken files are errors that name them.
   */
  async find(nameOrFile: string): Promise<SavedLaunchDocument> {
    if (
      nameOrFile.endsWith(LAUNCH_SUFFIX) &&
      (isAbsolute(nameOrFile) || nameOrFile.includes('/'))
    ) {
      const path = resolve(nameOrFile)
      const text = await readIfExists(path)
      if (text === undefined) throw new AppFailure('RECORD_NOT_FOUND', `There is no file ${path}.`)
      return documentOf(folderIdOf(resolve(path, '..')), basename(path), text, await mtime(path))
    }
    const { entries } = await this.list()
    const wanted = nameOrFile.trim().toLowerCase()
    const launches = entries.filter((e) => e.kind === 'launch')
    let matches = launches.filter((e) => e.status === 'ok' && e.name.toLowerCase() === wanted)
    if (matches.length === 0) {
      matches = launches.filter(
        (e) =>
          e.file.toLowerCase() === wanted || e.file.toLowerCase() === `${wanted}${LAUNCH_SUFFIX}`
      )
    }
    if (matches.length === 0) {
      throw new AppFailure('RECORD_NOT_FOUND', `There is no saved launch named “${nameOrFile}”.`, {
        hint: 'List them with `flowx-launcher library list`.'
      })
    }
    if (matches.length > 1) {
      const where = matches.map((m) => this.pathOf(m)).join(', ')
      throw new AppFailure(
        'INVALID_INPUT',
        `More than one saved launch is named “${nameOrFile}”: ${where}.`,
        {
          hint: 'Give the file path instead of the name.'
        }
      )
    }
    const [entry] = matches
    if (entry.status === 'broken') {
      throw new AppFailure(
        'INVALID_INPUT',
        `The saved launch file ${this.pathOf(entry)} is broken: ${entry.error}`
      )
    }
    return this.get(entry.id)
  }

  /** Create or overwrite a saved launch. */
  async save(request: SaveRequest): Promise<SavedLaunchDocument> {
    const problem = secretProblem(request.launch)
    if (problem) throw new AppFailure('INVALID_INPUT', problem)
    const text = launchFileText(request.launch)
    if (request.id) {
      const { folder, file, path } = this.locate(request.id)
      const current = await readIfExists(path)
      await checkWritable(path, file, current, request.expectedRevision)
      await writeFileAtomic(path, text)
      return documentOf(folder.id, file, text, await mtime(path))
    }
    const folder = this.folder(request.folderId ?? 'default')
    await mkdir(folder.path, { recursive: true })
    const file = await freeName(folder.path, slugify(request.launch.name))
    const path = join(folder.path, file)
    await writeFile(path, text, { encoding: 'utf8', flag: 'wx' })
    return documentOf(folder.id, file, text, await mtime(path))
  }

  /** New name, and the file follows it; the old file goes once the new one is written. */
  async rename(id: string, name: string, expectedRevision?: string): Promise<SavedLaunchDocument> {
    const doc = await this.get(id)
    const { folder, file, path } = this.locate(id)
    await checkWritable(path, file, await readIfExists(path), expectedRevision)
    const launch = { ...doc.launch, name: name.trim() }
    const text = launchFileText(launch)
    const wanted = `${slugify(name)}${LAUNCH_SUFFIX}`
    if (wanted === file) {
      await writeFileAtomic(path, text)
      return documentOf(folder.id, file, text, await mtime(path))
    }
    const next = await freeName(folder.path, slugify(name))
    await writeFile(join(folder.path, next), text, { encoding: 'utf8', flag: 'wx' })
    await rm(path, { force: true })
    return documentOf(folder.id, next, text, await mtime(join(folder.path, next)))
  }

  /** A copy named "<name> copy" beside the original. */
  async duplicate(id: string): Promise<SavedLaunchDocument> {
    const doc = await this.get(id)
    const names = new Set((await this.list()).entries.map((e) => e.name.toLowerCase()))
    let name = `${doc.launch.name} copy`.slice(0, 100)
    for (let n = 2; names.has(name.toLowerCase()); n++)
      name = `${doc.launch.name} copy ${n}`.slice(0, 100)
    return this.save({ folderId: doc.entry.folderId, launch: { ...doc.launch, name } })
  }

  /** Move the file to the trash; the token restores it. */
  async remove(id: string, expectedRevision?: string): Promise<LibraryDeletion> {
    const { folder, file, path } = this.locate(id)
    const text = await readIfExists(path)
    if (text === undefined)
      throw new AppFailure('RECORD_NOT_FOUND', `The saved launch ${file} is already gone.`)
    if (expectedRevision !== undefined && revisionOf(text) !== expectedRevision) {
      throw conflict(file)
    }
    const undoToken = await this.trash.put(path, { folder: folder.path, file })
    const read = parseLaunchFile(text)
    return { undoToken, name: read.ok ? read.launch.name : file }
  }

  /** Put a deleted file back (under a new name if its old one was taken since). */
  async restore(undoToken: string): Promise<SavedLaunchDocument> {
    const trashed = await this.trash.take(undoToken)
    const origin = trashed.origin
    const folder =
      this.folders().find((f) => resolve(f.path) === resolve(origin.folder)) ??
      this.folder('default')
    await mkdir(folder.path, { recursive: true })
    const base = origin.file.slice(0, -LAUNCH_SUFFIX.length)
    const file = await freeName(folder.path, base)
    await rename(trashed.path, join(folder.path, file))
    await trashed.forget()
    return this.get(`${folder.id}/${file}`)
  }

  /** Add a folder to show beside the default one. */
  async addFolder(path: string): Promise<LibraryFolder[]> {
    const absolute = resolve(path)
    const info = await stat(absolute).catch(() => undefined)
    if (!info?.isDirectory()) throw new AppFailure('INVALID_INPUT', `${absolute} is not a folder.`)
    const current = this.options.folders.read()
    if (
      !current.some((p) => resolve(p) === absolute) &&
      absolute !== resolve(this.options.defaultDir)
    ) {
      this.options.folders.write([...current, absolute])
    }
    return this.folders()
  }

  /** Stop showing a folder; its files stay where they are. */
  removeFolder(folderId: string): LibraryFolder[] {
    if (folderId === 'default') {
      throw new AppFailure('INVALID_INPUT', 'The default library cannot be removed.')
    }
    const folder = this.folder(folderId)
    this.options.folders.write(
      this.options.folders.read().filter((p) => resolve(p) !== resolve(folder.path))
    )
    return this.folders()
  }

  /** The absolute path of an entry. */
  pathOf(entry: Pick<LibraryEntry, 'folderId' | 'file'>): string {
    return join(this.folder(entry.folderId).path, entry.file)
  }

  private folder(folderId: string): LibraryFolder {
    const folder = this.folders().find((f) => f.id === folderId)
    if (!folder)
      throw new AppFailure('RECORD_NOT_FOUND', 'That library folder is no longer in the list.')
    return folder
  }

  private locate(id: string): { folder: LibraryFolder; file: string; path: string } {
    const slash = id.indexOf('/')
    const file = id.slice(slash + 1)
    if (slash < 0 || kindOf(file) !== 'launch' || basename(file) !== file || file.startsWith('.')) {
      throw new AppFailure('INVALID_INPUT', 'That is not a saved launch of the library.')
    }
    const folder = this.folder(id.slice(0, slash))
    return { folder, file, path: join(folder.path, file) }
  }
}
