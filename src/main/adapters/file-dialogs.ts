/** Save and open dialogs for profile export and import, over Electron's dialog module. */
import { readFile, stat, writeFile } from 'node:fs/promises'

import type { Dialog } from 'electron'

import { AppFailure } from '../../shared/errors'
import type { FileDialogs } from '../../core/ports'

/** Larger than any real profile export; a bigger file is the wrong file. */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024
const FILTERS = [{ name: 'FlowX Launcher profiles', extensions: ['json'] }]
const ROWS_FILTERS = [
  { name: 'Batch rows (CSV, JSON, NDJSON)', extensions: ['csv', 'json', 'ndjson', 'jsonl'] }
]

export function createFileDialogs(
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>
): FileDialogs {
  return {
    async saveText(suggestedName, text, filter) {
      const filters = filter ? [{ name: filter.name, extensions: [...filter.extensions] }] : FILTERS
      const chosen = await dialog.showSaveDialog({ defaultPath: suggestedName, filters })
      if (chosen.canceled || !chosen.filePath) return undefined
      // Settings only, but still nobody else's business: private to the user.
      await writeFile(chosen.filePath, text, { encoding: 'utf8', mode: 0o600 })
      return chosen.filePath
    },
    async openText() {
      const chosen = await dialog.showOpenDialog({ properties: ['openFile'], filters: FILTERS })
      const path = chosen.filePaths[0]
      if (chosen.canceled || !path) return undefined
      if ((await stat(path)).size > MAX_IMPORT_BYTES) {
        throw new AppFailure(
          'INVALID_INPUT',
          'That file is larger than 5 MB: not a profile export.'
        )
      }
      return readFile(path, 'utf8')
    },
    async pickFile() {
      // Only the path: core reads a rows file as a stream, whatever its size.
      const chosen = await dialog.showOpenDialog({
        properties: ['openFile'],
        filters: ROWS_FILTERS
      })
      const path = chosen.filePaths[0]
      return chosen.canceled || !path ? undefined : path
    },
    async pickFolder() {
      const chosen = await dialog.showOpenDialog({
        properties: ['openDirectory', 'createDirectory']
      })
      const path = chosen.filePaths[0]
      return chosen.canceled || !path ? undefined : path
    }
  }
}
