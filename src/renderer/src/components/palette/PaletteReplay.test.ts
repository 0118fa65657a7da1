// @vitest-environment happy-dom
/** The palette's Replay opens the real replay dialog: for the selected launch and for a found one. */
import { flushPromises, mount } from '@vue/test-utils'
import { NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'

import { paletteActions } from '../../lib/palette-actions'
import { useHistoryStore } from '../../stores/history'
import { HISTORY_SEARCH_DELAY_MS, usePaletteStore } from '../../stores/palette'
import {
  failed,
  installFakeFlowx,
  makeRecord,
  makeSummary,
  ok,
  type FakeFlowx
} from '../../test/fake-flowx'
import CommandPalette from './CommandPalette.vue'
import PaletteReplayHost from './PaletteReplayHost.vue'
import { replayingRecord } from './palette-replay'

let flowx: FakeFlowx

beforeEach(() => {
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
  replayingRecord.value = undefined
})
afterEach(() => {
  document.body.innerHTML = ''
  vi.useRealTimers()
})

function render() {
  const Host = defineComponent({
    setup: () => () =>
      h(NMessageProvider, null, { default: () => [h(CommandPalette), h(PaletteReplayHost)] })
  })
  return mount(Host, { attachTo: document.body })
}

const dialog = () => document.querySelector('[data-testid="replay-dialog"]')

describe('Replay from the palette', () => {
  it('"Replay the selected launch…" opens the replay dialog for the selection in History', async () => {
    render()
    expect(paletteActions().some((a) => a.id === 'history.replay-selected')).toBe(false)
    flowx.history.get.mockResolvedValue(ok(makeRecord({ id: 'sel', processName: 'loan_request' })))
    await useHistoryStore().select('sel')

    const action = paletteActions().find((a) => a.id === 'history.replay-selected')!
    expect(action.title).toBe('Replay the selected launch…')
    await action.run()
    await flushPromises()
    await vi.dynamicImportSettled()
    await flushPromises()
    expect(dialog()).not.toBeNull()
    expect(document.body.textContent).toContain('Replay “loan_request”')
    expect(flowx.history.replayPlan).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'sel', mode: 'exact' })
    )
  })

  it('Shift+Enter on a launch found by the palette opens its replay dialog', async () => {
    vi.useFakeTimers()
    render()
    const palette = usePaletteStore()
    palette.show()
    flowx.history.search.mockResolvedValue(
      ok({ items: [makeSummary('found', { processName: 'onboarding' })] })
    )
    flowx.history.get.mockResolvedValue(ok(makeRecord({ id: 'found', processName: 'onboarding' })))
    palette.setQuery('3f1c2a')
    await vi.advanceTimersByTimeAsync(HISTORY_SEARCH_DELAY_MS)
    await flushPromises()
    const input = document.querySelector<HTMLInputElement>('[data-testid="palette-input"]')!
    const at = palette.ranked.findIndex((r) => r.item.kind === 'launch')
    for (let i = 0; i < at; i++) {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    }
    await flushPromises()
    expect(document.body.textContent).toContain('Shift+Enter to replay')

    input.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true })
    )
    vi.useRealTimers()
    await flushPromises()
    await vi.dynamicImportSettled()
    await flushPromises()
    expect(palette.open).toBe(false)
    expect(flowx.history.get).toHaveBeenCalledWith({ id: 'found' })
    expect(dialog()).not.toBeNull()
    expect(document.body.textContent).toContain('Replay “onboarding”')
  })

  it('says why when the found launch is gone', async () => {
    vi.useFakeTimers()
    render()
    const palette = usePaletteStore()
    palette.show()
    flowx.history.search.mockResolvedValue(ok({ items: [makeSummary('gone')] }))
    flowx.history.get.mockResolvedValue(
      failed({ code: 'RECORD_NOT_FOUND', message: 'That history entry no longer exists.' })
    )
    palette.setQuery('3f1c2a')
    await vi.advanceTimersByTimeAsync(HISTORY_SEARCH_DELAY_MS)
    await flushPromises()
    const input = document.querySelector<HTMLInputElement>('[data-testid="palette-input"]')!
    const at = palette.ranked.findIndex((r) => r.item.kind === 'launch')
    for (let i = 0; i < at; i++) {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    }
    input.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true })
    )
    vi.useRealTimers()
    await flushPromises()
    expect(dialog()).toBeNull()
    expect(document.body.textContent).toContain('That history entry no longer exists.')
  })
})
