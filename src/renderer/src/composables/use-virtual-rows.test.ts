// @vitest-environment happy-dom
/* eslint-disable vue/one-component-per-file -- small test components, one per case */
/** The virtual list shared by History and a batch run's rows: window, slots, scroll and keys. */
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref, shallowRef, useTemplateRef, withDirectives } from 'vue'

import { fakeListLayout } from '../test/list-layout'
import { rowSlots, rowWindow, useVirtualRows, vCell, type RowWindow } from './use-virtual-rows'

describe('the window of rows to render', () => {
  it('covers the viewport and a margin either side, in a constant number of slots', () => {
    // 360 px of 36 px rows: 10 in view, one more for a partial row, 3 either side.
    expect(rowWindow(0, 360, 36, 100_000, 3)).toEqual({ start: 0, end: 17, size: 17 })
    expect(rowWindow(36 * 1000, 360, 36, 100_000, 3)).toEqual({ start: 997, end: 1014, size: 17 })
    expect(rowWindow(36 * 1000 + 20, 360, 36, 100_000, 3).start).toBe(997)
  })

  it('stops at the last row, and renders nothing for an empty list', () => {
    expect(rowWindow(36 * 95, 360, 36, 100, 3)).toEqual({ start: 92, end: 100, size: 17 })
    expect(rowWindow(0, 360, 36, 5, 3)).toEqual({ start: 0, end: 5, size: 17 })
    expect(rowWindow(0, 360, 36, 0)).toEqual({ start: 0, end: 0, size: 1 })
    // A scroll position past the end (the list just shrank) still shows its last row.
    expect(rowWindow(36 * 5000, 360, 36, 100, 3)).toEqual({ start: 99, end: 100, size: 17 })
  })
})

describe('slots', () => {
  const list = Array.from({ length: 50 }, (_, i) => ({ n: i }))

  it('keeps each slot at its place in the window, so a scroll changes what slots show, not which exist', () => {
    const slots = rowSlots({ start: 3, end: 8, size: 5 }, list)
    expect(slots.map((s) => [s.key, s.index])).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
      [3, 6],
      [4, 7]
    ])
    const next = rowSlots({ start: 4, end: 9, size: 5 }, list, slots)
    expect(next.map((s) => [s.key, s.index])).toEqual([
      [0, 4],
      [1, 5],
      [2, 6],
      [3, 7],
      [4, 8]
    ])
    expect(next[4]?.row).toBe(list[8])
  })

  it('returns the same array when the same rows are in the same places (a page arrived below)', () => {
    const win: RowWindow = { start: 0, end: 5, size: 5 }
    const slots = rowSlots(win, list)
    expect(rowSlots({ ...win }, [...list, { n: 50 }], slots)).toBe(slots)
    const changed = list.slice()
    changed[2] = { n: 2 }
    expect(rowSlots({ ...win }, changed, slots)).not.toBe(slots)
  })
})

describe('v-cell', () => {
  it('changes the text of the same text node when the value changes', async () => {
    const text = ref<string | number>('first')
    const Cell = defineComponent({
      setup: () => () => withDirectives(h('span', { 'data-testid': 'cell' }), [[vCell, text.value]])
    })
    const wrapper = mount(Cell)
    const el = wrapper.get('[data-testid="cell"]').element
    const node = el.firstChild
    expect(el.textContent).toBe('first')
    text.value = 42
    await nextTick()
    expect(el.textContent).toBe('42')
    expect(el.firstChild).toBe(node)
  })
})

/** A list of `count` rows 36 px high in a 360 px viewport (2 rows of margin), rendered with the composable. */
async function renderList(
  count: number,
  options: { onOpen?: (i: number) => void; focusAt?: number } = {}
) {
  const items = shallowRef(Array.from({ length: count }, (_, i) => ({ id: `r${i}` })))
  const ranges: RowWindow[] = []
  let api!: ReturnType<typeof useVirtualRows<{ id: string }>>
  const List = defineComponent({
    setup() {
      const scroller = useTemplateRef<HTMLElement>('scroller')
      api = useVirtualRows(scroller, {
        items: () => items.value,
        textSize: () => 100,
        open: options.onOpen,
        focusIndex: () => options.focusAt ?? 0,
        onRange: (win) => ranges.push(win)
      })
      return () =>
        h(
          'div',
          {
            ref: 'scroller',
            class: 'fx-vlist',
            tabindex: 0,
            style: api.style.value,
            'data-testid': 'list',
            onScroll: api.onScroll,
            onKeydown: api.onKeydown,
            onFocus: api.onFocus
          },
          [
            h(
              'div',
              { 'data-testid': 'rows', style: api.windowStyle.value },
              api.slots.value.map((slot) =>
                h('div', { key: slot.key, 'data-testid': 'row', 'data-index': slot.index })
              )
            )
          ]
        )
    }
  })
  const wrapper = mount(List, { attachTo: document.body })
  // The list measures its viewport once mounted, and renders the rows that fill it.
  await nextTick()
  ranges.length = 0
  return { wrapper, items, ranges, api: () => api }
}

