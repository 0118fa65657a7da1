/**
 * For parts that must not hold up what is about to be shown (the payload editor, the palette):
 * they are mounted once the frame showing the rest has been painted.
 */
import { ref, watch, type Ref } from 'vue'

/** Run `fn` once the next frame has been painted. */
export function afterNextPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0))
}

/** Keys of the parts already shown once: built again (a view opened again), they wait no more. */
const shownOnce = new Set<string>()

/**
 * True from the paint after `condition` first holds; stays true. With a `key`, only the first time
 * in the session waits: later ones are true at once (the part's code is loaded by then).
 */
export function usePaintedAfter(condition: () => boolean, key?: string): Readonly<Ref<boolean>> {
  const painted = ref(key !== undefined && shownOnce.has(key))
  if (painted.value) return painted
  const stop = watch(
    condition,
    (holds) => {
      if (!holds) return
      queueMicrotask(() => stop())
      afterNextPaint(() => {
        painted.value = true
        if (key !== undefined) shownOnce.add(key)
      })
    },
    { immediate: true }
  )
  return painted
}
