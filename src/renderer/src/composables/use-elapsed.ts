import { onBeforeUnmount, ref, watch, type Ref } from 'vue'

/** Milliseconds since `since()` while it is set, ticking every `stepMs`; 0 otherwise. */
export function useElapsed(since: () => number | undefined, stepMs = 100): Ref<number> {
  const elapsed = ref(0)
  let timer: ReturnType<typeof setInterval> | undefined
  const stop = (): void => {
    if (timer) clearInterval(timer)
    timer = undefined
  }
  watch(
    since,
    (start) => {
      stop()
      elapsed.value = 0
      if (start === undefined) return
      const tick = (): void => {
        elapsed.value = Date.now() - start
      }
      tick()
      timer = setInterval(tick, stepMs)
    },
    { immediate: true }
  )
  onBeforeUnmount(stop)
  return elapsed
}
