// @vitest-environment happy-dom
import type { LaunchDraft } from '@shared/domain'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import {
  failed,
  installFakeFlowx,
  makeProfile,
  makeRecord,
  ok,
  type FakeFlowx
} from '../test/fake-flowx'
import { useLaunchStore } from './launch'
import { useLaunchGuardStore } from './launch-guard'
import { useProfilesStore } from './profiles'

const production = makeProfile({ id: 'prod', name: 'Production', color: 'red', protected: true })
const draft: LaunchDraft = {
  mode: 'build',
  workspaceId: '',
  appId: 'app-1',
  buildId: 'build-1',
  processName: 'loan request',
  payload: '{"amount":1}'
}
const DUPLICATE = {
  code: 'DUPLICATE_START' as const,
  message: 'The same launch was sent 5 s ago and started instance 3f1c2a9e.',
  hint: 'Starting a process is not idempotent…'
}

let flowx: FakeFlowx

async function ready(activeId: string) {
  const profiles = useProfilesStore()
  const launch = useLaunchStore()
  await profiles.load(activeId)
  await flushPromises()
  return { launch, guard: useLaunchGuardStore() }
}

beforeEach(() => {
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
  flowx.profiles.list.mockResolvedValue(ok([makeProfile(), production]))
  flowx.drafts.get.mockResolvedValue(ok(draft))
})

describe('protected profile confirmation', () => {
  it('asks for the name before anything is sent, and sends it along', async () => {
    const { launch, guard } = await ready('prod')
    const sending = launch.send()
    await flushPromises()
    expect(guard.protectedQuestion?.profileName).toBe('Production')
    expect(flowx.launch.start).not.toHaveBeenCalled()
    expect(launch.canSend).toBe(false)

    guard.confirmProtected('production')
    expect(guard.protectedQuestion).toBeDefined()
    guard.confirmProtected('Production')
    expect(await sending).toBe(true)
    expect(flowx.launch.start).toHaveBeenCalledWith(
      expect.objectContaining({ profileId: 'prod', confirmProfileName: 'Production' })
    )
  })

  it('sends nothing when cancelled', async () => {
    const { launch, guard } = await ready('prod')
    const sending = launch.send()
    await flushPromises()
    guard.cancelProtected()
    expect(await sending).toBe(false)
    expect(flowx.launch.start).not.toHaveBeenCalled()
    expect(launch.canSend).toBe(true)
  })

  it('asks nothing for an unprotected profile', async () => {
    const { launch, guard } = await ready('p1')
    expect(await launch.send()).toBe(true)
    expect(guard.protectedQuestion).toBeUndefined()
    expect(flowx.launch.start.mock.calls[0][0]).not.toHaveProperty('confirmProfileName')
  })
})

describe('duplicate warning', () => {
  it('asks after main refuses a duplicate and resends once with allowDuplicate', async () => {
    const { launch, guard } = await ready('p1')
    await launch.send()
    const first = launch.result
    flowx.launch.start.mockResolvedValueOnce(failed(DUPLICATE))
    const again = launch.send()
    await flushPromises()
    expect(guard.duplicateQuestion?.error.message).toContain('5 s ago')
    // The first launch's result stays on screen while the question is open.
    expect(launch.result).toEqual(first)
    expect(launch.error).toBeUndefined()

    flowx.launch.start.mockResolvedValueOnce(ok(makeRecord({ id: 'rec2' })))
    guard.answerDuplicate(true)
    expect(await again).toBe(true)
    expect(flowx.launch.start).toHaveBeenCalledTimes(3)
    const [, refused, resent] = flowx.launch.start.mock.calls.map((c) => c[0])
    expect(resent).toMatchObject({
      ...refused,
      allowDuplicate: true,
      requestId: expect.any(String)
    })
    expect(resent.requestId).not.toBe(refused.requestId)
    expect(launch.result?.id).toBe('rec2')
  })

  it('sends nothing more when the person cancels', async () => {
    const { launch, guard } = await ready('p1')
    flowx.launch.start.mockResolvedValueOnce(failed(DUPLICATE))
    const again = launch.send()
    await flushPromises()
    guard.answerDuplicate(false)
    expect(await again).toBe(false)
    expect(flowx.launch.start).toHaveBeenCalledTimes(1)
    expect(launch.error).toBeUndefined()
  })

  it('keeps the typed confirmation on the resend for a protected profile', async () => {
    const { launch, guard } = await ready('prod')
    flowx.launch.start.mockResolvedValueOnce(failed(DUPLICATE))
    const sending = launch.send()
    await flushPromises()
    guard.confirmProtected('Production')
    await flushPromises()
    guard.answerDuplicate(true)
    await sending
    expect(flowx.launch.start.mock.calls[1][0]).toMatchObject({
      confirmProfileName: 'Production',
      allowDuplicate: true
    })
  })
})