const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()))

describe('a virtual list', () => {
  beforeEach(() => fakeListLayout('list', 360, () => 600))
  afterEach(() => {
    vi.restoreAllMocks()
    document.body.innerHTML = ''
  })

  const indexes = (wrapper: Awaited<ReturnType<typeof renderList>>['wrapper']): number[] =>
    wrapper.findAll('[data-testid="row"]').map((r) => Number(r.attributes('data-index')))

  it('renders only the rows in view and a margin, placed together by one transform', async () => {
    const { wrapper, api } = await renderList(10_000)
    expect(indexes(wrapper)).toEqual(Array.from({ length: 15 }, (_, i) => i))
    expect(wrapper.get('[data-testid="rows"]').attributes('style')).toContain('translateY(0px)')
    expect(api().width.value).toBe(600)
    expect(wrapper.get('[data-testid="list"]').attributes('style')).toContain('--fx-vrow-h: 36px')
  })

  it('follows the scroll once per frame', async () => {
    const { wrapper, ranges } = await renderList(10_000)
    const list = wrapper.get('[data-testid="list"]').element as HTMLElement
    list.scrollTop = 36 * 500
    list.dispatchEvent(new Event('scroll'))
    list.dispatchEvent(new Event('scroll'))
    await frame()
    await nextTick()
    expect(indexes(wrapper)[0]).toBe(498)
    expect(indexes(wrapper)).toContain(510)
    expect(wrapper.get('[data-testid="rows"]').attributes('style')).toContain(
      `translateY(${498 * 36}px)`
    )
    expect(ranges.at(-1)).toMatchObject({ start: 498, end: 513 })
    expect(ranges).toHaveLength(1)
  })

  it('moves with the arrow keys, PageDown, End and Home, and opens the active row with Enter', async () => {
    const opened: number[] = []
    const { wrapper, api } = await renderList(1_000, { onOpen: (i) => opened.push(i), focusAt: 3 })
    const list = wrapper.get('[data-testid="list"]')
    await list.trigger('focus')
    expect(api().active.value).toBe(3)
    await list.trigger('keydown', { key: 'ArrowDown' })
    expect(api().active.value).toBe(4)
    await list.trigger('keydown', { key: 'PageDown' })
    expect(api().active.value).toBe(13)
    await list.trigger('keydown', { key: 'End' })
    expect(api().active.value).toBe(999)
    // The list scrolled to show the last row, and renders it.
    expect((list.element as HTMLElement).scrollTop).toBe(1000 * 36 - 360)
    expect(indexes(wrapper)).toContain(999)
    await list.trigger('keydown', { key: 'Enter' })
    expect(opened).toEqual([999])
    await list.trigger('keydown', { key: 'Home' })
    expect(api().active.value).toBe(0)
    expect((list.element as HTMLElement).scrollTop).toBe(0)
    // Keys with a modifier belong to the app's shortcuts.
    await list.trigger('keydown', { key: 'ArrowDown', ctrlKey: true })
    expect(api().active.value).toBe(0)
  })

  it('starts over at the top with nothing active after reset', async () => {
    const { wrapper, api } = await renderList(1_000)
    const list = wrapper.get('[data-testid="list"]')
    await list.trigger('keydown', { key: 'End' })
    api().reset()
    await nextTick()
    expect(api().active.value).toBe(-1)
    expect((list.element as HTMLElement).scrollTop).toBe(0)
    expect(indexes(wrapper)[0]).toBe(0)
  })

  it('keeps the slots when rows are appended below the window', async () => {
    const { wrapper, items, api } = await renderList(100)
    const before = api().slots.value
    items.value = [...items.value, ...Array.from({ length: 100 }, (_, i) => ({ id: `n${i}` }))]
    await nextTick()
    expect(api().slots.value).toBe(before)
    expect(indexes(wrapper)).toHaveLength(15)
  })
})
