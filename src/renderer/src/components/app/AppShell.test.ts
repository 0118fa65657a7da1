// @vitest-environment happy-dom
import type { StartupState } from '@shared/domain'
import type { Result } from '@shared/errors'
import { flushPromises, mount } from '@vue/test-utils'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'

import { deferred, installFakeFlowx, makeProfile, makeSettings, ok } from '../../test/fake-flowx'
import AppShell from './AppShell.vue'

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
})
afterEach(() => {
  document.body.innerHTML = ''
})

function render() {
  const Host = defineComponent({
    setup: () => () =>
      h(NMessageProvider, null, {
        default: () => h(NDialogProvider, null, { default: () => h(AppShell) })
      })
  })
  return mount(Host, { attachTo: document.body })
}

describe('AppShell start-up', () => {
  it('builds the view once the start-up data is in, with the form already filled', async () => {
    const flowx = installFakeFlowx()
    const answer = deferred<Result<StartupState>>()
    flowx.app.startup.mockReturnValueOnce(answer.promise)
    const wrapper = render()
    await flushPromises()
    expect(wrapper.find('[data-testid="view-launch"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="nav-launch"]').exists()).toBe(true)

    answer.resolve(
      ok({
        state: {
          version: '1.0.0',
          activeProfileId: 'p1',
          notices: [],
          secretStorage: { cipher: 'available', weakOptIn: false }
        },
        settings: makeSettings(),
        profiles: [makeProfile()],
        draft: { profileId: 'p1', draft: null }
      })
    )
    await flushPromises()
    const workspace = wrapper.get<HTMLInputElement>('input[data-testid="field-workspace"]')
    expect(workspace.element.value).toBe(makeProfile().defaults.workspaceId)
    expect(flowx.drafts.get).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
