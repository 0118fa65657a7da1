// @vitest-environment happy-dom
import type { LaunchDraft, LaunchRecord } from '@shared/domain'
import type { Result } from '@shared/errors'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import {
  deferred,
  failed,
  installFakeFlowx,
  makeProfile,
  makeRecord,
  ok,
  type FakeFlowx
} from '../test/fake-flowx'
import { useAuthStore } from './auth'
import { DRAFT_SAVE_DELAY_MS, useLaunchStore } from './launch'
import { useProfilesStore } from './profiles'

const sandbox = makeProfile({
  id: 'p2',
  name: 'Local sandbox',
  color: 'teal',
  localSandbox: true,
  baseUrl: 'http://127.0.0.1:40123/rtm',
  defaults: { workspaceId: 'wks-local', appId: 'app-local', buildId: '' }
})

const stagingDraft: LaunchDraft = {
  mode: 'build',
  workspaceId: 'wks-9',
  appId: 'app-9',
  buildId: 'build-9',
  processName: '[DOCS]customer_onboarding',
  payload: '{"a":1}'
}

let flowx: FakeFlowx

async function ready(activeId = 'p1') {
  const profiles = useProfilesStore()
  const launch = useLaunchStore()
  await profiles.load(activeId)
  await flushPromises()
  return { profiles, launch }
}

beforeEach(() => {
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
  flowx.profiles.list.mockResolvedValue(ok([makeProfile(), sandbox]))
  flowx.drafts.get.mockImplementation(async ({ profileId }) =>
    ok(profileId === 'p1' ? stagingDraft : null)
  )
})

afterEach(() => {
  vi.useRealTimers()
})

describe('launch store: drafts per profile', () => {
  it('restores the saved draft of the active profile', async () => {
    const { launch } = await ready('p1')
    expect(launch.formProfileId).toBe('p1')
    expect({ ...launch.form }).toEqual(stagingDraft)
  })

  it('falls back to the profile defaults when there is no draft, and swaps on profile change', async () => {
    const { profiles, launch } = await ready('p1')
    await profiles.setActive('p2')
    await flushPromises()
    expect(launch.formProfileId).toBe('p2')
    expect(launch.form.mode).toBe('workspace')
    expect(launch.form.workspaceId).toBe('wks-local')
    expect(launch.form.appId).toBe('app-local')
    expect(launch.form.processName).toBe('')

    await profiles.setActive('p1')
    await flushPromises()
    expect(launch.form.processName).toBe('[DOCS]customer_onboarding')
  })

  it('saves edits after a pause, not on every keystroke, and not for its own restores', async () => {
    vi.useFakeTimers()
    const { launch } = await ready('p1')
    expect(flowx.drafts.save).not.toHaveBeenCalled()

    launch.form.processName = 'loan'
    launch.form.processName = 'loan request'
    vi.advanceTimersByTime(DRAFT_SAVE_DELAY_MS - 1)
    expect(flowx.drafts.save).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(flowx.drafts.save).toHaveBeenCalledTimes(1)
    expect(flowx.drafts.save).toHaveBeenCalledWith({
      profileId: 'p1',
      draft: { ...stagingDraft, processName: 'loan request' }
    })
  })

  it('saves a pending edit under the old profile before switching', async () => {
    vi.useFakeTimers()
    const { profiles, launch } = await ready('p1')
    launch.form.appId = 'app-edited'
    await profiles.setActive('p2')
    expect(flowx.drafts.save).toHaveBeenCalledWith({
      profileId: 'p1',
      draft: { ...stagingDraft, appId: 'app-edited' }
    })
    await flushPromises()
    vi.advanceTimersByTime(DRAFT_SAVE_DELAY_MS * 2)
    expect(flowx.drafts.save).toHaveBeenCalledTimes(1)
  })
})

