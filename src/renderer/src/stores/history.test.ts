// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isReactive, watchEffect } from 'vue'

import { failed, installFakeFlowx, makeSummary, ok, type FakeFlowx } from '../test/fake-flowx'
import {
  HISTORY_MAX_PAGE_SIZE,
  HISTORY_PAGE_SIZE,
  HISTORY_SEARCH_DELAY_MS,
  queryOf,
  useHistoryStore
} from './history'

let flowx: FakeFlowx

beforeEach(() => {
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
})
afterEach(() => vi.useRealTimers())

describe('history store', () => {
  it('pages through the ledger with the cursor main hands back', async () => {
    flowx.history.search
      .mockResolvedValueOnce(ok({ items: [makeSummary('a'), makeSummary('b')], nextCursor: 'c1' }))
      .mockResolvedValueOnce(ok({ items: [makeSummary('c')], nextCursor: 'c2' }))
      .mockResolvedValueOnce(ok({ items: [makeSummary('d')] }))
    const history = useHistoryStore()

    await history.search()
    expect(history.items.map((i) => i.id)).toEqual(['a', 'b'])
    expect(history.hasMore).toBe(true)

    await history.loadMore()
    await history.loadMore()
    expect(history.items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd'])
    expect(history.hasMore).toBe(false)
    expect(
      flowx.history.search.mock.calls.map((c) => (c[0] as { cursor?: string }).cursor)
    ).toEqual([undefined, 'c1', 'c2'])

    await history.loadMore()
    expect(flowx.history.search).toHaveBeenCalledTimes(3)
  })

  it('searches again, from the first page, once typing stops', async () => {
    vi.useFakeTimers()
    const history = useHistoryStore()
    history.filters.text = '3f1c'
    history.filters.status = 'failed'
    await flushPromises()
    expect(flowx.history.search).not.toHaveBeenCalled()
    vi.advanceTimersByTime(HISTORY_SEARCH_DELAY_MS)
    expect(flowx.history.search).toHaveBeenCalledTimes(1)
    expect(flowx.history.search).toHaveBeenCalledWith({
      limit: HISTORY_PAGE_SIZE,
      text: '3f1c',
      status: 'failed'
    })
  })

  it('turns the date range into an inclusive-from, exclusive-to ISO window', () => {
    const from = new Date(2026, 10, 20).getTime()
    const to = new Date(2026, 10, 22).getTime()
    const q = queryOf({
      profileId: 'p1',
      processName: ' loan ',
      status: null,
      text: '',
      ticket: ' SUP-42 ',
      range: [from, to]
    })
    expect(q).toEqual({
      limit: HISTORY_PAGE_SIZE,
      profileId: 'p1',
      processName: 'loan',
      ticket: 'SUP-42',
      from: new Date(2026, 10, 20).toISOString(),
      to: new Date(2026, 10, 23).toISOString()
    })
  })

  it('ignores an older search that answers after a newer one', async () => {
    const history = useHistoryStore()
    let answerFirst!: () => void
    flowx.history.search.mockImplementationOnce(
      () =>
        new Promise((resolve) => (answerFirst = () => resolve(ok({ items: [makeSummary('old')] }))))
    )
    flowx.history.search.mockResolvedValueOnce(ok({ items: [makeSummary('new')] }))
    const first = history.search()
    await history.search()
    answerFirst()
    await first
    expect(history.items.map((i) => i.id)).toEqual(['new'])
  })

  it('loads the selected record and keeps a failure typed', async () => {
    const history = useHistoryStore()
    await history.select('rec9')
    expect(flowx.history.get).toHaveBeenCalledWith({ id: 'rec9' })
    expect(history.selected?.id).toBe('rec9')

    flowx.history.get.mockResolvedValueOnce(failed({ code: 'RECORD_NOT_FOUND', message: 'Gone.' }))
    await history.select('missing')
    expect(history.selected).toBeUndefined()
    expect(history.detailError?.code).toBe('RECORD_NOT_FOUND')
  })

  it('keeps a search failure as a typed error', async () => {
    flowx.history.search.mockResolvedValueOnce(
      failed({ code: 'INTERNAL', message: 'The ledger is locked.' })
    )
    const history = useHistoryStore()
    await history.search()
    expect(history.error).toEqual({ code: 'INTERNAL', message: 'The ledger is locked.' })
    expect(history.loading).toBe(false)
  })

  it('appends a page in place, skipping rows it already lists, and tells the view', async () => {
    flowx.history.search
      .mockResolvedValueOnce(ok({ items: [makeSummary('a'), makeSummary('b')], nextCursor: 'c1' }))
      .mockResolvedValueOnce(ok({ items: [makeSummary('b'), makeSummary('c')] }))
    const history = useHistoryStore()
    await history.search()
    const list = history.items
    let renders = 0
    const stop = watchEffect(() => {
      renders += history.items.length >= 0 ? 1 : 0
    })
    await history.loadMore()
    stop()
    expect(history.items).toBe(list)
    expect(history.items.map((i) => i.id)).toEqual(['a', 'b', 'c'])
    expect(renders).toBe(2)
    expect(isReactive(history.items[0])).toBe(false)
  })

  it('clears the selection when a search no longer lists the selected launch', async () => {
    flowx.history.search
      .mockResolvedValueOnce(ok({ items: [makeSummary('a')] }))
      .mockResolvedValueOnce(ok({ items: [makeSummary('a')] }))
      .mockResolvedValueOnce(ok({ items: [] }))
    const history = useHistoryStore()
    await history.search()
    await history.select('a')
    await history.search()
    expect(history.selectedId).toBe('a')
    await history.search()
    expect(history.selectedId).toBeUndefined()
    expect(history.selected).toBeUndefined()
  })

  it('asks for larger pages as the user keeps scrolling, and starts small again on a search', async () => {
    const page = (id: string, cursor?: string) =>
      ok({ items: [makeSummary(id)], ...(cursor ? { nextCursor: cursor } : {}) })
    flowx.history.search
      .mockResolvedValueOnce(page('a', 'c1'))
      .mockResolvedValueOnce(page('b', 'c2'))
      .mockResolvedValueOnce(page('c', 'c3'))
      .mockResolvedValueOnce(page('d', 'c4'))
      .mockResolvedValueOnce(page('e', 'c5'))
      .mockResolvedValueOnce(page('f'))
    const history = useHistoryStore()
    await history.search()
    for (let i = 0; i < 4; i++) await history.loadMore()
    await history.search()
    const limits = flowx.history.search.mock.calls.map((c) => (c[0] as { limit?: number }).limit)
    expect(limits).toEqual([
      HISTORY_PAGE_SIZE,
      HISTORY_PAGE_SIZE * 2,
      HISTORY_PAGE_SIZE * 4,
      HISTORY_MAX_PAGE_SIZE,
      HISTORY_MAX_PAGE_SIZE,
      HISTORY_PAGE_SIZE
    ])
  })
})
