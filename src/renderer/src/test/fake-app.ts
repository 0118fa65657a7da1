/**
 * App-level channels of the fake bridge (app, settings, sandbox), the settings fixture, and
 * `app:startup` composed from the fake's own calls as main composes it.
 */
import type { FlowxApi } from '@shared/contract'
import type { AppSettings, AppState, StartupState } from '@shared/domain'
import type { Result } from '@shared/errors'
import { vi } from 'vitest'

import { ok } from './fake-result'

/** The settings at their defaults, with `overrides` applied. */
export function makeSettings(overrides: Partial<AppSettings> = {}): AppSettings {
  return {
    theme: 'system',
    textSize: 100,
    retention: { mode: 'forever' },
    batchConcurrency: 4,
    libraryFolders: [],
    demo: { enabled: false, persist: false, textScale: 150 },
    ...overrides
  }
}

/** The app, settings and sandbox domains of the bridge; `startup` asks the bridge `api()`. */
export function appFakes(api: () => FlowxApi) {
  return {
    app: {
      // As main answers it: from the fake's own separate calls, so a test's mocks of those apply.
      startup: vi.fn((): Promise<Result<StartupState>> => startupFrom(api())),
      openLogs: vi.fn(async (): Promise<Result<null>> => ok(null)),
      getState: vi.fn(async (): Promise<Result<AppState>> =>
        ok({
          version: '0.1.0',
          activeProfileId: 'p1',
          notices: [],
          secretStorage: { cipher: 'available', weakOptIn: false }
        })
      ),
      setWeakStorage: vi.fn(async (input: { enabled: boolean }): Promise<Result<AppState>> =>
        ok({
          version: '0.1.0',
          activeProfileId: 'p1',
          notices: [],
          secretStorage: { cipher: 'weak', weakOptIn: input.enabled }
        })
      ),
      dismissNotice: vi.fn(async (_input: { id: string }): Promise<Result<null>> => ok(null)),
      copyText: vi.fn(async (_input: { text: string }): Promise<Result<null>> => ok(null)),
      openExternal: vi.fn(
        async (_input: { profileId: string; url: string }): Promise<Result<null>> => ok(null)
      )
    },
    settings: {
      get: vi.fn(async (): Promise<Result<AppSettings>> => ok(makeSettings())),
      update: vi.fn(async (patch: Partial<AppSettings>): Promise<Result<AppSettings>> =>
        ok(makeSettings(patch))
      )
    },
    sandbox: {
      ensure: vi.fn(async (): Promise<Result<{ baseUrl: string }>> =>
        ok({ baseUrl: 'http://127.0.0.1:40123/rtm' })
      )
    }
  }
}

/** `app:startup` composed of `app:get-state`, `settings:get`, `profiles:list` and `drafts:get`. */
async function startupFrom(api: FlowxApi): Promise<Result<StartupState>> {
  const [state, settings, profiles] = await Promise.all([
    api.app.getState(),
    api.settings.get(),
    api.profiles.list()
  ])
  if (!state.ok) return state
  if (!settings.ok) return settings
  if (!profiles.ok) return profiles
  const opensOn =
    profiles.value.find((p) => p.id === state.value.activeProfileId) ?? profiles.value[0]
  let draft: StartupState['draft'] = null
  if (opensOn) {
    const r = await api.drafts.get({ profileId: opensOn.id })
    if (!r.ok) return r
    draft = { profileId: opensOn.id, draft: r.value }
  }
  return ok({ state: state.value, settings: settings.value, profiles: profiles.value, draft })
}
