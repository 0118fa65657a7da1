/**
 * The launch form (remembered per profile as a draft), the request in flight and its outcome.
 * A start is not idempotent: nothing here ever re-sends on its own.
 */
import type { InputOf } from '@shared/contract'
import type {
  LaunchDraft,
  LaunchRecord,
  ProfileColor,
  ProfileView,
  StartMode
} from '@shared/domain'
import type { AppError, Result } from '@shared/errors'
import { promptLabels } from '@shared/templates'
import { previewUrl } from '@shared/url'
import { defineStore } from 'pinia'
import { computed, reactive, ref, watch } from 'vue'

import { checkLaunchForm, emptyDraft, targetOf } from '../lib/launch-form'
import { newRequestId } from '../lib/request-id'
import { previewTarget } from '../lib/template-lint'
import { useAuthStore } from './auth'
import { useLaunchContextStore } from './launch-context'
import { useLaunchDrafts } from './launch-drafts'
import { useLaunchGuardStore } from './launch-guard'
import { useProfilesStore } from './profiles'

export { DRAFT_SAVE_DELAY_MS } from './launch-drafts'

export interface InFlightLaunch {
  requestId: string
  profileId: string
  profileName: string
  profileColor: ProfileColor
  startedAt: number
}

/** What launch:start takes, less the request id each attempt gets afresh. */
type StartInput = Omit<InputOf<'launch:start'>, 'requestId'>

