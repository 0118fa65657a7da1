/**
 * Playlists for presenters: ordered steps, each a saved launch on a chosen environment, stored as
 * plain files in the library. Presenting runs one step at a time on the presenter's key; a failed
 * step runs again only when asked. Rehearsal runs every step once on the Local sandbox.
 */
import type { LaunchRecord, Playlist, PlaylistEntry, PlaylistSummary } from '@shared/domain'
import type { AppError, Result } from '@shared/errors'
import type { LibraryDeletion, LibraryEntry, SavedTarget, TemplatePreview } from '@shared/workbench'
import { defineStore } from 'pinia'
import { computed, reactive, ref, shallowRef } from 'vue'

import { newRequestId } from '../lib/request-id'
import { useLaunchGuardStore } from './launch-guard'
import { useProfilesStore } from './profiles'

export interface PlaylistRef {
  slug: string
  folder?: string
}

export interface StepOutcome {
  running: boolean
  record?: LaunchRecord
  error?: AppError
  /** The profile it ran on (the sandbox in rehearsal). */
  profileId?: string
}

export function emptyPlaylist(): Playlist {
  return { name: '', description: '', steps: [] }
}

/** A saved launch's target as launch:start takes it: only the ids its start mode uses. */
export function startTarget(t: SavedTarget) {
  return t.mode === 'build'
    ? { mode: 'build' as const, appId: t.appId, buildId: t.buildId, processName: t.processName }
    : {
        mode: 'workspace' as const,
        workspaceId: t.workspaceId,
        appId: t.appId,
        processName: t.processName
      }
}

function notFound(message: string): AppError {
  return { code: 'NOT_FOUND', message }
}

