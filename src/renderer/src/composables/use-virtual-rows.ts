/* global HTMLElement, KeyboardEvent, ResizeObserver, ResizeObserverEntry */
/**
 * A virtual list of fixed-height rows (History, a batch run's rows): only the rows in view and a
 * small margin are rendered, so 100,000 rows scroll as lightly as 100. The row height is in rem,
 * so Text size scales it. The list's markup is one component, components/app/VirtualList.vue
 * (tables give it their rows through its `row` slot), and its look is virtual-rows.css:
 *
 *   <div ref="scroller" class="fx-vlist" role="listbox" :style="list.style" @scroll.passive=…>
 *     <div class="fx-vlist-spacer" :style="list.spacerStyle" />
 *     <div class="fx-vlist-rows" :style="list.windowStyle">
 *       <slot v-for="slot in list.slots" :key="slot.key" name="row" …>   (each a .fx-vrow)
 *
 * The rendered rows sit in one block placed by one transform, beside an empty spacer that gives
 * the scroll height: a page arriving below changes the spacer's height and lays out no row, and a
 * scroll moves one element. Each row keeps its place in the window (its slot): as the list
 * scrolls, a slot shows another row (its text changes in place, see v-cell), and no element is
 * created, moved or removed. Scroll is read once per frame.
 *
 * Keyboard: ↑/↓, PageUp/PageDown, Home/End move the active row (aria-activedescendant); Enter or
 * Space opens it.
 */
import {
  computed,
  type Directive,
  nextTick,
  onBeforeUnmount,
  onMounted,
  ref,
  watch,
  type ComputedRef,
  type Ref,
  type ShallowRef
} from 'vue'

import { listKeyTarget, scrollToRow } from '../lib/list-keys'
import './virtual-rows.css'

/** Row height, in rem. */
export const ROW_REM = 2.25
/** Rows rendered beyond the viewport on either side. */
export const OVERSCAN_ROWS = 2

export interface RowSlot<T> {
  /** The slot: the row's place in the window. The same DOM serves the rows passing through it. */
  key: number
  index: number
  row: T
}

export interface RowWindow {
  start: number
  end: number
  /** Slots in the window: a constant for a viewport. */
  size: number
}

/**
 * The rows [start, end) to render: the viewport and `overscan` rows either side. `size` slots at
 * most; fewer at the end of the list (the rows below it are not loaded yet, or do not exist).
 */
export function rowWindow(
  scrollTop: number,
  viewport: number,
  rowPx: number,
  count: number,
  overscan = OVERSCAN_ROWS
): RowWindow {
  if (count <= 0 || rowPx <= 0) return { start: 0, end: 0, size: 1 }
  const size = Math.max(1, Math.ceil(Math.max(0, viewport) / rowPx) + 1 + 2 * overscan)
  const first = Math.floor(Math.max(0, scrollTop) / rowPx)
  const start = Math.max(0, Math.min(first - overscan, count - 1))
  return { start, end: Math.min(count, start + size), size }
}

/**
 * The slots for a window. The previous array comes back when the same rows are in the same
 * slots (a page appended below the window, a scroll within a row), so nothing re-renders.
 */
export function rowSlots<T>(
  win: RowWindow,
  list: readonly T[],
  prev?: readonly RowSlot<T>[]
): RowSlot<T>[] {
  const { start, end } = win
  if (
    prev &&
    prev.length === end - start &&
    prev.every((slot, i) => slot.index === start + i && slot.row === list[start + i])
  )
    return prev as RowSlot<T>[]
  const out: RowSlot<T>[] = []
  for (let i = start; i < end; i++) out.push({ key: i - start, index: i, row: list[i] as T })
  return out
}

/**
 * `v-cell="text"`: a cell's text, changed in place (its text node's data) when its slot shows
 * another row. Vue's `{{ text }}` as an element's only child replaces the text node each time,
 * which rebuilds its layout object; a reused row changes most of its cells at every scroll.
 */
export const vCell: Directive<HTMLElement, string | number | null | undefined> = {
  mounted(el, { value }) {
    el.textContent = String(value ?? '')
  },
  updated(el, { value }) {
    const text = String(value ?? '')
    const node = el.firstChild
    if (node && node.nodeType === 3 && !node.nextSibling) {
      if ((node as Text).data !== text) (node as Text).data = text
    } else el.textContent = text
  }
}

export interface VirtualRowsOptions<T> {
  /** The rows (a shallow list is enough: rows are compared by identity). */
  items: () => readonly T[]
  /** Text size, in percent of the default (rem scales with it). */
  textSize: () => number
  /** Enter or Space on the active row. */
  open?: (index: number) => void
  /** The row that focus lands on when no row is active (default the first). */
  focusIndex?: () => number
  /** After the rows in view change (scroll, keys, new rows): e.g. to fetch the next page. */
  onRange?: (win: RowWindow) => void
  overscan?: number
}

