/** One function per contract channel, over the core services. Inputs arrive already validated. */
import type { Handlers } from '../shared/contract'
import type { AppNotice } from '../shared/domain'
import { AppFailure } from '../shared/errors'
import type { Ledger } from './history'
import type { LaunchService } from './launches/launch-service'
import type { SandboxHost } from './launches/sandbox-host'
import type { ProfileService } from './profiles/profile-service'
import type { SettingsDoc } from './profiles/profile-store'
import type { TypedStore } from './stores/open-store'

export interface HandlerDeps {
  version: string
  notices: AppNotice[]
  profiles: ProfileService
  settings: TypedStore<SettingsDoc>
  launches: LaunchService
  ledger: Ledger
  sandbox: SandboxHost
  copyText: (text: string) => void
}

/** Build the handler map the IPC wrapper (or the test harness) registers. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { profiles, settings, launches, ledger, sandbox, notices } = deps

  return {
    'app:get-state': () => ({
      version: deps.version,
      activeProfileId: profiles.startupId(),
      notices: [...notices]
    }),
    'app:dismiss-notice': ({ id }) => {
      const at = notices.findIndex((n) => n.id === id)
      if (at >= 0) notices.splice(at, 1)
      return null
    },
    'app:copy-text': ({ text }) => {
      deps.copyText(text)
      return null
    },

    'profiles:list': () => profiles.list(),
    'profiles:save': (input) => profiles.save(input),
    'profiles:duplicate': ({ id }) => profiles.duplicate(id),
    'profiles:remove': async ({ id }) => {
      await profiles.remove(id)
      settings.update((doc) => {
        const drafts = { ...doc.drafts }
        delete drafts[id]
        return { ...doc, drafts }
      })
      return null
    },
    'profiles:set-active': ({ id }) => {
      profiles.setActive(id)
      return null
    },

    'drafts:get': ({ profileId }) => settings.read().drafts[profileId] ?? null,
    'drafts:save': ({ profileId, draft }) => {
      profiles.get(profileId)
      settings.update((doc) => ({ ...doc, drafts: { ...doc.drafts, [profileId]: draft } }))
      return null
    },

    'launch:start': ({ profileId, confirmProfileName, ...request }) =>
      launches.startWithProfile(profileId, request, confirmProfileName),
    'launch:cancel': ({ requestId }) => ({ cancelled: launches.cancel(requestId) }),

    'history:search': (query) => ledger.search(query),
    'history:get': ({ id }) => {
      const record = ledger.get(id)
      if (!record) throw new AppFailure('RECORD_NOT_FOUND', 'That history entry no longer exists.')
      return record
    },
    'history:process-names': ({ profileId, prefix }) =>
      ledger.processNames({ profileId, prefix, limit: 20 }),

    'sandbox:ensure': async () => {
      const running = await sandbox.ensure()
      profiles.setSandboxBaseUrl(running.baseUrl)
      return { baseUrl: running.baseUrl }
    }
  }
}
