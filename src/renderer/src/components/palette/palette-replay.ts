/**
 * The palette's Replay: the real replay dialog (exactly, fresh, to another profile) for the
 * selected history entry or one found by the palette's history search. PaletteReplayHost shows it.
 */
import type { LaunchRecord } from '@shared/domain'
import { shallowRef } from 'vue'

import { useHistoryStore } from '../../stores/history'

/** The launch whose replay dialog is open, if any. */
export const replayingRecord = shallowRef<LaunchRecord>()
/** Why the last asked replay could not open (the entry is gone…). */
export const replayProblem = shallowRef<string>()

/** Open the replay dialog for a whole record (the selected history entry). */
export function replayRecord(record: LaunchRecord): void {
  replayProblem.value = undefined
  replayingRecord.value = record
}

/**
 * Open the replay dialog for a history entry by id (a palette search result). The entry becomes
 * History's selection too, so History shows it after the dialog.
 */
export async function replayLaunch(id: string): Promise<boolean> {
  const history = useHistoryStore()
  await history.select(id)
  if (history.selectedId !== id) return false
  if (!history.selected) {
    replayProblem.value = history.detailError?.message ?? 'That history entry no longer exists.'
    return false
  }
  replayRecord(history.selected)
  return true
}

/** The history entry id of a palette item id (`launch:<id>`), if it is one. */
export function launchIdOf(itemId: string): string | undefined {
  return itemId.startsWith('launch:') ? itemId.slice('launch:'.length) : undefined
}
