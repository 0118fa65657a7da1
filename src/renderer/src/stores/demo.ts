/**
 * Demo mode, for presenting on a projector: hides host names, base URLs and tokens, shortens
 * uuids, enlarges type and quietens notifications. It is off at every start unless the user asked
 * for it to be remembered.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export type DemoTextScale = 125 | 150 | 200
export const DEMO_TEXT_SCALES: DemoTextScale[] = [125, 150, 200]

export const useDemoStore = defineStore('demo', () => {
  const enabled = ref(false)
  const textScale = ref<DemoTextScale>(150)
  /** Keep demo mode on across restarts (only when the user asks). */
  const persist = ref(false)

  function setEnabled(on: boolean): void {
    enabled.value = on
  }

  function toggle(): void {
    setEnabled(!enabled.value)
  }

  function setTextScale(scale: DemoTextScale): void {
    textScale.value = scale
  }

  function setPersist(on: boolean): void {
    persist.value = on
  }

  return { enabled, textScale, persist, setEnabled, toggle, setTextScale, setPersist }
})
