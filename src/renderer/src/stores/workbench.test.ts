// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import { failed, installFakeFlowx, makeRecord, ok, type FakeFlowx } from '../test/fake-flowx'
import { makeReplayPlan } from '../test/fake-workbench'
import { useLaunchStore } from './launch'
import { useLaunchContextStore } from './launch-context'
import { useLaunchGuardStore } from './launch-guard'
import { useProfilesStore } from './profiles'
import { CANCELLED, useWorkbenchStore } from './workbench'

let flowx: FakeFlowx

beforeEach(async () => {
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
  useLaunchStore()
  await useProfilesStore().load('p1')
  await flushPromises()
})

describe('workbench store', () => {
  it('asks the prompts of the form before previewing, and sends nothing when cancelled', async () => {
    const launch = useLaunchStore()
    const context = useLaunchContextStore()
    const workbench = useWorkbenchStore()
    launch.form.payload = '{ "c": "{{?Customer id}}" }'
    context.overrideRows = [{ name: 'x', value: '1' }]

    const first = workbench.preview()
    await flushPromises()
    expect(context.promptQuestion?.labels).toEqual(['Customer id'])
    context.answerPrompts({ 'Customer id': 'C-7' })
    await first
    expect(flowx.templates.preview).toHaveBeenCalledWith(
      expect.objectContaining({
        profileId: 'p1',
        payload: '{ "c": "{{?Customer id}}" }',
        overrides: { x: '1' },
        prompts: { 'Customer id': 'C-7' }
      })
    )

    const second = workbench.preview()
    await flushPromises()
    // The last answer is offered again.
    expect(context.promptQuestion?.previous).toEqual({ 'Customer id': 'C-7' })
    context.cancelPrompts()
    expect(await second).toBe(CANCELLED)
    expect(flowx.templates.preview).toHaveBeenCalledTimes(1)
  })

  it('replays to a protected profile only after its name is typed', async () => {
    const workbench = useWorkbenchStore()
    const guard = useLaunchGuardStore()
    const plan = makeReplayPlan({
      mode: 'to-profile',
      after: { ...makeReplayPlan().after, profileId: 'prod', profileName: 'Prod', protected: true }
    })
    const pending = workbench.replay(plan)
    await flushPromises()
    expect(guard.protectedQuestion?.profileName).toBe('Prod')
    expect(flowx.history.replay).not.toHaveBeenCalled()
    guard.confirmProtected('Prod')
    const r = await pending
    expect(r?.ok).toBe(true)
    expect(flowx.history.replay).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'rec1',
        mode: 'to-profile',
        profileId: 'prod',
        confirmProfileName: 'Prod'
      })
    )
  })

  it('asks before the one deliberate resend of a duplicate replay', async () => {
    const workbench = useWorkbenchStore()
    const guard = useLaunchGuardStore()
    flowx.history.replay.mockResolvedValueOnce(
      failed({ code: 'DUPLICATE_START', message: 'Sent 5 s ago.' })
    )
    flowx.history.replay.mockResolvedValueOnce(ok(makeRecord({ id: 'rec2' })))
    const pending = workbench.replay(makeReplayPlan())
    await flushPromises()
    expect(guard.duplicateQuestion).toBeDefined()
    guard.answerDuplicate(true)
    const r = await pending
    expect(r?.ok && r.value.id).toBe('rec2')
    expect(flowx.history.replay).toHaveBeenLastCalledWith(
      expect.objectContaining({ allowDuplicate: true })
    )
  })

  it('fills the form from a pasted cURL and keeps its token for the next launch only', async () => {
    const launch = useLaunchStore()
    const context = useLaunchContextStore()
    const workbench = useWorkbenchStore()
    workbench.applyParsed(
      {
        mode: 'workspace',
        workspaceId: 'wks-9',
        appId: 'app-9',
        buildId: '',
        processName: 'pasted',
        payload: '{"a":1}',
        tokenHandle: 'tok-1',
        notes: []
      },
      true
    )
    expect(launch.form).toMatchObject({ workspaceId: 'wks-9', processName: 'pasted' })
    expect(context.pastedToken?.handle).toBe('tok-1')
    await launch.send()
    expect(flowx.launch.start).toHaveBeenCalledWith(
      expect.objectContaining({ tokenHandle: 'tok-1' })
    )
    expect(context.pastedToken).toBeUndefined()
    await launch.send()
    expect(flowx.launch.start.mock.calls[1]?.[0]).not.toHaveProperty('tokenHandle')
  })

  it('sends the prompt answers, overrides and saved defaults with the launch', async () => {
    const launch = useLaunchStore()
    const context = useLaunchContextStore()
    launch.form.processName = 'p'
    launch.form.payload = '{ "c": "{{?Customer}}", "d": "{{d}}" }'
    context.defaultRows = [{ name: 'd', value: 'dv' }]
    const sending = launch.send()
    await flushPromises()
    context.answerPrompts({ Customer: 'C-1' })
    await sending
    expect(flowx.launch.start).toHaveBeenCalledWith(
      expect.objectContaining({ prompts: { Customer: 'C-1' }, defaults: { d: 'dv' } })
    )
  })
})
