import { onBeforeUnmount, ref, type Ref } from 'vue'

/** A state that falls back to `idle` after `ms` (e.g. "Copied ✓" on a button). */
export function useFlash<T extends string>(
  idle: T,
  ms = 1500
): { state: Ref<T>; flash: (value: T) => void } {
  const state = ref(idle) as Ref<T>
  let timer: ReturnType<typeof setTimeout> | undefined
  function flash(value: T): void {
    state.value = value
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => (state.value = idle), ms)
  }
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer)
  })
  return { state, flash }
}
