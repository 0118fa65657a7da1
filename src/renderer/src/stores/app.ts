/** App-wide state: version, notices and which view is showing (settings live in stores/settings). */
import type { AppNotice, AppState, SecretStorageState } from '@shared/domain'
import type { AppError } from '@shared/errors'
import { defineStore } from 'pinia'
import { ref } from 'vue'

/** The views of the shell; each has an entry in components/app/views.ts. */
export type ViewName = 'launch' | 'history' | 'batch' | 'profiles' | 'playlists' | 'settings'

const LOCAL_PREFIX = 'local-'

export const useAppStore = defineStore('app', () => {
  const version = ref('')
  const notices = ref<AppNotice[]>([])
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
    apply(r.value)
    return r.value
  }

  /** Take the state main sent (with the start-up data, or from `load`). */
  function apply(state: AppState): void {
    loaded.value = true
    error.value = undefined
    version.value = state.version
    secretStorage.value = state.secretStorage
    const local = notices.value.filter((n) => n.id.startsWith(LOCAL_PREFIX))
    notices.value = [...state.notices, ...local]
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

  function showView(name: ViewName): void {
    view.value = name
  }

  return {
    version,
    notices,
    view,
    loaded,
    error,
    secretStorage,
    settingStorage,
    load,
    apply,
    addNotice,
    dismissNotice,
    copyText,
    setWeakStorage,
    showView
  }
})
