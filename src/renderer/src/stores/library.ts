/**
 * The library of saved launches (plain files in library folders, read and written by main): the
 * listing with search, tags and folders, the saved launch open in the launch form, whether the form
 * differs from its file, and saving, renaming, duplicating and deleting (with undo).
 */
import type { LaunchDraft } from '@shared/domain'
import type { AppError, Result } from '@shared/errors'
import type {
  LibraryDeletion,
  LibraryEntry,
  LibraryListing,
  SavedLaunch,
  SavedLaunchDocument,
  SavedTarget
} from '@shared/workbench'
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'

import { groupEntries, tagsOf } from '../lib/library-list'
import { rowErrors, rowsFrom, variablesFrom } from '../lib/template-variables'
import { useLaunchStore } from './launch'
import { useLaunchContextStore } from './launch-context'
import { useProfilesStore } from './profiles'

/** The fields of a saved launch beside its target and payload. */
export type SavedLaunchMeta = Pick<
  SavedLaunch,
  'name' | 'description' | 'tags' | 'ticket' | 'notes'
>

export type WorkbenchDialog = 'save-as' | 'variables' | 'preview' | 'curl-copy' | 'curl-paste'

function targetOfForm(form: LaunchDraft): SavedTarget {
  return {
    mode: form.mode,
    workspaceId: form.workspaceId,
    appId: form.appId,
    buildId: form.buildId,
    processName: form.processName
  }
}

