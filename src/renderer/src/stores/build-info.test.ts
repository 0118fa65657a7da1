// @vitest-environment happy-dom
import type { BuildInfoResult } from '@shared/domain'
import type { Result } from '@shared/errors'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import {
  deferred,
  failed,
  installFakeFlowx,
  makeBuildInfo,
  type FakeFlowx
} from '../test/fake-flowx'
import {
  BUILD_INFO_DELAY_MS,
  BUILD_INFO_TTL_MS,
  buildInfoKey,
  useBuildInfoStore
} from './build-info'

let flowx: FakeFlowx
const Q = { profileId: 'p1', workspaceId: 'wks-1', appId: 'app-1' }

beforeEach(() => {
  vi.useFakeTimers()
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
})
afterEach(() => vi.useRealTimers())

describe('build info for the launch form', () => {
  it('waits for the typing to stop, then asks once with the trimmed ids', async () => {
    const store = useBuildInfoStore()
    store.request({ ...Q, appId: 'app' })
    store.request({ ...Q, appId: 'app-1 ' })
    expect(store.loading).toBe(true)
    vi.advanceTimersByTime(BUILD_INFO_DELAY_MS)
    await flushPromises()
    expect(flowx.build.info).toHaveBeenCalledTimes(1)
    expect(flowx.build.info).toHaveBeenCalledWith({
      profileId: 'p1',
      workspaceId: 'wks-1',
      appId: 'app-1'
    })
    expect(store.result?.info.status).toBe('COMMITTED')
    expect(store.loading).toBe(false)
  })

  it('drops the answer to an older question that arrives late', async () => {
    const store = useBuildInfoStore()
    const slow = deferred<Result<BuildInfoResult>>()
    flowx.build.info.mockImplementationOnce(() => slow.promise)
    store.request(Q, { now: true })
    store.request({ ...Q, appId: 'app-2' }, { now: true })
    await flushPromises()
    const second = store.result
    slow.resolve({ ok: true, value: makeBuildInfo({ info: { buildId: 'stale' } }) })
    await flushPromises()
    expect(store.result).toBe(second)
    expect(store.result?.info.buildId).not.toBe('stale')
  })

  it('reuses a recent answer for the same ids, and asks again after it ages or on refresh', async () => {
    const store = useBuildInfoStore()
    store.request(Q, { now: true })
    await flushPromises()
    store.request({ ...Q, appId: 'app-2' }, { now: true })
    await flushPromises()
    store.request(Q)
    expect(store.loading).toBe(false)
    expect(flowx.build.info).toHaveBeenCalledTimes(2)
    store.request(Q, { now: true, refresh: true })
    await flushPromises()
    expect(flowx.build.info).toHaveBeenLastCalledWith({ ...Q, refresh: true })
    vi.advanceTimersByTime(BUILD_INFO_TTL_MS + 1)
    store.request(Q, { now: true })
    await flushPromises()
    expect(flowx.build.info).toHaveBeenCalledTimes(4)
  })

  it("shows FlowX's not-found message, which names the id", async () => {
    flowx.build.info.mockResolvedValueOnce(
      failed({ code: 'NOT_FOUND', message: 'No app app-1 in workspace wks-1.' })
    )
    const store = useBuildInfoStore()
    store.request(Q, { now: true })
    await flushPromises()
    expect(store.error?.message).toContain('app-1')
    expect(store.result).toBeUndefined()
  })

  it('does not ask while the app id is empty or holds a {{variable}}', () => {
    expect(buildInfoKey({ ...Q, appId: '' })).toBeUndefined()
    expect(buildInfoKey({ ...Q, appId: '{{appId}}' })).toBeUndefined()
    expect(buildInfoKey({ ...Q, workspaceId: '' })).toBe('p1||app-1')
    const store = useBuildInfoStore()
    store.request({ ...Q, appId: '' })
    vi.advanceTimersByTime(BUILD_INFO_DELAY_MS)
    expect(flowx.build.info).not.toHaveBeenCalled()
  })
})
