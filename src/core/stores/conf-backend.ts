/** The StoreBackend used outside Electron (CLI, tests): conf, the library electron-store is built on. */
import Conf from 'conf'

import type { KeyValueStore, StoreBackend } from '../ports'

/** Open a store file with conf in an absolute directory; same file format as electron-store. */
export const confBackend: StoreBackend = ({ name, cwd, defaults, fileMode }) =>
  new Conf<Record<string, unknown>>({
    configName: name,
    cwd,
    defaults,
    configFileMode: fileMode,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false
  }) as unknown as KeyValueStore