describe('launch store: sending', () => {
  it('sends the target from the form with a fresh request id', async () => {
    const { launch } = await ready('p1')
    await launch.send()
    expect(flowx.launch.start).toHaveBeenCalledTimes(1)
    const input = flowx.launch.start.mock.calls[0][0]
    expect(input).toMatchObject({
      profileId: 'p1',
      target: {
        mode: 'build',
        appId: 'app-9',
        buildId: 'build-9',
        processName: '[DOCS]customer_onboarding'
      },
      payload: '{"a":1}'
    })
    expect(input.requestId).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    expect(launch.result?.status).toBe('started')
  })

  it('refreshes the token status once the launch completes', async () => {
    const { launch } = await ready('p1')
    flowx.auth.status.mockResolvedValueOnce(
      ok({ profileId: 'p1', state: 'valid', mode: 'client-credentials' })
    )
    await launch.send()
    await flushPromises()
    expect(flowx.auth.status).toHaveBeenCalledWith({ profileId: 'p1' })
    expect(useAuthStore().statuses.p1?.state).toBe('valid')
  })

  it('cannot send again while a launch is in flight', async () => {
    const { launch } = await ready('p1')
    const pending = deferred<Result<LaunchRecord>>()
    flowx.launch.start.mockReturnValueOnce(pending.promise)

    const first = launch.send()
    expect(launch.inFlight).toBeDefined()
    expect(launch.canSend).toBe(false)
    expect(await launch.send()).toBe(false)
    expect(flowx.launch.start).toHaveBeenCalledTimes(1)

    pending.resolve(ok(makeRecord()))
    await first
    expect(launch.inFlight).toBeUndefined()
    expect(launch.canSend).toBe(true)
  })

  it('cancels with the same request id it started with', async () => {
    const { launch } = await ready('p1')
    const pending = deferred<Result<LaunchRecord>>()
    flowx.launch.start.mockReturnValueOnce(pending.promise)

    const sending = launch.send()
    await launch.cancel()
    const requestId = flowx.launch.start.mock.calls[0][0].requestId
    expect(flowx.launch.cancel).toHaveBeenCalledWith({ requestId })
    expect(launch.cancelling).toBe(true)

    const cancelled = makeRecord({
      status: 'failed',
      instance: undefined,
      error: { code: 'CANCELLED', message: 'You cancelled the launch.' }
    })
    pending.resolve(ok(cancelled))
    await sending
    expect(launch.cancelling).toBe(false)
    expect(launch.result?.error?.code).toBe('CANCELLED')
  })

  it('keeps a refused launch as a typed error', async () => {
    const { launch } = await ready('p1')
    flowx.launch.start.mockResolvedValueOnce(
      failed({
        code: 'TOKEN_MISSING',
        message: 'No bearer token is set for “Staging”.',
        hint: 'Open Profiles.'
      })
    )
    await expect(launch.send()).resolves.toBe(false)
    expect(launch.error).toEqual({
      code: 'TOKEN_MISSING',
      message: 'No bearer token is set for “Staging”.',
      hint: 'Open Profiles.'
    })
    expect(launch.result).toBeUndefined()
  })

  it('does not send an invalid form and says which field is wrong', async () => {
    const { launch } = await ready('p1')
    launch.form.appId = 'app 9'
    launch.form.payload = '{"a": }'
    expect(launch.canSend).toBe(false)
    expect(launch.check.errors.appId).toMatch(/letters, digits/)
    expect(launch.check.errors.payload).toMatch(/line 1, column 7/)
    await expect(launch.send()).resolves.toBe(false)
    expect(flowx.launch.start).not.toHaveBeenCalled()
  })

  it('reveals every field error when a send is attempted on an invalid form', async () => {
    const { launch } = await ready('p1')
    launch.form.processName = ''
    expect(launch.revealErrors).toBe(false)
    await launch.send()
    expect(launch.revealErrors).toBe(true)
    expect(launch.check.errors.processName).toBe('Required.')
  })

  it('keeps each profile’s last outcome to itself', async () => {
    const { profiles, launch } = await ready('p1')
    await launch.send()
    expect(launch.result?.profileId).toBe('p1')
    await profiles.setActive('p2')
    await flushPromises()
    expect(launch.result).toBeUndefined()
    await profiles.setActive('p1')
    await flushPromises()
    expect(launch.result?.profileId).toBe('p1')
  })

  it('previews exactly the URL the target builds', async () => {
    const { launch } = await ready('p1')
    expect(launch.urlPreview).toBe(
      'https://admin.staging.example.com/rtm/api/runtime/app/app-9/build/build-9/process-name/%5BDOCS%5Dcustomer_onboarding/start'
    )
  })
})

describe('launch store: replay from history', () => {
  it('switches to the profile the record ran on and copies its fields', async () => {
    const { profiles, launch } = await ready('p2')
    const record = makeRecord({
      profileId: 'p1',
      processName: 'loan request',
      payload: '{"amount":1}'
    })
    await launch.loadRecord(record)
    expect(profiles.activeId).toBe('p1')
    expect(flowx.profiles.setActive).toHaveBeenCalledWith({ id: 'p1' })
    expect({ ...launch.form }).toEqual({
      mode: 'workspace',
      workspaceId: 'wks-1',
      appId: 'app-1',
      buildId: 'build-9',
      processName: 'loan request',
      payload: '{"amount":1}'
    })
  })
})
