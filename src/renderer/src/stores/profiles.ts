/** Environment profiles: the list, which one is active, and edits sent to main. */
import type {
  HealthReport,
  ProfileExport,
  ProfileImport,
  ProfileInput,
  ProfileView
} from '@shared/domain'
import type { AppError, Result } from '@shared/errors'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

export const useProfilesStore = defineStore('profiles', () => {
  const profiles = ref<ProfileView[]>([])
  const activeId = ref<string>()
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<AppError>()
  const saving = ref(false)
  const saveError = ref<AppError>()
  const sandboxStarting = ref(false)
  const sandboxError = ref<AppError>()

  const activeProfile = computed(() => profiles.value.find((p) => p.id === activeId.value))

  function byId(id: string | undefined): ProfileView | undefined {
    return id ? profiles.value.find((p) => p.id === id) : undefined
  }

  async function refreshList(): Promise<boolean> {
    const r = await window.flowx.profiles.list()
    if (!r.ok) {
      error.value = r.error
      return false
    }
    error.value = undefined
    profiles.value = r.value
    return true
  }

  /**
   * Load the list (or take the one main sent with the start-up data) and settle on an active
   * profile (the one main remembers, else the first). `loading` covers fetching the list only:
   * starting the sandbox shows as `sandboxStarting`.
   */
  async function load(preferredId?: string, list?: ProfileView[]): Promise<void> {
    try {
      if (list) {
        error.value = undefined
        profiles.value = list
      } else {
        loading.value = true
        const listed = await refreshList().finally(() => (loading.value = false))
        if (!listed) return
      }
      const wanted = byId(preferredId) ?? byId(activeId.value)
      if (wanted) {
        activeId.value = wanted.id
        if (wanted.localSandbox) await ensureSandbox()
      } else if (profiles.value[0]) {
        await setActive(profiles.value[0].id)
      }
    } finally {
      loaded.value = true
    }
  }

  /** Start the local sandbox server and pick up the base URL it listens on. */
  async function ensureSandbox(): Promise<boolean> {
    sandboxStarting.value = true
    try {
      const r = await window.flowx.sandbox.ensure()
      if (!r.ok) {
        sandboxError.value = r.error
        return false
      }
      sandboxError.value = undefined
      return refreshList()
    } finally {
      sandboxStarting.value = false
    }
  }

  /** Make a profile the active one; the sandbox profile starts its server. */
  async function setActive(id: string): Promise<boolean> {
    const r = await window.flowx.profiles.setActive({ id })
    if (!r.ok) {
      error.value = r.error
      return false
    }
    activeId.value = id
    if (byId(id)?.localSandbox) await ensureSandbox()
    return true
  }

  /** Create or update a profile; returns the saved profile, or undefined with saveError set. */
  async function save(input: ProfileInput): Promise<ProfileView | undefined> {
    saving.value = true
    saveError.value = undefined
    try {
      const r = await window.flowx.profiles.save(input)
      if (!r.ok) {
        saveError.value = r.error
        return undefined
      }
      upsert(r.value)
      return r.value
    } finally {
      saving.value = false
    }
  }

  /** Copy a profile (without its token); returns the copy. */
  async function duplicate(id: string): Promise<ProfileView | undefined> {
    saveError.value = undefined
    const r = await window.flowx.profiles.duplicate({ id })
    if (!r.ok) {
      saveError.value = r.error
      return undefined
    }
    upsert(r.value)
    return r.value
  }

  /** Ids deleted in this session, and whether each was the active profile (for undo). */
  const removedActive = new Map<string, boolean>()

  /** Undo a delete: main puts the profile and its secrets back; it is active again if it was. */
  async function restore(id: string): Promise<ProfileView | undefined> {
    const r = await window.flowx.profiles.restore({ id })
    if (!r.ok) {
      saveError.value = r.error
      return undefined
    }
    upsert(r.value)
    if (removedActive.get(id)) await setActive(id)
    removedActive.delete(id)
    return r.value
  }

  /** Delete a profile; if it was active, another one becomes active. `restore` undoes it. */
  async function remove(id: string): Promise<boolean> {
    saveError.value = undefined
    const wasActive = activeId.value === id
    const r = await window.flowx.profiles.remove({ id })
    if (!r.ok) {
      saveError.value = r.error
      return false
    }
    removedActive.set(id, wasActive)
    profiles.value = profiles.value.filter((p) => p.id !== id)
    if (activeId.value === id) {
      activeId.value = undefined
      const next = profiles.value.find((p) => p.localSandbox) ?? profiles.value[0]
      if (next) await setActive(next.id)
    }
    return true
  }

  /** Run the connection check on a saved profile. */
  async function check(id: string): Promise<Result<HealthReport>> {
    return window.flowx.profiles.check({ id })
  }

  /** Run the connection check on the values of the profile form, before they are saved. */
  async function checkDraft(input: ProfileInput): Promise<Result<HealthReport>> {
    return window.flowx.profiles.checkDraft(input)
  }

  /** Write profiles (all when no ids) to a file the user picks; `path` is undefined on cancel. */
  async function exportProfiles(ids?: string[]): Promise<Result<ProfileExport>> {
    return window.flowx.profiles.export(ids ? { ids } : {})
  }

  /** Add the profiles of a file the user picks; they join the list at once. */
  async function importProfiles(): Promise<Result<ProfileImport>> {
    const r = await window.flowx.profiles.import()
    if (r.ok) for (const profile of r.value.imported) upsert(profile)
    return r
  }

  function upsert(profile: ProfileView): void {
    const i = profiles.value.findIndex((p) => p.id === profile.id)
    profiles.value =
      i === -1
        ? [...profiles.value, profile]
        : profiles.value.map((p) => (p.id === profile.id ? profile : p))
  }

  function clearSaveError(): void {
    saveError.value = undefined
  }

  return {
    profiles,
    activeId,
    activeProfile,
    loading,
    loaded,
    error,
    saving,
    saveError,
    sandboxStarting,
    sandboxError,
    byId,
    load,
    ensureSandbox,
    setActive,
    save,
    duplicate,
    remove,
    restore,
    check,
    checkDraft,
    exportProfiles,
    importProfiles,
    clearSaveError
  }
})
