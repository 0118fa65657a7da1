/**
 * The saved launch open in the launch form: what opening one puts in the form and its variables,
 * whether the form still matches the file, what the form saves as (and why it cannot), and keeping
 * the form as it is when the profile changes. Part of the library store, which reads and writes
 * the files.
 */
import type { LaunchDraft } from '@shared/domain'
import type { SavedLaunch, SavedLaunchDocument, SavedTarget } from '@shared/workbench'
import { computed, ref, watch } from 'vue'

import { rowErrors, rowsFrom, variablesFrom } from '../lib/template-variables'
import { useLaunchStore } from './launch'
import { useLaunchContextStore } from './launch-context'

/** The fields of a saved launch beside its target and payload. */
export type SavedLaunchMeta = Pick<
  SavedLaunch,
  'name' | 'description' | 'tags' | 'ticket' | 'notes'
>

function targetOfForm(form: LaunchDraft): SavedTarget {
  return {
    mode: form.mode,
    workspaceId: form.workspaceId,
    appId: form.appId,
    buildId: form.buildId,
    processName: form.processName
  }
}

/** Ties the open saved launch to the launch form and its context (ticket, note, defaults). */
export function useLibraryForm() {
  const launch = useLaunchStore()
  const context = useLaunchContextStore()

  /** The saved launch open in the form, as last read from or written to its file. */
  const current = ref<SavedLaunchDocument>()

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

  /** What the open saved launch becomes in the form: target, payload, defaults, ticket, notes. */
  function apply(doc: SavedLaunchDocument): void {
    current.value = doc
    context.savedLaunchId = doc.entry.id
    context.defaultRows = rowsFrom(doc.launch.variables)
    context.ticket = doc.launch.ticket
    context.note = doc.launch.notes
    launch.fill({ ...doc.launch.target, payload: doc.launch.payload })
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

  return { current, dirty, saveBlocker, apply, close, launchFromForm }
}