export const usePlaylistsStore = defineStore('playlists', () => {
  const profiles = useProfilesStore()
  const guard = useLaunchGuardStore()

  const list = shallowRef<PlaylistSummary[]>([])
  const savedLaunches = shallowRef<LibraryEntry[]>([])
  const error = ref<AppError>()
  const saving = ref(false)

  /** The playlist being presented, the step showing, and each step's last outcome. */
  const presenting = shallowRef<PlaylistEntry>()
  const index = ref(0)
  const outcomes = reactive<Record<number, StepOutcome>>({})
  const rehearsal = ref<{ running: boolean; done: number; failed: number[] }>()

  const step = computed(() => presenting.value?.playlist.steps[index.value])
  const outcome = computed<StepOutcome | undefined>(() => outcomes[index.value])

  async function load(): Promise<void> {
    const [pl, lib] = await Promise.all([
      window.flowx.playlists.list(),
      window.flowx.library.list()
    ])
    error.value = !pl.ok ? pl.error : !lib.ok ? lib.error : undefined
    if (pl.ok) list.value = pl.value
    if (lib.ok) {
      savedLaunches.value = lib.value.entries.filter(
        (e) => e.kind === 'launch' && e.status === 'ok'
      )
    }
  }

  async function get(ref: PlaylistRef): Promise<PlaylistEntry | undefined> {
    const r = await window.flowx.playlists.get(ref)
    error.value = r.ok ? undefined : r.error
    return r.ok ? r.value : undefined
  }

  async function save(playlist: Playlist, from?: PlaylistRef): Promise<Result<PlaylistEntry>> {
    saving.value = true
    try {
      const r = await window.flowx.playlists.save({ playlist, ...(from ? { from } : {}) })
      if (r.ok) await load()
      return r
    } finally {
      saving.value = false
    }
  }

  /** Delete a playlist; main keeps its file aside so `restore` can bring it back. */
  async function remove(ref: PlaylistRef): Promise<LibraryDeletion | undefined> {
    const r = await window.flowx.playlists.delete(ref)
    error.value = r.ok ? undefined : r.error
    if (r.ok) await load()
    return r.ok ? r.value : undefined
  }

  async function restore(deletion: LibraryDeletion): Promise<PlaylistEntry | undefined> {
    const r = await window.flowx.playlists.restore({ undoToken: deletion.undoToken })
    error.value = r.ok ? undefined : r.error
    if (r.ok) await load()
    return r.ok ? r.value : undefined
  }

  // --- presenting ---------------------------------------------------------------------------

  async function present(ref: PlaylistRef): Promise<boolean> {
    const entry = await get(ref)
    if (!entry) return false
    if (!savedLaunches.value.length) await load()
    presenting.value = entry
    index.value = 0
    for (const k of Object.keys(outcomes)) delete outcomes[Number(k)]
    rehearsal.value = undefined
    return true
  }

  function stopPresenting(): void {
    presenting.value = undefined
    rehearsal.value = undefined
  }

  function goTo(i: number): void {
    const n = presenting.value?.playlist.steps.length ?? 0
    if (n) index.value = Math.min(n - 1, Math.max(0, i))
  }

  /** The saved launch a step names, looked up in the playlist's folder first. */
  function savedLaunchFor(name: string): LibraryEntry | undefined {
    const matches = savedLaunches.value.filter((e) => e.name === name)
    const folder = presenting.value?.folder
    return matches.find((e) => folder?.endsWith(e.folderId)) ?? matches[0]
  }

  async function startInput(i: number, profileId: string) {
    const s = presenting.value?.playlist.steps[i]
    if (!s) return { error: notFound('There is no such step.') }
    const entry = savedLaunchFor(s.savedLaunch)
    if (!entry)
      return { error: notFound(`No saved launch named “${s.savedLaunch}” in the library.`) }
    const doc = await window.flowx.library.get({ id: entry.id })
    if (!doc.ok) return { error: doc.error }
    const { target, payload } = doc.value.launch
    return { input: { profileId, target, payload, savedLaunchId: entry.id } }
  }

  /** What step i would send, resolved against its profile (shown on demand). */
  async function preview(i: number): Promise<Result<TemplatePreview>> {
    const s = presenting.value?.playlist.steps[i]
    const prepared = await startInput(i, s?.profileId ?? '')
    if (!prepared.input) return { ok: false, error: prepared.error! }
    return window.flowx.templates.preview(prepared.input)
  }

  /** Start step i once: on its own profile, or on the one given (rehearsal). Never on its own. */
  async function run(i: number, onProfileId?: string): Promise<boolean> {
    const s = presenting.value?.playlist.steps[i]
    if (!s || outcomes[i]?.running) return false
    const profileId = onProfileId ?? s.profileId
    const profile = profiles.byId(profileId)
    outcomes[i] = { running: true, profileId }
    if (!profile) {
      outcomes[i] = {
        running: false,
        profileId,
        error: notFound('The step’s environment no longer exists.')
      }
      return false
    }
    const prepared = await startInput(i, profileId)
    if (!prepared.input) {
      outcomes[i] = { running: false, profileId, error: prepared.error }
      return false
    }
    const start = { ...prepared.input, confirmProfileName: undefined as string | undefined }
    if (profile.protected) {
      start.confirmProfileName = await guard.askProtected(profile.name, s.title || s.savedLaunch)
      if (start.confirmProfileName === undefined) {
        delete outcomes[i]
        return false
      }
    }
    const { target: saved, ...rest } = start
    const input = { ...rest, target: startTarget(saved) }
    let r = await window.flowx.launch.start({ ...input, requestId: newRequestId() })
    if (!r.ok && r.error.code === 'DUPLICATE_START' && (await guard.askDuplicate(r.error))) {
      r = await window.flowx.launch.start({
        ...input,
        requestId: newRequestId(),
        allowDuplicate: true
      })
    }
    outcomes[i] = r.ok
      ? { running: false, profileId, record: r.value }
      : { running: false, profileId, error: r.error }
    return r.ok && r.value.status === 'started'
  }

  /** Run every step once on the Local sandbox, in order, to prepare the playlist. */
  async function rehearse(): Promise<boolean> {
    const steps = presenting.value?.playlist.steps ?? []
    const sandbox = profiles.profiles.find((p) => p.localSandbox)
    if (!sandbox) {
      error.value = notFound('There is no Local sandbox profile to rehearse on.')
      return false
    }
    rehearsal.value = { running: true, done: 0, failed: [] }
    for (let i = 0; i < steps.length; i++) {
      index.value = i
      const ok = await run(i, sandbox.id)
      rehearsal.value = {
        running: i < steps.length - 1,
        done: i + 1,
        failed: ok ? rehearsal.value.failed : [...rehearsal.value.failed, i]
      }
    }
    rehearsal.value = { ...rehearsal.value, running: false }
    return rehearsal.value.failed.length === 0
  }

  return {
    list,
    savedLaunches,
    error,
    saving,
    presenting,
    index,
    outcomes,
    outcome,
    step,
    rehearsal,
    load,
    get,
    save,
    remove,
    restore,
    present,
    stopPresenting,
    goTo,
    preview,
    run,
    rehearse
  }
})
