/**
 * For parts that must not hold up what is about to be shown (the payload editor, the palette):
 * they are mounted once the frame showing the rest has been painted.
 */
import { ref, watch, type Ref } from 'vue'

/** Run `fn` once the next frame has been painted. */
export function afterNextPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0))
}

/** True from the paint after `condition` first holds; stays true. */
export function usePaintedAfter(condition: () => boolean): Readonly<Ref<boolean>> {
  const painted = ref(false)
  const stop = watch(
    condition,
    (holds) => {
      if (!holds) return
      queueMicrotask(() => stop())
      afterNextPaint(() => (painted.value = true))
    },
    { immediate: true }
  )
  return painted
}
