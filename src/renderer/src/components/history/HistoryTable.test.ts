// @vitest-environment happy-dom
/** History's list: virtual rows, the columns that fit, keyboard, opening, paging ahead, search. */
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'

import { useHistoryStore } from '../../stores/history'
import { installFakeFlowx, makeSummary, ok, type FakeFlowx } from '../../test/fake-flowx'
import { fakeListLayout } from '../../test/list-layout'
import { historyColumns } from './history-columns'
import HistoryTable from './HistoryTable.vue'

let flowx: FakeFlowx
let listWidth = 800

beforeEach(() => {
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
  listWidth = 800
  fakeListLayout('history-list', 360, () => listWidth)
})
afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

/** `count` launches listed, one more page to come when `more`. */
async function listed(count: number, more = false) {
  const items = Array.from({ length: count }, (_, i) =>
    makeSummary(`r${i}`, {
      startedAt: new Date(Date.UTC(2026, 10, 23, 10, 0, 0) - i * 1000).toISOString(),
      ...(i === 1
        ? { status: 'failed', error: { code: 'VALIDATION', message: 'Bad payload' } }
        : {})
    })
  )
  flowx.history.search.mockResolvedValueOnce(ok({ items, ...(more ? { nextCursor: 'c1' } : {}) }))
  const history = useHistoryStore()
  await history.search()
  const wrapper = mount(HistoryTable, { attachTo: document.body })
  await flushPromises()
  return { history, wrapper }
}

const rows = () => [...document.querySelectorAll<HTMLElement>('[data-testid="history-row"]')]
const list = () => document.querySelector<HTMLElement>('[data-testid="history-list"]')!
const heads = () =>
  [...document.querySelectorAll('[data-testid="history-table"] .fx-vlist-head span')].map(
    (s) => s.textContent
  )

describe('History list', () => {
  it('renders only the rows in view, newest first, with the reason a launch failed and the full time on hover', async () => {
    await listed(500)
    expect(rows().length).toBeLessThan(30)
    expect(rows()[0]?.getAttribute('aria-posinset')).toBe('1')
    expect(rows()[0]?.getAttribute('aria-setsize')).toBe('500')
    const failed = rows()[1]!
    expect(failed.getAttribute('data-status')).toBe('failed')
    expect(failed.querySelector('[data-testid="history-row-reason"]')?.textContent).not.toBe('')
    const time = rows()[0]!.querySelector('time')!
    expect(time.getAttribute('datetime')).toBe('2026-11-23T10:00:00.000Z')
    expect(time.getAttribute('title')).toMatch(/2026/)
    expect(time.getAttribute('title')!.length).toBeGreaterThan(time.textContent!.length)
  })

  it('shows the columns that fit the list', async () => {
    listWidth = 500
    await listed(3)
    expect(heads()).toEqual(['Time', 'Process', 'Status', 'Why'])
    expect(rows()[0]?.children).toHaveLength(4)
    expect(historyColumns(800, 16)).toBe('mid')
    expect(historyColumns(1100, 16)).toBe('wide')
    // At 150 % text, 800 px is 33rem: the narrow set.
    expect(historyColumns(800, 24)).toBe('narrow')
  })

  it('shows nine columns on a wide list', async () => {
    listWidth = 1100
    await listed(3)
    expect(heads()).toEqual([
      'Time',
      'Profile',
      'Mode',
      'Process',
      'Status',
      'Why',
      'Instance',
      'Tokens',
      'Duration'
    ])
    expect(rows()[0]?.children).toHaveLength(9)
  })

  it('moves with the keys from the selected launch and opens one with Enter', async () => {
    const { history } = await listed(50)
    await history.select('r4')
    list().dispatchEvent(new FocusEvent('focus'))
    await nextTick()
    expect(list().getAttribute('aria-activedescendant')).toBe('history-row-r4')
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }))
    await nextTick()
    expect(list().getAttribute('aria-activedescendant')).toBe('history-row-r5')
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }))
    await flushPromises()
    expect(flowx.history.get).toHaveBeenLastCalledWith({ id: 'r5' })
    expect(history.selectedId).toBe('r5')
    const selected = document.getElementById('history-row-r5')
    expect(selected?.getAttribute('aria-selected')).toBe('true')
    expect(selected?.classList.contains('is-selected')).toBe(true)
  })

  it('opens a clicked launch and makes it the active row, from which the keys move on', async () => {
    const { history } = await listed(50)
    rows()[6]!.click()
    await flushPromises()
    expect(history.selectedId).toBe('r6')
    expect(list().getAttribute('aria-activedescendant')).toBe('history-row-r6')
    expect(rows()[6]?.classList.contains('is-active')).toBe(true)
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp' }))
    await nextTick()
    expect(list().getAttribute('aria-activedescendant')).toBe('history-row-r5')
  })

  it('fetches the next page before the end is reached, and says when history ends', async () => {
    await listed(100, true)
    flowx.history.search.mockResolvedValueOnce(
      ok({ items: Array.from({ length: 20 }, (_, i) => makeSummary(`n${i}`)) })
    )
    expect(rows()[0]?.getAttribute('aria-setsize')).toBe('-1')
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'End' }))
    await flushPromises()
    expect(flowx.history.search).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: 'c1' }))
    expect(list().getAttribute('data-count')).toBe('120')
    // The list grew with the page: its height, and the rows past the first page render.
    expect(list().querySelector<HTMLElement>('.fx-vlist-spacer')?.style.height).toBe(
      `${120 * 36}px`
    )
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'End' }))
    await nextTick()
    expect(rows().at(-1)?.getAttribute('aria-posinset')).toBe('120')
    expect(document.querySelector('[data-testid="history-end"]')).not.toBeNull()
    expect(rows()[0]?.getAttribute('aria-setsize')).toBe('120')
  })

  it('goes back to the top with nothing active on a new search', async () => {
    const { history } = await listed(200)
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'End' }))
    await nextTick()
    expect(list().scrollTop).toBeGreaterThan(0)
    history.filters.text = 'loan'
    await nextTick()
    expect(list().scrollTop).toBe(0)
    expect(list().hasAttribute('aria-activedescendant')).toBe(false)
  })
})
