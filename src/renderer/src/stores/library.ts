/**
 * The library of saved launches (plain files in library folders, read and written by main): the
 * listing with search, tags and folders, and opening, saving, renaming, duplicating and deleting
 * (with undo). How the open saved launch sits in the launch form (and whether the form differs
 * from its file) is in library-form.ts.
 */
import type { AppError, Result } from '@shared/errors'
import type {
  LibraryDeletion,
  LibraryEntry,
  LibraryListing,
  SavedLaunchDocument
} from '@shared/workbench'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { groupEntries, tagsOf } from '../lib/library-list'
import { useLaunchStore } from './launch'
import { useLaunchContextStore } from './launch-context'
import { useLibraryForm, type SavedLaunchMeta } from './library-form'
import { useProfilesStore } from './profiles'

export type { SavedLaunchMeta } from './library-form'

export type WorkbenchDialog = 'save-as' | 'variables' | 'preview' | 'curl-copy' | 'curl-paste'

export const useLibraryStore = defineStore('library', () => {
  const launch = useLaunchStore()
  const context = useLaunchContextStore()
  const profiles = useProfilesStore()
  const { current, dirty, saveBlocker, apply, close, launchFromForm } = useLibraryForm()

  const listing = ref<LibraryListing>()
  const loading = ref(false)
  const error = ref<AppError>()
  const search = ref('')
  const tag = ref<string>()

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
