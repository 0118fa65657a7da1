import { ref, type Ref } from 'vue'

import { useInterval } from './use-interval'

/** The current time in ms, updated every `stepMs` while the component is mounted. */
export function useNow(stepMs = 1000): Ref<number> {
  const now = ref(Date.now())
  useInterval(() => {
    now.value = Date.now()
  }, stepMs)
  return now
}
