// @vitest-environment happy-dom
/** The active-build panel resolves `{{variables}}` in the ids before asking FlowX. */
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { BUILD_INFO_DELAY_MS } from '../../stores/build-info'
import { useLaunchStore } from '../../stores/launch'
import { useProfilesStore } from '../../stores/profiles'
import { installFakeFlowx, makeProfile, ok, type FakeFlowx } from '../../test/fake-flowx'
import BuildInfoPanel from './BuildInfoPanel.vue'

let flowx: FakeFlowx
let pinia: ReturnType<typeof createPinia>

beforeEach(async () => {
  vi.useFakeTimers()
  pinia = createPinia()
  setActivePinia(pinia)
  flowx = installFakeFlowx()
  flowx.profiles.list.mockResolvedValue(
    ok([makeProfile({ variables: { appRef: 'app-9', wks: 'wks-9' } })])
  )
  await useProfilesStore().load('p1')
  await useLaunchStore().restoreDraft('p1')
})
afterEach(() => vi.useRealTimers())

async function render() {
  const wrapper = mount(BuildInfoPanel, { global: { plugins: [pinia] } })
  await vi.advanceTimersByTimeAsync(BUILD_INFO_DELAY_MS)
  await flushPromises()
  return wrapper
}

describe('BuildInfoPanel with {{variables}} in the ids', () => {
  it('asks FlowX with the ids the variables resolve to', async () => {
    const launch = useLaunchStore()
    launch.form.workspaceId = '{{wks}}'
    launch.form.appId = '{{appRef}}'
    const wrapper = await render()
    expect(flowx.build.info).toHaveBeenLastCalledWith({
      profileId: 'p1',
      workspaceId: 'wks-9',
      appId: 'app-9'
    })
    expect(wrapper.find('[data-testid="build-info-idle"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="build-info-id"]').exists()).toBe(true)
  })

  it('names the variable without a value instead of asking for the app ID, and asks nothing', async () => {
    const launch = useLaunchStore()
    launch.form.appId = '{{missing}}'
    flowx.build.info.mockClear()
    const wrapper = await render()
    expect(flowx.build.info).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="build-info-idle"]').text()).toBe(
      '{{missing}} has no value yet: give it one in Variables to see the build FlowX will use.'
    )
  })
})
