/**
 * The user's settings (AppSettings): theme, text size, retention, batch concurrency, library
 * folders. Kept by main through `settings:get` / `settings:update`; a copy in localStorage makes
 * theme and text size right on the very first paint.
 */
import type { AppSettings, ThemeSetting } from '@shared/domain'
import type { AppError, Result } from '@shared/errors'
import { DEFAULT_APP_SETTINGS } from '@shared/settings-defaults'
import type { LibraryFolder, LibraryListing } from '@shared/workbench'
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'

export const TEXT_SIZE_MIN = 90
export const TEXT_SIZE_MAX = 200
export const TEXT_SIZE_STEP = 10
/** The browser's default root font size the text size is a percentage of. */
const ROOT_PX = 16
const CACHE_KEY = 'flowx-launcher.settings'

export type ResolvedTheme = 'light' | 'dark'

/** 90–200, on the 10 % grid where the user zooms with Ctrl +/−. */
export function clampTextSize(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_APP_SETTINGS.textSize
  return Math.min(TEXT_SIZE_MAX, Math.max(TEXT_SIZE_MIN, Math.round(value)))
}

function readCache(): AppSettings {
  try {
    const raw = globalThis.localStorage?.getItem(CACHE_KEY)
    if (!raw) return structuredClone(DEFAULT_APP_SETTINGS)
    const parsed = JSON.parse(raw) as Partial<AppSettings>
    return {
      ...structuredClone(DEFAULT_APP_SETTINGS),
      ...parsed,
      textSize: clampTextSize(parsed.textSize ?? DEFAULT_APP_SETTINGS.textSize)
    }
  } catch {
    return structuredClone(DEFAULT_APP_SETTINGS)
  }
}

function writeCache(settings: AppSettings): void {
  try {
    globalThis.localStorage?.setItem(CACHE_KEY, JSON.stringify(settings))
  } catch {
    // The copy only speeds up the first paint; main keeps the settings.
  }
}

function prefersDark(): MediaQueryList | undefined {
  return typeof globalThis.matchMedia === 'function'
    ? globalThis.matchMedia('(prefers-color-scheme: dark)')
    : undefined
}

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<AppSettings>(readCache())
  const loaded = ref(false)
  const saving = ref(false)
  const error = ref<AppError>()

  // The OS preference, followed live while the theme is "System".
  const media = prefersDark()
  const systemDark = ref(media?.matches ?? false)
  media?.addEventListener('change', (e) => (systemDark.value = e.matches))

  const resolvedTheme = computed<ResolvedTheme>(() => {
    const theme = settings.value.theme
    if (theme === 'system') return systemDark.value ? 'dark' : 'light'
    return theme
  })

  // Theme and text size apply to the whole document (rem units scale with the root font size).
  watch(
    [resolvedTheme, () => settings.value.textSize, () => settings.value.theme],
    ([theme, size, setting]) => {
      const root = globalThis.document?.documentElement
      if (!root) return
      root.dataset.theme = theme
      root.dataset.themeSetting = setting
      root.style.colorScheme = theme
      root.style.fontSize = `${(ROOT_PX * size) / 100}px`
    },
    { immediate: true }
  )

  /** Read the settings main keeps. */
  async function load(): Promise<void> {
    const r = await window.flowx.settings.get()
    if (r.ok) apply(r.value)
    else {
      error.value = r.error
      loaded.value = true
    }
  }

  /** Take the settings main keeps (with the start-up data, or from `load`). */
  function apply(value: AppSettings): void {
    settings.value = { ...structuredClone(DEFAULT_APP_SETTINGS), ...value }
    writeCache(settings.value)
    error.value = undefined
    loaded.value = true
  }

  /** Change some settings; shown at once, kept by main. False when main refused. */
  async function update(patch: Partial<AppSettings>): Promise<boolean> {
    const before = settings.value
    settings.value = { ...before, ...patch }
    writeCache(settings.value)
    saving.value = true
    try {
      const r = await window.flowx.settings.update(patch)
      if (!r.ok) {
        settings.value = before
        writeCache(before)
        error.value = r.error
        return false
      }
      settings.value = { ...settings.value, ...r.value }
      writeCache(settings.value)
      error.value = undefined
      return true
    } finally {
      saving.value = false
    }
  }

  // Library folders are kept by the library (library:* channels), listed here for the settings.
  const folders = ref<LibraryFolder[]>([])
  const foldersError = ref<AppError>()

  function takeListing(r: Result<LibraryListing>): boolean {
    if (!r.ok) {
      foldersError.value = r.error
      return false
    }
    foldersError.value = undefined
    folders.value = r.value.folders
    return true
  }

  async function loadFolders(): Promise<void> {
    takeListing(await window.flowx.library.list())
  }

  /** Ask main for a folder to add (its picker); false when refused or cancelled with an error. */
  async function addFolder(): Promise<boolean> {
    return takeListing(await window.flowx.library.addFolder())
  }

  async function removeFolder(folderId: string): Promise<boolean> {
    return takeListing(await window.flowx.library.removeFolder({ folderId }))
  }

  /** Show the logs folder in the file manager. */
  async function openLogs(): Promise<boolean> {
    const r = await window.flowx.app.openLogs()
    if (!r.ok) error.value = r.error
    return r.ok
  }

  function setTheme(theme: ThemeSetting): Promise<boolean> {
    return update({ theme })
  }

  function setTextSize(size: number): Promise<boolean> {
    return update({ textSize: clampTextSize(size) })
  }

  /** Ctrl/Cmd + / − / 0. */
  function zoom(direction: 1 | -1 | 0): Promise<boolean> {
    if (direction === 0) return setTextSize(DEFAULT_APP_SETTINGS.textSize)
    const current = settings.value.textSize
    const next =
      direction > 0
        ? Math.floor(current / TEXT_SIZE_STEP) * TEXT_SIZE_STEP + TEXT_SIZE_STEP
        : Math.ceil(current / TEXT_SIZE_STEP) * TEXT_SIZE_STEP - TEXT_SIZE_STEP
    return setTextSize(next)
  }

  return {
    settings,
    loaded,
    saving,
    error,
    resolvedTheme,
    folders,
    foldersError,
    load,
    apply,
    loadFolders,
    addFolder,
    removeFolder,
    openLogs,
    update,
    setTheme,
    setTextSize,
    zoom
  }
})
