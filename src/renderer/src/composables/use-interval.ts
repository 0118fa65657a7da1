import { onBeforeUnmount } from 'vue'

/** Run `fn` every `ms` while the component is mounted. */
export function useInterval(fn: () => void, ms: number): void {
  const timer = setInterval(fn, ms)
  onBeforeUnmount(() => clearInterval(timer))
}
