// @vitest-environment happy-dom
/** History: Delete (button and key) with "Deleted · Undo", and Export… of the filtered launches. */
import { flushPromises, mount } from '@vue/test-utils'
import { NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h, type Component } from 'vue'

import { useHistoryStore } from '../../stores/history'
import { failed, installFakeFlowx, makeSummary, ok, type FakeFlowx } from '../../test/fake-flowx'
import HistoryDeleteButton from './HistoryDeleteButton.vue'
import HistoryExportButton from './HistoryExportButton.vue'

let flowx: FakeFlowx

beforeEach(() => {
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
})
afterEach(() => {
  document.body.innerHTML = ''
})

/** The component inside a list area, as in the History view (the Delete key works there). */
function render(component: Component) {
  const Host = defineComponent({
    setup: () => () =>
      h(NMessageProvider, null, {
        default: () => [
          h('div', { 'data-testid': 'history-table', tabindex: 0 }, 'rows'),
          h('input', { 'data-testid': 'history-search' }),
          h(component)
        ]
      })
  })
  return mount(Host, { attachTo: document.body })
}

async function listed(...ids: string[]) {
  flowx.history.search.mockResolvedValue(ok({ items: ids.map((id) => makeSummary(id)) }))
  const history = useHistoryStore()
  await history.search()
  return history
}

const body = () => document.body.textContent ?? ''

describe('deleting a launch', () => {
  it('deletes the selected launch, says "Deleted · Undo", and Undo lists and selects it again', async () => {
    const history = await listed('a', 'b', 'c')
    await history.select('b')
    const wrapper = render(HistoryDeleteButton)

    flowx.history.search.mockResolvedValue(ok({ items: [makeSummary('a'), makeSummary('c')] }))
    await wrapper.get('[data-testid="history-delete"]').trigger('click')
    await flushPromises()
    expect(flowx.history.delete).toHaveBeenCalledWith({ id: 'b' })
    expect(history.items.map((r) => r.id)).toEqual(['a', 'c'])
    expect(history.selectedId).toBeUndefined()
    expect(document.querySelector('[data-testid="history-undo-toast"]')?.textContent).toBe(
      'Deleted · Undo'
    )

    flowx.history.search.mockResolvedValue(
      ok({ items: ['a', 'b', 'c'].map((id) => makeSummary(id)) })
    )
    document.querySelector<HTMLElement>('[data-testid="history-undo"]')!.click()
    await flushPromises()
    expect(flowx.history.restore).toHaveBeenCalledWith({ id: 'b' })
    expect(history.items.map((r) => r.id)).toEqual(['a', 'b', 'c'])
    expect(history.selectedId).toBe('b')
    expect(body()).toContain('Restored to the history.')
  })

  it('the Delete key deletes the selected launch from the list, never while typing in a field', async () => {
    const history = await listed('a', 'b')
    await history.select('a')
    const wrapper = render(HistoryDeleteButton)

    const search = wrapper.get('[data-testid="history-search"]').element as HTMLElement
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true }))
    await flushPromises()
    expect(flowx.history.delete).not.toHaveBeenCalled()

    const list = wrapper.get('[data-testid="history-table"]').element as HTMLElement
    list.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true }))
    await flushPromises()
    expect(flowx.history.delete).toHaveBeenCalledWith({ id: 'a' })
    expect(history.items.map((r) => r.id)).toEqual(['b'])
  })

  it('says why when the launch cannot be deleted, and keeps it listed', async () => {
    const history = await listed('a')
    await history.select('a')
    flowx.history.delete.mockResolvedValue(
      failed({ code: 'RECORD_NOT_FOUND', message: 'That history entry no longer exists.' })
    )
    const wrapper = render(HistoryDeleteButton)
    await wrapper.get('[data-testid="history-delete"]').trigger('click')
    await flushPromises()
    expect(body()).toContain('That history entry no longer exists.')
    expect(history.items.map((r) => r.id)).toEqual(['a'])
  })
})

describe('exporting the history', () => {
  it('exports what the filters match, as CSV or JSON, and says where it went', async () => {
    const history = await listed('a')
    history.filters.status = 'failed'
    history.filters.ticket = ' OPS-12 '
    const wrapper = render(HistoryExportButton)

    await wrapper.get('[data-testid="history-export"]').trigger('click')
    await flushPromises()
    document.querySelector<HTMLElement>('[data-testid="history-export-csv"]')!.click()
    await flushPromises()
    expect(flowx.history.export).toHaveBeenCalledWith({
      format: 'csv',
      query: { status: 'failed', ticket: 'OPS-12' }
    })
    expect(body()).toContain('Exported 1 launch to /home/me/flowx-history.csv.')

    flowx.history.export.mockResolvedValue(ok({ count: 0 }))
    await wrapper.get('[data-testid="history-export"]').trigger('click')
    await flushPromises()
    document.querySelector<HTMLElement>('[data-testid="history-export-json"]')!.click()
    await flushPromises()
    expect(flowx.history.export).toHaveBeenLastCalledWith({
      format: 'json',
      query: { status: 'failed', ticket: 'OPS-12' }
    })
  })
})
