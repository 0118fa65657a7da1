import { describe, expect, it, vi } from 'vitest'

import type { BatchProgress } from '../shared/batch'
import { SUBSCRIPTIONS, type PayloadOf, type Subscription } from '../shared/contract'
import { forwardSubscriptions, type PushTarget, type SubscribeFn } from './ipc'

/** A core-like source of push events: `emit` plays core, `active` counts live listeners. */
function source() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const subscribe: SubscribeFn = <S extends Subscription>(
    name: S,
    listener: (payload: PayloadOf<S>) => void
  ) => {
    const set = listeners.get(name) ?? new Set()
    listeners.set(name, set)
    set.add(listener as (payload: unknown) => void)
    return () => void set.delete(listener as (payload: unknown) => void)
  }
  return {
    subscribe,
    emit: (name: Subscription, payload: unknown) => {
      for (const listener of listeners.get(name) ?? []) listener(payload)
    },
    active: () => [...listeners.values()].reduce((n, set) => n + set.size, 0)
  }
}

function target(url = 'app://flowx/index.html', destroyed = false) {
  return {
    isDestroyed: vi.fn(() => destroyed),
    getURL: vi.fn(() => url),
    send: vi.fn<(channel: string, payload: unknown) => void>()
  } satisfies PushTarget
}

const progress = { batchId: 'b1', status: 'running' } as BatchProgress
const isApp = (t: PushTarget): boolean => t.getURL().startsWith('app://flowx/')

describe('forwardSubscriptions', () => {
  it('sends every subscription to the app window with webContents.send, payload only', () => {
    const core = source()
    const window = target()
    forwardSubscriptions(core.subscribe, () => window, isApp)
    expect(core.active()).toBe(SUBSCRIPTIONS.length)
    core.emit('batch:progress', progress)
    expect(window.send).toHaveBeenCalledExactlyOnceWith('batch:progress', progress)
  })

  it('sends nothing to a window showing another page, a destroyed window or no window', () => {
    const core = source()
    const foreign = target('https://evil.example/')
    forwardSubscriptions(core.subscribe, () => foreign, isApp)
    const destroyed = target(undefined, true)
    forwardSubscriptions(core.subscribe, () => destroyed, isApp)
    forwardSubscriptions(core.subscribe, () => undefined, isApp)
    const throwing = target()
    forwardSubscriptions(
      core.subscribe,
      () => throwing,
      () => {
        throw new Error('frame gone')
      }
    )
    core.emit('batch:progress', progress)
    expect(foreign.send).not.toHaveBeenCalled()
    expect(destroyed.send).not.toHaveBeenCalled()
    expect(throwing.send).not.toHaveBeenCalled()
  })

  it('stops forwarding when asked', () => {
    const core = source()
    const window = target()
    const stop = forwardSubscriptions(core.subscribe, () => window, isApp)
    stop()
    expect(core.active()).toBe(0)
    core.emit('batch:progress', progress)
    expect(window.send).not.toHaveBeenCalled()
  })
})
