// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'

import { failed, installFakeFlowx, makeSettings, ok, type FakeFlowx } from '../test/fake-flowx'
import { clampTextSize, useSettingsStore } from './settings'

let flowx: FakeFlowx
let systemDark = false
const listeners: Array<(e: { matches: boolean }) => void> = []

beforeEach(() => {
  localStorage.clear()
  listeners.length = 0
  systemDark = false
  vi.stubGlobal('matchMedia', (query: string) => ({
    media: query,
    get matches() {
      return systemDark
    },
    addEventListener: (_type: string, fn: (e: { matches: boolean }) => void) => listeners.push(fn)
  }))
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
})
afterEach(() => vi.unstubAllGlobals())

function osTurns(dark: boolean): void {
  systemDark = dark
  for (const fn of listeners) fn({ matches: dark })
}

describe('settings store', () => {
  it('follows the OS theme live while the theme is System, and stops when one is chosen', async () => {
    const store = useSettingsStore()
    expect(store.resolvedTheme).toBe('light')
    osTurns(true)
    await nextTick()
    expect(store.resolvedTheme).toBe('dark')
    expect(document.documentElement.dataset.theme).toBe('dark')
    await store.setTheme('light')
    osTurns(true)
    expect(store.resolvedTheme).toBe('light')
    expect(flowx.settings.update).toHaveBeenCalledWith({ theme: 'light' })
  })

  it('scales the root font size with the text size, zooming in 10 % steps within 90–200', async () => {
    const store = useSettingsStore()
    await store.setTextSize(150)
    await nextTick()
    expect(document.documentElement.style.fontSize).toBe('24px')
    await store.zoom(1)
    expect(store.settings.textSize).toBe(160)
    await store.setTextSize(195)
    await store.zoom(1)
    await store.zoom(1)
    expect(store.settings.textSize).toBe(200)
    await store.zoom(0)
    expect(store.settings.textSize).toBe(100)
    await store.zoom(-1)
    await store.zoom(-1)
    expect(store.settings.textSize).toBe(90)
    expect(clampTextSize(Number.NaN)).toBe(100)
  })

  it('loads what main keeps, and remembers it for the next first paint', async () => {
    flowx.settings.get.mockResolvedValueOnce(ok(makeSettings({ theme: 'dark', textSize: 125 })))
    await useSettingsStore().load()
    setActivePinia(createPinia())
    const next = useSettingsStore()
    expect(next.settings.theme).toBe('dark')
    expect(next.settings.textSize).toBe(125)
  })

  it('puts a refused change back and keeps the error', async () => {
    flowx.settings.update.mockResolvedValueOnce(
      failed({ code: 'INVALID_INPUT', message: 'Text size is 90–200 %.' })
    )
    const store = useSettingsStore()
    expect(await store.update({ batchConcurrency: 8 })).toBe(false)
    expect(store.settings.batchConcurrency).toBe(4)
    expect(store.error?.message).toBe('Text size is 90–200 %.')
  })
})