export const useLaunchStore = defineStore('launch', () => {
  const profiles = useProfilesStore()
  const guard = useLaunchGuardStore()
  const auth = useAuthStore()

  const form = reactive<LaunchDraft>(emptyDraft())

  const inFlight = ref<InFlightLaunch>()
  const cancelling = ref(false)
  /** The last outcome per profile, so switching environment never shows another one's result. */
  const outcomes = reactive<Record<string, { result?: LaunchRecord; error?: AppError }>>({})
  /** The active profile's last launch, as recorded in the ledger (started, failed or unknown). */
  const result = computed(() => outcomes[profiles.activeId ?? '']?.result)
  /** The active profile's last launch refused before it was recorded (no token, bad payload…). */
  const error = computed(() => outcomes[profiles.activeId ?? '']?.error)
  /** Show every field error, not only those of fields the user touched (after a send attempt). */
  const revealErrors = ref(false)
  const processNames = ref<string[]>([])

  const { formProfileId, loadingDraft, draftError, seedDraft, restoreDraft, flushDraftSave } =
    useLaunchDrafts(form, (profileId) => {
      revealErrors.value = false
      void loadProcessNames(profileId)
    })

  const context = useLaunchContextStore()
  const scope = computed(() => context.scope)
  const check = computed(() => checkLaunchForm(form, scope.value))
  const target = computed(() => targetOf(form))
  const urlPreview = computed(() => {
    const profile = profiles.activeProfile
    return profile ? previewUrl(profile.baseUrl, previewTarget(target.value, scope.value)) : ''
  })
  /** The form shows the active profile's draft and may be edited. */
  const ready = computed(
    () => !loadingDraft.value && !!profiles.activeId && formProfileId.value === profiles.activeId
  )
  const canSend = computed(
    () => !inFlight.value && !guard.asking && ready.value && check.value.valid
  )
  /** Suggestions for the process field: names used before with this profile, by prefix. */
  const processSuggestions = computed(() => {
    const typed = form.processName.trim().toLowerCase()
    return processNames.value
      .filter((name) => name.toLowerCase().startsWith(typed) && name !== form.processName)
      .slice(0, 12)
  })

  watch(
    () => profiles.activeId,
    (id) => {
      if (id) void restoreDraft(id)
    },
    { immediate: true, flush: 'sync' }
  )

  async function loadProcessNames(profileId: string): Promise<void> {
    const r = await window.flowx.history.processNames({ profileId })
    if (r.ok && formProfileId.value === profileId) processNames.value = r.value
  }

  function setMode(mode: StartMode): void {
    form.mode = mode
  }

  // --- sending ------------------------------------------------------------------------------

  /**
   * Start the process the form describes. Resolves when the outcome is known. A protected profile
   * asks for its name first; a duplicate refused by main asks before the one deliberate resend.
   */
  async function send(): Promise<boolean> {
    const profile = profiles.activeProfile
    if (ready.value && !check.value.valid) revealErrors.value = true
    if (!canSend.value || !profile) return false
    void flushDraftSave()
    const start: StartInput = {
      profileId: profile.id,
      target: { ...target.value },
      payload: form.payload,
      ...context.resolutionInput()
    }
    const labels = promptLabels([
      ...Object.values(start.target).map((text) => ({ text, json: false })),
      { text: start.payload, json: true }
    ])
    if (labels.length) {
      const answers = await context.askPrompts(labels)
      if (!answers) return false
      start.prompts = answers
    }
    if (context.ticket.trim()) start.ticket = context.ticket.trim()
    if (context.note.trim()) start.note = context.note.trim()
    // A pasted token is for this one launch: used now, then forgotten.
    const pasted = context.pastedToken
    if (pasted) start.tokenHandle = pasted.handle
    if (profile.protected) {
      start.confirmProfileName = await guard.askProtected(profile.name, start.target.processName)
      if (start.confirmProfileName === undefined) return false
    }
    let r = await dispatch(profile, start)
    if (!r.ok && r.error.code === 'DUPLICATE_START') {
      if (!(await guard.askDuplicate(r.error))) return false
      r = await dispatch(profile, { ...start, allowDuplicate: true })
    }
    const sent = r.ok || r.error.code !== 'DUPLICATE_START'
    if (pasted && sent && context.pastedToken === pasted) context.pastedToken = undefined
    return r.ok && r.value.status === 'started'
  }

  /** One call to main. A duplicate refusal leaves the last outcome showing: nothing happened. */
  async function dispatch(profile: ProfileView, start: StartInput): Promise<Result<LaunchRecord>> {
    const launch: InFlightLaunch = {
      requestId: newRequestId(),
      profileId: profile.id,
      profileName: profile.name,
      profileColor: profile.color,
      startedAt: Date.now()
    }
    const previous = outcomes[launch.profileId]
    inFlight.value = launch
    cancelling.value = false
    outcomes[launch.profileId] = {}
    try {
      const r = await window.flowx.launch.start({ ...start, requestId: launch.requestId })
      const duplicate = !r.ok && r.error.code === 'DUPLICATE_START'
      outcomes[launch.profileId] = duplicate
        ? (previous ?? {})
        : r.ok
          ? { result: r.value }
          : { error: r.error }
      return r
    } finally {
      inFlight.value = undefined
      cancelling.value = false
      void loadProcessNames(launch.profileId)
      // A launch may have fetched or renewed the token: the header chip shows the new state.
      void auth.load(launch.profileId)
    }
  }

  /** Ask main to abort the launch in flight; send() then resolves with the cancelled outcome. */
  async function cancel(): Promise<void> {
    const launch = inFlight.value
    if (!launch || cancelling.value) return
    cancelling.value = true
    const r = await window.flowx.launch.cancel({ requestId: launch.requestId })
    if (!r.ok) {
      cancelling.value = false
      outcomes[launch.profileId] = { error: r.error }
    }
  }

  /**
   * Load a past launch into the form. It goes to the profile it ran on when that still exists
   * (ids belong to an environment); the caller tells the user which profile that is.
   */
  async function loadRecord(record: LaunchRecord): Promise<string | undefined> {
    if (profiles.byId(record.profileId) && profiles.activeId !== record.profileId) {
      await profiles.setActive(record.profileId)
    }
    const profileId = profiles.activeId
    if (!profileId) return undefined
    await restoreDraft(profileId)
    form.mode = record.mode
    if (record.mode === 'workspace') form.workspaceId = record.workspaceId ?? form.workspaceId
    else form.buildId = record.buildId ?? form.buildId
    form.appId = record.appId
    form.processName = record.processName
    form.payload = record.payload
    return profileId
  }

  /** Put values in the form as if typed (a saved launch opened, a cURL pasted): saved as the draft. */
  function fill(values: Partial<LaunchDraft>): void {
    Object.assign(form, values)
  }

  function clearOutcome(): void {
    if (profiles.activeId) delete outcomes[profiles.activeId]
  }

  return {
    form,
    formProfileId,
    loadingDraft,
    draftError,
    inFlight,
    cancelling,
    outcomes,
    result,
    error,
    processNames,
    revealErrors,
    scope,
    check,
    target,
    urlPreview,
    ready,
    canSend,
    processSuggestions,
    restoreDraft,
    seedDraft,
    flushDraftSave,
    setMode,
    send,
    cancel,
    loadRecord,
    fill,
    clearOutcome
  }
})
