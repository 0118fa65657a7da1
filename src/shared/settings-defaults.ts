/** The settings screen's values when the user has changed nothing (main and renderer alike). */
import type { AppSettings } from './domain'

export const DEFAULT_APP_SETTINGS: AppSettings = {
  theme: 'system',
  textSize: 100,
  retention: { mode: 'forever' },
  batchConcurrency: 4,
  libraryFolders: [],
  demo: { enabled: false, persist: false, textScale: 150 }
}
