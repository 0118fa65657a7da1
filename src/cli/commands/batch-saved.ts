/** A saved launch for `batch NAME_OR_FILE`: by name in the library, or a `.launch.json` path. */
import { join } from 'node:path'

import { Library } from '../../core/library/library'
import { AppFailure } from '../../shared/errors'
import type { SavedLaunch } from '../../shared/workbench'
import { CliError } from '../context'

export async function findSavedLaunch(dataDir: string, nameOrFile: string): Promise<SavedLaunch> {
  const library = new Library({
    defaultDir: join(dataDir, 'library'),
    trashDir: join(dataDir, 'library-trash'),
    // Read-only use: the batch command never changes the list of library folders.
    folders: { read: () => [], write: () => undefined }
  })
  try {
    return (await library.find(nameOrFile)).launch
  } catch (error) {
    if (error instanceof AppFailure) throw new CliError(error.error.message, error.error.hint)
    throw error
  }
}
