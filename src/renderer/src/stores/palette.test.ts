// @vitest-environment happy-dom
import type { HistoryPage } from '@shared/domain'
import type { Result } from '@shared/errors'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { registerPaletteAction } from '../lib/palette-actions'
import {
  deferred,
  installFakeFlowx,
  makeProfile,
  makeSummary,
  ok,
  type FakeFlowx
} from '../test/fake-flowx'
import { HISTORY_SEARCH_DELAY_MS, usePaletteStore } from './palette'
import { useProfilesStore } from './profiles'

let flowx: FakeFlowx
const removers: (() => void)[] = []

beforeEach(async () => {
  localStorage.clear()
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
  flowx.profiles.list.mockResolvedValue(
    ok([makeProfile({ id: 'p1', name: 'Staging' }), makeProfile({ id: 'p2', name: 'Dev' })])
  )
  await useProfilesStore().load('p1')
})
afterEach(() => {
  removers.splice(0).forEach((r) => r())
  vi.useRealTimers()
})

function titles(): string[] {
  return usePaletteStore().ranked.map((r) => r.item.title)
}

describe('command palette', () => {
  it('lists registered actions that can run, and forgets them when removed', () => {
    let can = false
    removers.push(registerPaletteAction({ id: 't.a', title: 'Toggle demo mode', run: () => {} }))
    const remove = registerPaletteAction({
      id: 't.b',
      title: 'Send the launch',
      enabled: () => can,
      run: () => {}
    })
    const palette = usePaletteStore()
    palette.show()
    expect(titles()).toContain('Toggle demo mode')
    expect(titles()).not.toContain('Send the launch')
    can = true
    palette.setQuery('send')
    expect(titles()[0]).toBe('Send the launch')
    remove()
    palette.setQuery('send')
    expect(titles()).not.toContain('Send the launch')
  })

  it('finds environments and saved launches by fuzzy match, and runs the chosen one', async () => {
    const palette = usePaletteStore()
    palette.show()
    await flushPromises()
    palette.setQuery('dev')
    expect(titles()[0]).toBe('Switch to Dev')
    await palette.choose(palette.ranked[0].item)
    await flushPromises()
    expect(flowx.profiles.setActive).toHaveBeenCalledWith({ id: 'p2' })
    expect(palette.open).toBe(false)
    palette.setQuery('new cust')
    expect(titles()).toContain('Open New customer')
  })

  it('puts what was picked recently first, also after a restart', async () => {
    removers.push(registerPaletteAction({ id: 't.z', title: 'Zebra action', run: () => {} }))
    const palette = usePaletteStore()
    palette.show()
    const zebra = palette.ranked.find((r) => r.item.title === 'Zebra action')!
    await palette.choose(zebra.item)
    setActivePinia(createPinia())
    await useProfilesStore().load('p1')
    usePaletteStore().show()
    expect(titles()[0]).toBe('Zebra action')
  })

  it('searches the history from three characters, and drops an older answer', async () => {
    vi.useFakeTimers()
    const palette = usePaletteStore()
    palette.show()
    palette.setQuery('3f')
    vi.advanceTimersByTime(HISTORY_SEARCH_DELAY_MS)
    expect(flowx.history.search).not.toHaveBeenCalled()
    const slow = deferred<Result<HistoryPage>>()
    flowx.history.search.mockImplementationOnce(() => slow.promise)
    palette.setQuery('3f1c')
    vi.advanceTimersByTime(HISTORY_SEARCH_DELAY_MS)
    flowx.history.search.mockResolvedValueOnce(
      ok({ items: [makeSummary('r2', { processName: 'loan request' })] })
    )
    palette.setQuery('3f1c2a')
    vi.advanceTimersByTime(HISTORY_SEARCH_DELAY_MS)
    await flushPromises()
    slow.resolve(ok({ items: [makeSummary('old', { processName: 'stale' })] }))
    await flushPromises()
    expect(flowx.history.search).toHaveBeenLastCalledWith({ text: '3f1c2a', limit: 8 })
    expect(titles()).toContain('loan request on Staging')
    expect(titles()).not.toContain('stale on Staging')
  })
})
