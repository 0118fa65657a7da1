// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { BUILD_INFO_DELAY_MS } from '../../stores/build-info'
import { useLaunchStore } from '../../stores/launch'
import { useProfilesStore } from '../../stores/profiles'
import { failed, installFakeFlowx, makeBuildInfo, type FakeFlowx } from '../../test/fake-flowx'
import BuildInfoPanel from './BuildInfoPanel.vue'

let flowx: FakeFlowx
let pinia: ReturnType<typeof createPinia>
const ACTIVE = makeBuildInfo().info.buildId!

beforeEach(async () => {
  vi.useFakeTimers()
  pinia = createPinia()
  setActivePinia(pinia)
  flowx = installFakeFlowx()
  await useProfilesStore().load('p1')
  await useLaunchStore().restoreDraft('p1')
})
afterEach(() => vi.useRealTimers())

async function render() {
  const wrapper = mount(BuildInfoPanel, { global: { plugins: [pinia] } })
  vi.advanceTimersByTime(BUILD_INFO_DELAY_MS)
  await flushPromises()
  return wrapper
}

describe('BuildInfoPanel', () => {
  it('shows the build FlowX will use for the form ids, with its status', async () => {
    const wrapper = await render()
    expect(flowx.build.info).toHaveBeenCalledWith({
      profileId: 'p1',
      workspaceId: 'wks-1',
      appId: 'app-1'
    })
    expect(wrapper.get('[data-testid="build-info-id"]').text()).toBe(ACTIVE)
    expect(wrapper.get('[data-testid="build-info-status"]').text()).toBe('COMMITTED')
  })

  it('in By build mode fills the build id with the active build', async () => {
    const launch = useLaunchStore()
    launch.setMode('build')
    launch.form.buildId = ''
    const wrapper = await render()
    await wrapper.get('[data-testid="build-info-use"]').trigger('click')
    expect(launch.form.buildId).toBe(ACTIVE)
    expect(wrapper.get('[data-testid="build-info-use"]').text()).toBe('Using the active build')
  })

  it("shows FlowX's not-found message naming the wrong id", async () => {
    flowx.build.info.mockResolvedValue(
      failed({ code: 'NOT_FOUND', message: 'FlowX found no app app-1 in workspace wks-1.' })
    )
    const wrapper = await render()
    expect(wrapper.get('[data-testid="build-info-error"]').text()).toContain('no app app-1')
  })
})
