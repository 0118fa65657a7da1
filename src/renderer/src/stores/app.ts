/** App-wide state: version, notices, theme and which view is showing. */
import type { AppNotice, AppState, SecretStorageState } from '@shared/domain'
import type { AppError } from '@shared/errors'
import { defineStore } from 'pinia'
import { ref } from 'vue'

export type ViewName = 'launch' | 'history' | 'profiles'
export type ThemeName = 'dark' | 'light'

const THEME_KEY = 'flowx-launcher.theme'
const LOCAL_PREFIX = 'local-'

function readTheme(): ThemeName {
  try {
    return globalThis.localStorage?.getItem(THEME_KEY) === 'light' ? 'light' : 'dark'
  } catch {
    return 'dark'
  }
}

function writeTheme(theme: ThemeName): void {
  try {
    globalThis.localStorage?.setItem(THEME_KEY, theme)
  } catch {
    // A theme that does not stick is not worth telling the user about.
  }
}

export const useAppStore = defineStore('app', () => {
  const version = ref('')
  const notices = ref<AppNotice[]>([])
  const theme = ref<ThemeName>(readTheme())
  const view = ref<ViewName>('launch')
  const loaded = ref(false)
  const error = ref<AppError>()
  /** How secrets can be kept here; assume the keychain until main says otherwise. */
  const secretStorage = ref<SecretStorageState>({ cipher: 'available', weakOptIn: false })
  const settingStorage = ref(false)
  let localCount = 0

  /** Fetch version, notices and the active profile id from main. */
  async function load(): Promise<AppState | undefined> {
    const r = await window.flowx.app.getState()
    loaded.value = true
    if (!r.ok) {
      error.value = r.error
      addNotice('error', r.error.message)
      return undefined
    }
    error.value = undefined
    version.value = r.value.version
    secretStorage.value = r.value.secretStorage
    const local = notices.value.filter((n) => n.id.startsWith(LOCAL_PREFIX))
    notices.value = [...r.value.notices, ...local]
    return r.value
  }

  /** Show a notice raised in the renderer (not stored in main). */
  function addNotice(level: AppNotice['level'], message: string): void {
    if (notices.value.some((n) => n.message === message)) return
    notices.value = [...notices.value, { id: `${LOCAL_PREFIX}${++localCount}`, level, message }]
  }

  /** Hide a notice; main forgets its own notices so they do not come back. */
  async function dismissNotice(id: string): Promise<void> {
    notices.value = notices.value.filter((n) => n.id !== id)
    if (id.startsWith(LOCAL_PREFIX)) return
    const r = await window.flowx.app.dismissNotice({ id })
    if (!r.ok) error.value = r.error
  }

  /** Put text on the clipboard through main; false when that failed. */
  async function copyText(text: string): Promise<boolean> {
    const r = await window.flowx.app.copyText({ text })
    if (!r.ok) error.value = r.error
    return r.ok
  }

  /** Keep secrets on disk with weak protection (no keyring), or stop; false when main refused. */
  async function setWeakStorage(enabled: boolean): Promise<boolean> {
    settingStorage.value = true
    try {
      const r = await window.flowx.app.setWeakStorage({ enabled })
      if (!r.ok) {
        error.value = r.error
        addNotice('error', r.error.message)
        return false
      }
      secretStorage.value = r.value.secretStorage
      return true
    } finally {
      settingStorage.value = false
    }
  }

  function toggleTheme(): void {
    theme.value = theme.value === 'dark' ? 'light' : 'dark'
    writeTheme(theme.value)
  }

  function showView(name: ViewName): void {
    view.value = name
  }

  return {
    version,
    notices,
    theme,
    view,
    loaded,
    error,
    secretStorage,
    settingStorage,
    load,
    addNotice,
    dismissNotice,
    copyText,
    setWeakStorage,
    toggleTheme,
    showView
  }
})
