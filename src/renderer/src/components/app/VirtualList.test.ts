// @vitest-environment happy-dom
/**
 * The virtual list History and a batch run's rows share: the listbox, only the rows in view
 * rendered through the row slot, scroll, keys, the empty state, text size and what the table
 * reads through its template ref.
 */
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, shallowRef, triggerRef, useTemplateRef } from 'vue'

import type { RowWindow, VirtualListHandle } from '../../composables/use-virtual-rows'
import { useSettingsStore } from '../../stores/settings'
import { fakeListLayout } from '../../test/list-layout'
import VirtualList from './VirtualList.vue'

interface Item {
  id: string
  label: string
}

const makeItems = (count: number): Item[] =>
  Array.from({ length: count }, (_, i) => ({ id: `r${i}`, label: `Row ${i}` }))

/** A table around the list: `count` items, 36 px rows in a 360 px viewport (2 rows of margin). */
async function renderList(count: number, focusAt?: number) {
  const items = shallowRef(makeItems(count))
  const opened: number[] = []
  const ranges: RowWindow[] = []
  let handle!: () => VirtualListHandle | null
  const Table = defineComponent({
    setup() {
      const list = useTemplateRef<VirtualListHandle>('list')
      handle = () => list.value
      return () =>
        h(
          VirtualList<Item>,
          {
            ref: 'list',
            items: () => items.value,
            rowId: (row: Item) => `item-${row.id}`,
            focusIndex: focusAt === undefined ? undefined : () => focusAt,
            'aria-label': 'Things',
            'data-testid': 'list',
            onOpen: (index: number) => opened.push(index),
            onRange: (win: RowWindow) => ranges.push(win)
          },
          {
            row: ({ row, index, active }: { row: Item; index: number; active: boolean }) =>
              h(
                'div',
                {
                  id: `item-${row.id}`,
                  role: 'option',
                  class: ['fx-vrow', { 'is-active': active }],
                  'data-testid': 'row',
                  'data-index': index
                },
                row.label
              ),
            empty: () => h('p', { 'data-testid': 'empty' }, 'Nothing yet.')
          }
        )
    }
  })
  const wrapper = mount(Table, { attachTo: document.body })
  // The list measures its viewport once mounted, and renders the rows that fill it.
  await nextTick()
  ranges.length = 0
  return { wrapper, items, opened, ranges, handle: () => handle()! }
}

const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()))
const list = () => document.querySelector<HTMLElement>('[data-testid="list"]')!
const rows = () => [...document.querySelectorAll<HTMLElement>('[data-testid="row"]')]
const indexes = (): number[] => rows().map((r) => Number(r.dataset.index))

beforeEach(() => {
  setActivePinia(createPinia())
  fakeListLayout('list', 360, () => 600)
})
afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('the virtual list', () => {
  it('is one focusable listbox carrying the table’s label and test id', async () => {
    await renderList(3)
    const el = list()
    expect(el.getAttribute('role')).toBe('listbox')
    expect(el.classList.contains('fx-vlist')).toBe(true)
    expect(el.getAttribute('aria-label')).toBe('Things')
    expect(el.getAttribute('tabindex')).toBe('0')
    expect(el.hasAttribute('aria-activedescendant')).toBe(false)
    const [spacer, block] = [...el.children] as HTMLElement[]
    expect(spacer?.className).toBe('fx-vlist-spacer')
    expect(spacer?.getAttribute('role')).toBe('presentation')
    expect(block?.className).toBe('fx-vlist-rows')
    // The rows are the block's own children: no element between them and the list.
    expect([...block!.children].every((r) => r.getAttribute('role') === 'option')).toBe(true)
  })

  it('renders only the rows in view, each through the row slot with its row and index', async () => {
    const { handle } = await renderList(10_000)
    expect(indexes()).toEqual(Array.from({ length: 15 }, (_, i) => i))
    expect(rows()[4]?.textContent).toBe('Row 4')
    expect(list().getAttribute('style')).toContain('--fx-vrow-h: 36px')
    expect(list().querySelector<HTMLElement>('.fx-vlist-spacer')?.style.height).toBe('360000px')
    expect(handle().width).toBe(600)
    expect(handle().remPx).toBe(16)
  })

  it('follows the scroll with the same row elements showing other rows', async () => {
    const { ranges } = await renderList(10_000)
    const before = rows()
    list().scrollTop = 36 * 500
    list().dispatchEvent(new Event('scroll'))
    await frame()
    await nextTick()
    expect(indexes()[0]).toBe(498)
    expect(rows()[2]?.textContent).toBe('Row 500')
    expect(list().querySelector<HTMLElement>('.fx-vlist-rows')?.style.transform).toBe(
      `translateY(${498 * 36}px)`
    )
    expect(rows()).toEqual(before)
    expect(ranges).toEqual([{ start: 498, end: 513, size: 15 }])
  })

  it('moves the active row with the keys from the row it names, and opens it with Enter', async () => {
    const { opened, handle } = await renderList(100, 3)
    list().dispatchEvent(new FocusEvent('focus'))
    await nextTick()
    expect(list().getAttribute('aria-activedescendant')).toBe('item-r3')
    expect(document.getElementById('item-r3')?.classList.contains('is-active')).toBe(true)
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }))
    await nextTick()
    expect(list().getAttribute('aria-activedescendant')).toBe('item-r4')
    expect(document.getElementById('item-r3')?.classList.contains('is-active')).toBe(false)
    expect(document.getElementById('item-r4')?.classList.contains('is-active')).toBe(true)
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }))
    expect(opened).toEqual([4])
    // The table can make a clicked row the active one.
    handle().active = 7
    await nextTick()
    expect(list().getAttribute('aria-activedescendant')).toBe('item-r7')
  })

  it('starts over at the top with nothing active on reset', async () => {
    const { handle } = await renderList(1_000)
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'End' }))
    await nextTick()
    expect(indexes()).toContain(999)
    handle().reset()
    await nextTick()
    expect(list().scrollTop).toBe(0)
    expect(list().hasAttribute('aria-activedescendant')).toBe(false)
    expect(indexes()[0]).toBe(0)
  })

  it('follows a list that grows in place, as a page of History is appended', async () => {
    const { items } = await renderList(5)
    expect(indexes()).toEqual([0, 1, 2, 3, 4])
    items.value.push(...makeItems(40).slice(5))
    triggerRef(items)
    await nextTick()
    expect(list().querySelector<HTMLElement>('.fx-vlist-spacer')?.style.height).toBe('1440px')
    expect(indexes()).toEqual(Array.from({ length: 15 }, (_, i) => i))
  })

  it('shows the empty slot, and is not a tab stop, when there are no rows', async () => {
    const { items } = await renderList(0)
    expect(document.querySelector('[data-testid="empty"]')?.textContent).toBe('Nothing yet.')
    expect(list().querySelector('.fx-vlist-rows')).toBeNull()
    expect(list().getAttribute('tabindex')).toBe('-1')
    items.value = makeItems(2)
    await nextTick()
    expect(document.querySelector('[data-testid="empty"]')).toBeNull()
    expect(indexes()).toEqual([0, 1])
  })

  it('sizes its rows with the text size', async () => {
    const { handle } = await renderList(100)
    const settings = useSettingsStore()
    settings.settings = { ...settings.settings, textSize: 150 }
    await nextTick()
    expect(list().getAttribute('style')).toContain('--fx-vrow-h: 54px')
    expect(handle().remPx).toBe(24)
  })
})
