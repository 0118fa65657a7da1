/** The history and settings channels of the contract, over the async ledger and settings store. */
import type { Handlers } from '../../shared/contract'
import type { AppSettings } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import type { FileDialogs } from '../ports'
import type { SettingsDoc } from '../profiles/profile-store'
import type { TypedStore } from '../stores/open-store'
import type { Ledger } from './client'
import { mergeProcessNames } from '../launches/sandbox-processes'
import { formatHistory, MAX_EXPORT } from './export'

export interface HistoryChannelDeps {
  ledger: Ledger
  settings: TypedStore<SettingsDoc>
  files: FileDialogs
  now?: () => Date
  /** Names to suggest beyond history for a profile (the Local sandbox's processes). */
  suggestedProcessNames?: (profileId: string | undefined) => string[]
}

type HistoryChannels = Pick<
  Handlers,
  | 'history:search'
  | 'history:get'
  | 'history:process-names'
  | 'history:delete'
  | 'history:restore'
  | 'history:export'
  | 'settings:get'
  | 'settings:update'
>

export function historyChannels(deps: HistoryChannelDeps): HistoryChannels {
  const { ledger, settings } = deps
  const now = deps.now ?? (() => new Date())
  return {
    'history:search': (query) => ledger.search(query),
    'history:get': async ({ id }) => {
      const record = await ledger.get(id)
      if (!record) throw new AppFailure('RECORD_NOT_FOUND', 'That history entry no longer exists.')
      return record
    },
    'history:process-names': async ({ profileId, prefix }) => {
      const names = await ledger.processNames({ profileId, prefix, limit: 20 })
      const suggested = deps.suggestedProcessNames?.(profileId) ?? []
      return mergeProcessNames(names, suggested, prefix)
    },
    'history:delete': ({ id }) => ledger.delete(id),
    'history:restore': ({ id }) => ledger.restore(id),
    'history:export': async ({ format, query }) => {
      const records = await ledger.records(query ?? {}, MAX_EXPORT)
      const at = now()
      const stamp = at.toISOString().slice(0, 10)
      const path = await deps.files.saveText(
        `flowx-history-${stamp}.${format}`,
        formatHistory(format, records, at)
      )
      return { ...(path ? { path } : {}), count: records.length }
    },
    'settings:get': (): AppSettings => settings.read().app,
    'settings:update': async (patch) => {
      const before = settings.read().app
      const next: AppSettings = { ...before, ...patch }
      settings.update((doc) => ({ ...doc, app: next }))
      if (JSON.stringify(before.retention) !== JSON.stringify(next.retention)) {
        // Pruning runs in the ledger's thread; the answer does not wait for it.
        void ledger.setRetention(next.retention).catch(() => undefined)
      }
      return next
    }
  }
}
