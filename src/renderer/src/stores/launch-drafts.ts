/**
 * The launch form's draft, remembered per profile: every edit the user makes is saved after a short
 * pause, and switching profile puts that profile's draft (or its defaults) back in the form. Part
 * of the launch store, which owns the form.
 */
import type { LaunchDraft } from '@shared/domain'
import type { AppError, Result } from '@shared/errors'
import { ref, watch } from 'vue'

import { draftForProfile } from '../lib/launch-form'
import { useProfilesStore } from './profiles'

/** How long the form waits after the last edit before saving the draft. */
export const DRAFT_SAVE_DELAY_MS = 400

/**
 * Keeps `form` (a reactive object the caller owns) in step with the saved drafts. `onShown` runs
 * each time a profile's draft has been put in the form.
 */
export function useLaunchDrafts(form: LaunchDraft, onShown: (profileId: string) => void) {
  const profiles = useProfilesStore()
  /** The profile the form currently belongs to. */
  const formProfileId = ref<string>()
  const loadingDraft = ref(false)
  const draftError = ref<AppError>()

  let applying = false
  let saveTimer: ReturnType<typeof setTimeout> | undefined
  let pendingSave: { profileId: string; draft: LaunchDraft } | undefined

  function applyForm(draft: LaunchDraft): void {
    applying = true
    try {
      Object.assign(form, draft)
    } finally {
      applying = false
    }
  }

  function snapshot(): LaunchDraft {
    return {
      mode: form.mode,
      workspaceId: form.workspaceId,
      appId: form.appId,
      buildId: form.buildId,
      processName: form.processName,
      payload: form.payload
    }
  }

  function scheduleDraftSave(): void {
    if (!formProfileId.value) return
    pendingSave = { profileId: formProfileId.value, draft: snapshot() }
    if (saveTimer) clearTimeout(saveTimer)
    saveTimer = setTimeout(() => void flushDraftSave(), DRAFT_SAVE_DELAY_MS)
  }

  /** Save the pending draft now (before switching profile or sending). */
  async function flushDraftSave(): Promise<void> {
    if (saveTimer) clearTimeout(saveTimer)
    saveTimer = undefined
    const save = pendingSave
    pendingSave = undefined
    if (!save) return
    const r = await window.flowx.drafts.save(save)
    draftError.value = r.ok ? undefined : r.error
  }

  // Every edit the user makes (not our own restores) schedules a debounced save.
  watch(
    form,
    () => {
      if (!applying && !loadingDraft.value) scheduleDraftSave()
    },
    { deep: true, flush: 'sync' }
  )

  let pendingLoad: { profileId: string; promise: Promise<void> } | undefined
  let loadSeq = 0
  /** A draft main sent with the start-up data, used once instead of asking for it again. */
  let seeded: { profileId: string; draft: LaunchDraft | null } | undefined

  /** Hand over the start-up draft of a profile; the next restore of that profile takes it. */
  function seedDraft(profileId: string, draft: LaunchDraft | null): void {
    seeded = { profileId, draft }
  }

  function showDraft(profileId: string, r: Result<LaunchDraft | null>): void {
    draftError.value = r.ok ? undefined : r.error
    applyForm(draftForProfile(profiles.byId(profileId), r.ok ? r.value : null))
    formProfileId.value = profileId
    loadingDraft.value = false
    onShown(profileId)
  }

  /** Put the profile's draft (or its defaults) in the form. Repeated calls share one load. */
  function restoreDraft(profileId: string): Promise<void> {
    // The start-up draft serves the first restore only: later ones ask main (edits since).
    const seed = seeded
    seeded = undefined
    if (pendingLoad?.profileId === profileId) return pendingLoad.promise
    if (!pendingLoad && formProfileId.value === profileId) return Promise.resolve()
    void flushDraftSave()
    const seq = ++loadSeq
    if (seed?.profileId === profileId) {
      pendingLoad = undefined
      showDraft(profileId, { ok: true, value: seed.draft })
      return Promise.resolve()
    }
    loadingDraft.value = true
    const promise = (async () => {
      const r = await window.flowx.drafts.get({ profileId })
      if (seq !== loadSeq) return
      showDraft(profileId, r)
    })()
    pendingLoad = { profileId, promise }
    void promise.finally(() => {
      if (pendingLoad?.promise === promise) pendingLoad = undefined
    })
    return promise
  }

  return { formProfileId, loadingDraft, draftError, seedDraft, restoreDraft, flushDraftSave }
}
