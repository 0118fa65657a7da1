// @vitest-environment happy-dom
import type { SecretStorageState } from '@shared/domain'
import { flushPromises, mount } from '@vue/test-utils'
import { NDialogProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'

import { useAppStore } from '../../stores/app'
import { installFakeFlowx, type FakeFlowx } from '../../test/fake-flowx'
import AppNotices from '../app/AppNotices.vue'

let flowx: FakeFlowx
let pinia: ReturnType<typeof createPinia>

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  flowx = installFakeFlowx()
})
afterEach(() => {
  document.body.innerHTML = ''
})

function render(storage: SecretStorageState) {
  useAppStore().secretStorage = storage
  const Host = defineComponent({
    setup: () => () => h(NDialogProvider, null, { default: () => h(AppNotices) })
  })
  return mount(Host, { global: { plugins: [pinia] }, attachTo: document.body })
}

const banner = (wrapper: ReturnType<typeof render>) =>
  wrapper.find('[data-testid="secret-storage-banner"]')

describe('secret storage banner', () => {
  it('says nothing when the OS keychain is there', () => {
    const wrapper = render({ cipher: 'available', weakOptIn: false })
    expect(banner(wrapper).exists()).toBe(false)
    wrapper.unmount()
  })

  it('explains the weak keyring and opts in only after the user confirms', async () => {
    const wrapper = render({ cipher: 'weak', weakOptIn: false })
    expect(banner(wrapper).text()).toContain('kept only until the app closes')
    expect(banner(wrapper).text()).toContain('--password-store=gnome-libsecret')
    await wrapper.get('[data-testid="secret-storage-optin"]').trigger('click')
    await flushPromises()
    expect(flowx.app.setWeakStorage).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('any program running as you could use to read them')
    document.body.querySelector<HTMLButtonElement>('[data-testid="confirm-weak-storage"]')?.click()
    await flushPromises()
    expect(flowx.app.setWeakStorage).toHaveBeenCalledWith({ enabled: true })
    expect(banner(wrapper).attributes('data-storage')).toBe('weak-opt-in')
    expect(banner(wrapper).text()).toContain('weak protection')
    wrapper.unmount()
  })

  it('lets the user stop storing secrets on disk', async () => {
    const wrapper = render({ cipher: 'weak', weakOptIn: true })
    await wrapper.get('[data-testid="secret-storage-optout"]').trigger('click')
    await flushPromises()
    expect(flowx.app.setWeakStorage).toHaveBeenCalledWith({ enabled: false })
    expect(banner(wrapper).attributes('data-storage')).toBe('weak')
    wrapper.unmount()
  })

  it('offers no opt-in when there is no encryption at all', () => {
    const wrapper = render({ cipher: 'unavailable', weakOptIn: false })
    expect(banner(wrapper).text()).toContain('only for this session')
    expect(wrapper.find('[data-testid="secret-storage-optin"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
