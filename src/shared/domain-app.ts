/**
 * The app as a whole: notices, how secrets can be kept, the settings document, and what the
 * renderer needs at start-up. Plain data only: everything here crosses IPC, never a secret.
 * `domain.ts` re-exports them.
 */
import type { LaunchDraft } from './domain-start'
import type { ProfileView } from './profile-types'

/** Something the user should be told once (a store reset, a weak keychain…). */
export interface AppNotice {
  id: string
  level: 'info' | 'warning' | 'error'
  message: string
}

/** How secrets can be kept on this computer (security.md SEC-2). */
export interface SecretStorageState {
  /** 'available': OS keychain; 'weak': Linux basic_text (hard-coded key); 'unavailable': none. */
  cipher: 'available' | 'weak' | 'unavailable'
  /** The user chose to store secrets with weak protection anyway (only meaningful when weak). */
  weakOptIn: boolean
}

export type ThemeSetting = 'system' | 'light' | 'dark'

/** History retention (security.md STO-6): keep everything unless the user chooses a limit. */
export type RetentionSetting =
  { mode: 'forever' } | { mode: 'days'; days: number } | { mode: 'count'; launches: number }

/** The settings screen's document (kept in the settings store, never a secret). */
export interface AppSettings {
  theme: ThemeSetting
  /** Text size in percent, 90–200. */
  textSize: number
  retention: RetentionSetting
  /** Default concurrency of batch runs, 1–64. */
  batchConcurrency: number
  /** Extra library folders (absolute paths) shown beside the default library. */
  libraryFolders: string[]
  /** Demo mode survives a restart only when the user asks. */
  demo: { enabled: boolean; persist: boolean; textScale: 125 | 150 | 200 }
}

/** What the renderer needs at start-up. */
export interface AppState {
  version: string
  activeProfileId?: string
  notices: AppNotice[]
  secretStorage: SecretStorageState
}

/**
 * Everything the first screen needs, in one call (`app:startup`): the same answers as
 * `app:get-state`, `settings:get`, `profiles:list` and `drafts:get` of the profile it opens on.
 */
export interface StartupState {
  state: AppState
  settings: AppSettings
  profiles: ProfileView[]
  /** The launch form draft of the profile the app opens on (the remembered one, else the first). */
  draft: { profileId: string; draft: LaunchDraft | null } | null
}