export const useLibraryStore = defineStore('library', () => {
  const launch = useLaunchStore()
  const context = useLaunchContextStore()
  const profiles = useProfilesStore()

  const listing = ref<LibraryListing>()
  const loading = ref(false)
  const error = ref<AppError>()
  const search = ref('')
  const tag = ref<string>()

  /** The saved launch open in the form, as last read from or written to its file. */
  const current = ref<SavedLaunchDocument>()
  /** The last save, rename or open failed: its error (a file changed on disk among others). */
  const saveError = ref<AppError>()
  const busy = ref(false)
  /** The library panel beside the launch form is showing. */
  const panelOpen = ref(false)
  /** The workbench dialog open over the launch form, if any. */
  const dialog = ref<WorkbenchDialog>()
  /** Text pasted into the form that looked like a cURL command or a start URL. */
  const pasted = ref('')

  const tags = computed(() => tagsOf(listing.value))
  const groups = computed(() => groupEntries(listing.value, tag.value, search.value))
  const shownCount = computed(() => groups.value.reduce((n, g) => n + g.entries.length, 0))

  /** The form (and its variables) no longer match the open saved launch's file. */
  const dirty = computed(() => {
    const doc = current.value
    if (!doc) return false
    const saved = doc.launch
    const t = targetOfForm(launch.form)
    const targetDiffers = (Object.keys(t) as (keyof SavedTarget)[]).some(
      (k) => t[k] !== saved.target[k]
    )
    return (
      targetDiffers ||
      launch.form.payload !== saved.payload ||
      JSON.stringify(context.defaults) !== JSON.stringify(saved.variables) ||
      context.ticket !== saved.ticket ||
      context.note !== saved.notes
    )
  })

  async function load(): Promise<void> {
    loading.value = true
    const r = await window.flowx.library.list()
    loading.value = false
    if (r.ok) {
      listing.value = r.value
      error.value = undefined
    } else error.value = r.error
  }

  function take<T>(r: Result<T>): T | undefined {
    if (r.ok) {
      saveError.value = undefined
      return r.value
    }
    saveError.value = r.error
    return undefined
  }

  /** Replace an entry in the listing (or add it) after a save. */
  function upsert(entry: LibraryEntry, replaces?: string): void {
    const l = listing.value
    if (!l) return
    const others = l.entries.filter((e) => e.id !== entry.id && e.id !== replaces)
    listing.value = { ...l, entries: [...others, entry] }
  }

  /** What the open saved launch becomes in the form: target, payload, defaults, ticket, notes. */
  function apply(doc: SavedLaunchDocument): void {
    current.value = doc
    context.savedLaunchId = doc.entry.id
    context.defaultRows = rowsFrom(doc.launch.variables)
    context.ticket = doc.launch.ticket
    context.note = doc.launch.notes
    launch.fill({ ...doc.launch.target, payload: doc.launch.payload })
  }

  /** Open a saved launch into the launch form (on the active profile). */
  async function open(id: string): Promise<boolean> {
    busy.value = true
    const doc = take(await window.flowx.library.get({ id }))
    busy.value = false
    if (!doc) return false
    const profileId = profiles.activeId
    if (profileId) await launch.restoreDraft(profileId)
    apply(doc)
    upsert(doc.entry)
    return true
  }

  /** Leave the saved launch: the form stays as it is, unsaved and unnamed. */
  function close(): void {
    current.value = undefined
    context.savedLaunchId = undefined
    context.defaultRows = []
    context.ticket = ''
    context.note = ''
  }

  function launchFromForm(meta: SavedLaunchMeta): SavedLaunch {
    return {
      ...meta,
      target: targetOfForm(launch.form),
      payload: launch.form.payload,
      variables: variablesFrom(context.defaultRows)
    }
  }

  /** Why the form cannot be saved as it is (a variables row that is wrong), or undefined. */
  const saveBlocker = computed(() => {
    const first = Object.values(rowErrors(context.defaultRows))[0]
    return first ? `Saved defaults: ${first}` : undefined
  })

  /** Save over the open saved launch's file; a file changed on disk since is refused by main. */
  async function save(): Promise<boolean> {
    const doc = current.value
    if (!doc || saveBlocker.value) return false
    busy.value = true
    const meta: SavedLaunchMeta = {
      name: doc.launch.name,
      description: doc.launch.description,
      tags: doc.launch.tags,
      ticket: context.ticket,
      notes: context.note
    }
    const r = await window.flowx.library.save({
      id: doc.entry.id,
      launch: launchFromForm(meta),
      expectedRevision: doc.entry.revision
    })
    busy.value = false
    const saved = take(r)
    if (!saved) return false
    // The form takes the file as written (pretty-printed payload, trimmed fields).
    apply(saved)
    upsert(saved.entry, doc.entry.id)
    return true
  }

  /** Save the form as a new saved launch (in the chosen folder, the default one otherwise). */
  async function saveAs(meta: SavedLaunchMeta, folderId?: string): Promise<boolean> {
    if (saveBlocker.value) return false
    busy.value = true
    const r = await window.flowx.library.save({
      launch: launchFromForm(meta),
      ...(folderId ? { folderId } : {})
    })
    busy.value = false
    const saved = take(r)
    if (!saved) return false
    apply(saved)
    upsert(saved.entry)
    return true
  }

  /** Read the open saved launch again from disk (after a conflict): the form takes the file's state. */
  async function reload(): Promise<boolean> {
    const doc = current.value
    if (!doc) return false
    return open(doc.entry.id)
  }

  async function rename(entry: LibraryEntry, name: string): Promise<boolean> {
    const r = await window.flowx.library.rename({
      id: entry.id,
      name,
      expectedRevision: entry.revision
    })
    const doc = take(r)
    if (!doc) return false
    upsert(doc.entry, entry.id)
    if (current.value?.entry.id === entry.id) {
      current.value = doc
      context.savedLaunchId = doc.entry.id
    }
    return true
  }

  async function duplicate(entry: LibraryEntry): Promise<SavedLaunchDocument | undefined> {
    const doc = take(await window.flowx.library.duplicate({ id: entry.id }))
    if (doc) upsert(doc.entry)
    return doc
  }

  /** Delete a saved launch; main keeps it aside so `restore` can bring it back. */
  async function remove(entry: LibraryEntry): Promise<LibraryDeletion | undefined> {
    const r = await window.flowx.library.delete({ id: entry.id, expectedRevision: entry.revision })
    const deletion = take(r)
    if (!deletion) return undefined
    const l = listing.value
    if (l) listing.value = { ...l, entries: l.entries.filter((e) => e.id !== entry.id) }
    if (current.value?.entry.id === entry.id) close()
    return deletion
  }

  async function restore(deletion: LibraryDeletion): Promise<boolean> {
    const doc = take(await window.flowx.library.restore({ undoToken: deletion.undoToken }))
    if (doc) upsert(doc.entry)
    return !!doc
  }

  async function addFolder(): Promise<boolean> {
    const r = await window.flowx.library.addFolder()
    const l = take(r)
    if (l) listing.value = l
    return !!l
  }

  async function removeFolder(folderId: string): Promise<boolean> {
    const l = take(await window.flowx.library.removeFolder({ folderId }))
    if (l) listing.value = l
    return !!l
  }

  // A saved launch runs on any profile: when the environment changes, the form keeps it.
  let lastForm: ReturnType<typeof targetOfForm> & { payload: string } = {
    ...targetOfForm(launch.form),
    payload: launch.form.payload
  }
  let lastProfile = launch.formProfileId
  watch(
    () => [launch.ready, launch.formProfileId] as const,
    ([ready, profileId]) => {
      if (!ready) return
      if (profileId !== lastProfile && current.value) launch.fill(lastForm)
      lastProfile = profileId
    },
    { flush: 'sync' }
  )
  watch(
    () => ({ ...targetOfForm(launch.form), payload: launch.form.payload }),
    (form) => {
      if (launch.ready) lastForm = form
    },
    { flush: 'sync' }
  )

  return {
    listing,
    loading,
    error,
    search,
    tag,
    tags,
    groups,
    shownCount,
    current,
    saveError,
    busy,
    panelOpen,
    dialog,
    pasted,
    dirty,
    saveBlocker,
    load,
    open,
    close,
    save,
    saveAs,
    reload,
    rename,
    duplicate,
    remove,
    restore,
    addFolder,
    removeFolder,
    clearError: () => (saveError.value = undefined)
  }
})
