import { EventEmitter } from 'node:events'

import { describe, expect, it } from 'vitest'

import { watchInterrupt } from './interrupt'

describe('watchInterrupt', () => {
  it('notes the first signal, cancels once, and leaves a second signal to the default', () => {
    const signals = new EventEmitter()
    let cancels = 0
    const watch = watchInterrupt(signals, () => cancels++)
    expect(watch.signal).toBeUndefined()
    expect(signals.listenerCount('SIGINT')).toBe(1)
    expect(signals.listenerCount('SIGTERM')).toBe(1)

    signals.emit('SIGTERM')
    expect(watch.signal).toBe('SIGTERM')
    expect(cancels).toBe(1)
    expect(signals.listenerCount('SIGINT')).toBe(0)
    expect(signals.listenerCount('SIGTERM')).toBe(0)

    signals.emit('SIGINT')
    expect(watch.signal).toBe('SIGTERM')
    expect(cancels).toBe(1)
  })

  it('stops listening when stopped, without cancelling', () => {
    const signals = new EventEmitter()
    let cancels = 0
    const watch = watchInterrupt(signals, () => cancels++)
    watch.stop()
    watch.stop()
    expect(signals.listenerCount('SIGINT')).toBe(0)
    expect(signals.listenerCount('SIGTERM')).toBe(0)
    signals.emit('SIGINT')
    expect(watch.signal).toBeUndefined()
    expect(cancels).toBe(0)
  })
})
