/**
 * StoreBackend over electron-store 12 (security.md STO-1/2, SEC-5/6): always an absolute `cwd`,
 * never `clearInvalidConfig` (core sets corrupt files aside itself), never `encryptionKey` (secrets
 * are sealed by safeStorage), and the file mode core asks for (0600 for secrets).
 */
import { isAbsolute } from 'node:path'

import { ipcMain } from 'electron'
import Store from 'electron-store'

import type { KeyValueStore, StoreBackend } from '../../core/ports'

// electron-store answers this sync channel for renderer-side stores. The app has none, so the
// listener (outside the checked IPC wrapper) is removed again.
const STORE_DATA_CHANNEL = 'electron-store-get-data'

/** Open a store file with electron-store. */
export const electronStoreBackend: StoreBackend = ({ name, cwd, defaults, fileMode }) => {
  if (!isAbsolute(cwd)) throw new Error('Store directory must be absolute.')
  const store = new Store<Record<string, unknown>>({
    name,
    cwd,
    defaults,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    ...(fileMode === undefined ? {} : { configFileMode: fileMode })
  })
  ipcMain.removeAllListeners(STORE_DATA_CHANNEL)
  return store as unknown as KeyValueStore
}
