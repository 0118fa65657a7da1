// @vitest-environment happy-dom
import type { LaunchDraft, StartupState } from '@shared/domain'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import {
  failed,
  installFakeFlowx,
  makeProfile,
  makeSettings,
  ok,
  type FakeFlowx
} from '../test/fake-flowx'
import { useAppStore } from './app'
import { useLaunchStore } from './launch'
import { useProfilesStore } from './profiles'
import { useSettingsStore } from './settings'
import { prefetchStartup, startApp, takeStartup } from './startup'

const uat = makeProfile({
  id: 'p2',
  name: 'UAT',
  defaults: { workspaceId: 'wks-uat', appId: 'app-uat', buildId: '' }
})
const DRAFT: LaunchDraft = {
  mode: 'workspace',
  workspaceId: 'wks-7',
  appId: 'app-7',
  buildId: '',
  processName: 'onboarding',
  payload: '{"a":1}'
}

function startup(overrides: Partial<StartupState> = {}): StartupState {
  return {
    state: {
      version: '2.3.4',
      activeProfileId: 'p1',
      notices: [{ id: 'n1', level: 'warning', message: 'The keychain is weak.' }],
      secretStorage: { cipher: 'available', weakOptIn: false }
    },
    settings: makeSettings({ textSize: 120 }),
    profiles: [makeProfile(), uat],
    draft: { profileId: 'p1', draft: DRAFT },
    ...overrides
  }
}

let flowx: FakeFlowx

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
})

describe('start-up', () => {
  it('fills settings, app state, profiles and the form from one call to main', async () => {
    flowx.app.startup.mockResolvedValueOnce(ok(startup()))
    await startApp()

    expect(useSettingsStore().settings.textSize).toBe(120)
    expect(useAppStore().version).toBe('2.3.4')
    expect(useAppStore().notices.map((n) => n.id)).toEqual(['n1'])
    const profiles = useProfilesStore()
    expect(profiles.profiles.map((p) => p.id)).toEqual(['p1', 'p2'])
    expect(profiles.activeId).toBe('p1')
    const launch = useLaunchStore()
    expect(launch.ready).toBe(true)
    expect({ ...launch.form }).toEqual({ ...DRAFT, buildId: makeProfile().defaults.buildId })
    expect(launch.canSend).toBe(true)
    // Nothing asked again one by one.
    expect(flowx.app.getState).not.toHaveBeenCalled()
    expect(flowx.settings.get).not.toHaveBeenCalled()
    expect(flowx.profiles.list).not.toHaveBeenCalled()
    expect(flowx.drafts.get).not.toHaveBeenCalled()
  })

  it('uses the answer asked for before the app mounted, once', async () => {
    prefetchStartup()
    prefetchStartup()
    await startApp()
    expect(flowx.app.startup).toHaveBeenCalledTimes(1)
    await takeStartup()
    expect(flowx.app.startup).toHaveBeenCalledTimes(2)
  })

  it('settles on the first profile, with its draft, when main remembers none', async () => {
    flowx.app.startup.mockResolvedValueOnce(
      ok(
        startup({
          state: { ...startup().state, activeProfileId: undefined },
          draft: { profileId: 'p1', draft: null }
        })
      )
    )
    await startApp()
    expect(useProfilesStore().activeId).toBe('p1')
    expect(flowx.profiles.setActive).toHaveBeenCalledWith({ id: 'p1' })
    expect(useLaunchStore().form.workspaceId).toBe(makeProfile().defaults.workspaceId)
    expect(flowx.drafts.get).not.toHaveBeenCalled()
  })

  it('asks main for the draft again when the user comes back to the profile later', async () => {
    flowx.app.startup.mockResolvedValueOnce(ok(startup()))
    await startApp()
    const profiles = useProfilesStore()
    await profiles.setActive('p2')
    await flushPromises()
    flowx.drafts.get.mockResolvedValue(ok({ ...DRAFT, processName: 'edited' }))
    await profiles.setActive('p1')
    await flushPromises()
    expect(flowx.drafts.get).toHaveBeenCalledWith({ profileId: 'p1' })
    expect(useLaunchStore().form.processName).toBe('edited')
  })

  it('falls back to asking one by one when the one call fails, each part saying what failed', async () => {
    flowx.app.startup.mockResolvedValueOnce(
      failed({ code: 'INTERNAL', message: 'Start-up data unavailable.' })
    )
    flowx.app.getState.mockResolvedValueOnce(
      failed({ code: 'STORE_UNWRITABLE', message: 'The app state could not be read.' })
    )
    await startApp()
    await flushPromises()
    expect(useAppStore().notices.map((n) => n.message)).toContain(
      'The app state could not be read.'
    )
    expect(flowx.settings.get).toHaveBeenCalled()
    expect(flowx.profiles.list).toHaveBeenCalled()
    expect(useProfilesStore().activeId).toBe('p1')
    expect(useLaunchStore().ready).toBe(true)
  })
})
