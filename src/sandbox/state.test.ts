import { describe, expect, it } from 'vitest'

import { DEFAULT_FIXTURE } from './fixture'
import { MAX_LOGGED, SandboxState } from './state'
import type { RecordedRequest } from './types'

function newState(): SandboxState {
  return new SandboxState(DEFAULT_FIXTURE, {
    mountRoot: true,
    requirePlatformHeader: false,
    strictRawBrackets: false,
    legacyErrors: false,
    control: false,
    redact: false
  })
}

function entry(n: number): RecordedRequest {
  const rawPath = `/${n}`
  return {
    method: 'GET',
    rawPath,
    query: '',
    segments: [String(n)],
    headers: {},
    body: '',
    bodyBytes: 0,
    time: n
  }
}

describe('SandboxState', () => {
  it('keeps the latest entries of the log and still counts every request', async () => {
    const state = newState()
    const waiting = state.waitForRequests(MAX_LOGGED + 5)
    for (let n = 0; n < MAX_LOGGED + 5; n++) state.record(entry(n))
    const log = await waiting
    expect(log).toHaveLength(MAX_LOGGED)
    expect(log[0]?.rawPath).toBe('/5')
    expect(state.requests.at(-1)?.rawPath).toBe(`/${MAX_LOGGED + 4}`)
  })

  it('resolves sleepers and cancels timers on shutdown', async () => {
    const state = newState()
    let fired = false
    state.later(60_000, () => (fired = true))
    const sleeping = state.sleep(60_000)
    state.shutdown()
    await sleeping
    expect(fired).toBe(false)
    await state.sleep(60_000)
  })
})
