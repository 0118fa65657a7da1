/**
 * A saved launch for `batch NAME_OR_FILE`: by name in the library (the default folder and the
 * extra library folders of the settings, as in the app), or a `.launch.json` path.
 */
import type { Library } from '../../core/library/library'
import { AppFailure } from '../../shared/errors'
import type { SavedLaunch } from '../../shared/workbench'
import { CliError } from '../context'

export async function findSavedLaunch(
  library: Pick<Library, 'find'>,
  nameOrFile: string
): Promise<SavedLaunch> {
  try {
    return (await library.find(nameOrFile)).launch
  } catch (error) {
    if (error instanceof AppFailure) throw new CliError(error.error.message, error.error.hint)
    throw error
  }
}
