// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import { installFakeFlowx } from '../test/fake-flowx'
import { useDemoStore } from './demo'
import { useSettingsStore } from './settings'

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
  installFakeFlowx()
})

describe('demo mode', () => {
  it('starts off, toggles, and is not remembered unless asked', async () => {
    const demo = useDemoStore()
    expect(demo.enabled).toBe(false)
    demo.toggle()
    expect(demo.enabled).toBe(true)
    demo.setTextScale(200)
    await flushPromises()
    expect(useSettingsStore().settings.demo).toEqual({
      enabled: false,
      persist: false,
      textScale: 200
    })
    // A restart: a new app over the same saved settings.
    setActivePinia(createPinia())
    expect(useDemoStore().enabled).toBe(false)
    expect(useDemoStore().textScale).toBe(200)
  })

  it('comes back on after a restart when the user asked for it', async () => {
    const demo = useDemoStore()
    demo.setEnabled(true)
    demo.setPersist(true)
    await flushPromises()
    expect(useSettingsStore().settings.demo.enabled).toBe(true)
    setActivePinia(createPinia())
    expect(useDemoStore().enabled).toBe(true)
    useDemoStore().setEnabled(false)
    await flushPromises()
    expect(useSettingsStore().settings.demo.enabled).toBe(false)
  })
})
