// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'

import { useAppStore } from '../stores/app'
import { installFakeFlowx, type FakeFlowx } from '../test/fake-flowx'
import { mountInApp } from '../test/mount'
import { useWeakStorageConfirm } from './use-weak-storage-confirm'

let flowx: FakeFlowx
let pinia: ReturnType<typeof createPinia>

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  flowx = installFakeFlowx()
  useAppStore().secretStorage = { cipher: 'weak', weakOptIn: false }
})
afterEach(() => {
  document.body.innerHTML = ''
})

/** A button that asks, as the banner and the settings page do. */
function render() {
  const Asker = defineComponent({
    setup() {
      const ask = useWeakStorageConfirm('the-confirm')
      return () => h('button', { 'data-testid': 'ask', onClick: ask }, 'Store')
    }
  })
  return mountInApp(() => h(Asker), pinia)
}

const button = (text: string) =>
  [...document.body.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)

describe('useWeakStorageConfirm', () => {
  it('warns what weak protection means and opts in only on confirm', async () => {
    const wrapper = render()
    await wrapper.get('[data-testid="ask"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('Store secrets with weak protection?')
    expect(document.body.textContent).toContain('any program running as you could use to read them')
    expect(flowx.app.setWeakStorage).not.toHaveBeenCalled()
    document.body.querySelector<HTMLButtonElement>('[data-testid="the-confirm"]')?.click()
    await flushPromises()
    expect(flowx.app.setWeakStorage).toHaveBeenCalledWith({ enabled: true })
    expect(useAppStore().secretStorage.weakOptIn).toBe(true)
    wrapper.unmount()
  })

  it('changes nothing on Cancel', async () => {
    const wrapper = render()
    await wrapper.get('[data-testid="ask"]').trigger('click')
    await flushPromises()
    const cancel = button('Cancel')
    expect(cancel).toBeDefined()
    cancel?.click()
    await flushPromises()
    expect(flowx.app.setWeakStorage).not.toHaveBeenCalled()
    expect(useAppStore().secretStorage.weakOptIn).toBe(false)
    wrapper.unmount()
  })
})