export interface VirtualRows<T> {
  /** Row height in px at the current text size. */
  rowPx: ComputedRef<number>
  /** 1rem in px at the current text size. */
  remPx: ComputedRef<number>
  /** The list's width in px (its border box), for columns that give way as it narrows. */
  width: Ref<number>
  range: ComputedRef<RowWindow>
  slots: ComputedRef<RowSlot<T>[]>
  /** The active row's index (keyboard), -1 for none. */
  active: Ref<number>
  /** For the list element: the row height as a custom property. */
  style: ComputedRef<string>
  /** For the spacer: the whole list's height. */
  spacerStyle: ComputedRef<string>
  /** For the block of rendered rows: where its first row is. */
  windowStyle: ComputedRef<string>
  onScroll: () => void
  onKeydown: (event: KeyboardEvent) => void
  onFocus: () => void
  moveTo: (index: number) => void
  /** Back to the top, nothing active (a new search or filter). */
  reset: () => void
}

/** What components/app/VirtualList.vue gives its table through a template ref. */
export interface VirtualListHandle {
  /** The list's width in px (its border box), 0 until it is measured. */
  readonly width: number
  /** 1rem in px at the current text size. */
  readonly remPx: number
  /** The active row's index (keyboard), -1 for none. */
  active: number
  /** Back to the top, nothing active (a new search or filter). */
  reset: () => void
}

export function useVirtualRows<T>(
  scroller: Readonly<ShallowRef<HTMLElement | null>>,
  options: VirtualRowsOptions<T>
): VirtualRows<T> {
  const overscan = options.overscan ?? OVERSCAN_ROWS
  const remPx = computed(() => 16 * (options.textSize() / 100))
  const rowPx = computed(() => Math.round(ROW_REM * remPx.value))
  const scrollTop = ref(0)
  const viewport = ref(0)
  const width = ref(0)
  const active = ref(-1)

  // The same rows in view give back the same window, so nothing downstream re-renders.
  const range = computed<RowWindow>((prev) => {
    const next = rowWindow(
      scrollTop.value,
      viewport.value,
      rowPx.value,
      options.items().length,
      overscan
    )
    return prev && next.start === prev.start && next.end === prev.end && next.size === prev.size
      ? prev
      : next
  })
  const slots = computed<RowSlot<T>[]>((prev) => rowSlots(range.value, options.items(), prev))
  const style = computed(() => `--fx-vrow-h: ${rowPx.value}px`)
  const spacerStyle = computed(() => `height: ${options.items().length * rowPx.value}px`)
  const windowStyle = computed(() => `transform: translateY(${range.value.start * rowPx.value}px)`)

  const notify = (): void => options.onRange?.(range.value)
  watch(range, notify)

  /** Scroll events are read once per frame: the list renders at most once per frame. */
  let frame = 0
  function onScroll(): void {
    if (frame) return
    frame = window.requestAnimationFrame(() => {
      frame = 0
      const el = scroller.value
      if (el) scrollTop.value = el.scrollTop
    })
  }

  function moveTo(index: number): void {
    active.value = index
    const el = scroller.value
    if (!el) return
    const top = scrollToRow(index, el.scrollTop, el.clientHeight, rowPx.value)
    if (top !== el.scrollTop) {
      el.scrollTop = top
      scrollTop.value = top
    }
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return
    const count = options.items().length
    if (event.key === 'Enter' || event.key === ' ') {
      if (active.value < 0 || active.value >= count || !options.open) return
      event.preventDefault()
      options.open(active.value)
      return
    }
    const pageRows = Math.max(1, Math.floor(viewport.value / rowPx.value) - 1)
    const next = listKeyTarget(event.key, active.value, count, pageRows)
    if (next === undefined) return
    event.preventDefault()
    moveTo(next)
  }

  /** Focus lands on the active row, or the one the list names (the first by default). */
  function onFocus(): void {
    const count = options.items().length
    if (!count || (active.value >= 0 && active.value < count)) return
    const at = options.focusIndex?.() ?? 0
    moveTo(at >= 0 && at < count ? at : 0)
  }

  function reset(): void {
    active.value = -1
    if (scroller.value) scroller.value.scrollTop = 0
    scrollTop.value = 0
  }

  let observer: ResizeObserver | undefined
  const measure = (el: HTMLElement, entry?: ResizeObserverEntry): void => {
    viewport.value = el.clientHeight
    width.value = entry?.borderBoxSize?.[0]?.inlineSize ?? el.offsetWidth
  }
  onMounted(() => {
    const el = scroller.value
    if (!el) return
    measure(el)
    if (typeof ResizeObserver === 'undefined') return
    observer = new ResizeObserver((entries) => measure(el, entries[0]))
    observer.observe(el)
  })
  onBeforeUnmount(() => {
    observer?.disconnect()
    if (frame) window.cancelAnimationFrame(frame)
  })

  // At a new text size the row height changes: keep the same row at the top.
  watch(rowPx, async (next, before) => {
    const el = scroller.value
    if (!el || !before) return
    const first = el.scrollTop / before
    await nextTick()
    el.scrollTop = first * next
    scrollTop.value = el.scrollTop
  })

  return {
    rowPx,
    remPx,
    width,
    range,
    slots,
    active,
    style,
    spacerStyle,
    windowStyle,
    onScroll,
    onKeydown,
    onFocus,
    moveTo,
    reset
  }
}
