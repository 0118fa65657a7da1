/** One function per contract channel, over the core services. Inputs arrive already validated. */
import type { Handlers } from '../shared/contract'
import type { AppNotice, AppState } from '../shared/domain'
import { AppFailure } from '../shared/errors'
import type { TokenManager } from './auth/token-manager'
import type { Ledger } from './history'
import { historyChannels } from './history/channels'
import { sandboxProcessNames } from './launches/sandbox-processes'
import type { Connections } from './launches/connections'
import type { LaunchService } from './launches/launch-service'
import type { SandboxHost } from './launches/sandbox-host'
import type { FileDialogs } from './ports'
import { checkProfile } from './profiles/health-check'
import type { ProfileService } from './profiles/profile-service'
import type { SettingsDoc } from './profiles/profile-store'
import { exportProfiles, importProfiles, parseProfileFile } from './profiles/profile-transfer'
import type { SecretVault } from './secrets/secret-vault'
import type { TypedStore } from './stores/open-store'
import type { SupportHandlers } from './support-handlers'
import type { BatchHandlers } from './batch/handlers'
import type { WorkbenchHandlers } from './workbench/handlers'

export interface HandlerDeps {
  version: string
  notices: AppNotice[]
  profiles: ProfileService
  settings: TypedStore<SettingsDoc>
  vault: SecretVault
  launches: LaunchService
  connections: Connections
  tokens: TokenManager
  ledger: Ledger
  sandbox: SandboxHost
  /** Build info, draft checks, reports, playlists and Designer links (support-handlers.ts). */
  support: SupportHandlers
  /** Batch runs (batch/handlers.ts). */
  batch: BatchHandlers
  /** Library, templates, launch with variables, replay and cURL (workbench/handlers.ts). */
  workbench: WorkbenchHandlers
  files: FileDialogs
  copyText: (text: string) => void
  /** Shows the logs folder in the file manager (the app); absent in the CLI and tests. */
  openLogsFolder?: () => Promise<void>
}

/** Build the handler map the IPC wrapper (or the test harness) registers. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { profiles, settings, launches, connections, tokens, ledger, sandbox, notices } = deps

  const appState = (): AppState => ({
    version: deps.version,
    activeProfileId: profiles.startupId(),
    notices: [...notices],
    secretStorage: {
      cipher: deps.vault.cipherAvailability,
      weakOptIn: settings.read().weakSecretStorage
    }
  })

  const handlers: Omit<Handlers, 'app:startup'> = {
    ...deps.batch,
    'app:get-state': appState,
    'app:set-weak-storage': async ({ enabled }) => {
      await deps.vault.setWeakOptIn(enabled)
      settings.update((doc) => ({ ...doc, weakSecretStorage: enabled }))
      return appState()
    },
    'app:dismiss-notice': ({ id }) => {
      const at = notices.findIndex((n) => n.id === id)
      if (at >= 0) notices.splice(at, 1)
      return null
    },
    'app:copy-text': ({ text }) => {
      deps.copyText(text)
      return null
    },
    'app:open-logs': async () => {
      if (!deps.openLogsFolder)
        throw new AppFailure('INTERNAL', 'This build cannot open the logs folder.')
      await deps.openLogsFolder()
      return null
    },

    'profiles:list': () => profiles.list(),
    'profiles:save': async (input) => {
      const saved = await profiles.save(input)
      // New settings or secrets: the next launch fetches a token for them.
      tokens.forget(saved.id)
      return saved
    },
    'profiles:duplicate': ({ id }) => profiles.duplicate(id),
    'profiles:restore': ({ id }) => profiles.restore(id),
    'profiles:remove': async ({ id }) => {
      await profiles.remove(id)
      tokens.forget(id)
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
    'profiles:check': ({ id }) => checkProfile({ profiles, connections, tokens }, id),
    'profiles:export': async ({ ids }) => {
      const file = exportProfiles(profiles, ids)
      const stamp = file.exportedAt.slice(0, 10)
      const path = await deps.files.saveText(
        `flowx-profiles-${stamp}.json`,
        `${JSON.stringify(file, null, 2)}\n`
      )
      return {
        ...(path ? { path } : {}),
        count: file.profiles.length,
        secretsRequired: file.secretsRequired
      }
    },
    'profiles:import': async () => {
      const text = await deps.files.openText()
      if (text === undefined) return { imported: [], secretsRequired: [] }
      return importProfiles(profiles, parseProfileFile(text))
    },

    'auth:status': ({ profileId }) => connections.status(profileId),
    'auth:renew': ({ profileId }) => connections.renew(profileId),

    'drafts:get': ({ profileId }) => settings.read().drafts[profileId] ?? null,
    'drafts:save': ({ profileId, draft }) => {
      profiles.get(profileId)
      settings.update((doc) => ({ ...doc, drafts: { ...doc.drafts, [profileId]: draft } }))
      return null
    },

    'launch:cancel': ({ requestId }) => ({ cancelled: launches.cancel(requestId) }),

    ...historyChannels({
      ledger,
      settings,
      files: deps.files,
      // A newcomer on the Local sandbox gets its process names before any history exists.
      suggestedProcessNames: (profileId) =>
        profileId && profiles.list().find((p) => p.id === profileId)?.localSandbox
          ? sandboxProcessNames()
          : []
    }),

    'sandbox:ensure': async () => {
      const running = await sandbox.ensure()
      profiles.setSandboxBaseUrl(running.baseUrl)
      return { baseUrl: running.baseUrl }
    },

    ...deps.support,
    ...deps.workbench
  }

  return {
    ...handlers,
    // One round trip for the first screen, answered by the same handlers as the separate calls.
    'app:startup': async () => {
      const state = appState()
      const list = await handlers['profiles:list'](undefined)
      const opensOn = list.find((p) => p.id === state.activeProfileId) ?? list[0]
      return {
        state,
        settings: await handlers['settings:get'](undefined),
        profiles: list,
        draft: opensOn
          ? {
              profileId: opensOn.id,
              draft: await handlers['drafts:get']({ profileId: opensOn.id })
            }
          : null
      }
    }
  }
}
