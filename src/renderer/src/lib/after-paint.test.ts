import { nextTick, ref } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { usePaintedAfter } from './after-paint'

let frames: Array<() => void>

beforeEach(() => {
  frames = []
  vi.useFakeTimers()
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb))
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

/** The browser paints: the frame's callbacks run, then the tasks they queued. */
function paint(): void {
  const due = frames
  frames = []
  for (const cb of due) cb()
  vi.runAllTimers()
}

describe('usePaintedAfter', () => {
  it('turns true only after the frame following the condition has been painted, and stays', async () => {
    const condition = ref(false)
    const shown = usePaintedAfter(() => condition.value)
    paint()
    expect(shown.value).toBe(false)

    condition.value = true
    await nextTick()
    expect(shown.value).toBe(false)
    paint()
    expect(shown.value).toBe(true)

    condition.value = false
    await nextTick()
    paint()
    expect(shown.value).toBe(true)
  })

  it('counts a condition that already holds', () => {
    const shown = usePaintedAfter(() => true)
    expect(shown.value).toBe(false)
    paint()
    expect(shown.value).toBe(true)
  })

  it('with a key, waits only the first time in the session', async () => {
    const first = usePaintedAfter(() => true, 'part')
    paint()
    expect(first.value).toBe(true)
    const again = usePaintedAfter(() => true, 'part')
    expect(again.value).toBe(true)
    expect(usePaintedAfter(() => true, 'other').value).toBe(false)
  })
})
