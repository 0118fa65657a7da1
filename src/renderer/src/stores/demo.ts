/**
 * Demo mode, for presenting on a projector: hides host names, base URLs and tokens, shortens
 * uuids, enlarges type and quietens notifications. It starts off at every launch of the app unless
 * the user asked for it to be remembered (AppSettings.demo.persist).
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'

import { useSettingsStore } from './settings'

export type DemoTextScale = 125 | 150 | 200
export const DEMO_TEXT_SCALES: DemoTextScale[] = [125, 150, 200]

export const useDemoStore = defineStore('demo', () => {
  const settings = useSettingsStore()
  const stored = computed(() => settings.settings.demo)

  /** On only when the user turned it on in this session, or asked for it to be remembered. */
  const enabled = ref(stored.value.persist && stored.value.enabled)
  const textScale = computed<DemoTextScale>(() => stored.value.textScale)
  const persist = computed(() => stored.value.persist)

  // Settings read from main after start-up: a remembered demo mode comes back on.
  watch(
    () => settings.loaded,
    (loaded) => {
      if (loaded && stored.value.persist && stored.value.enabled) enabled.value = true
    }
  )

  function save(patch: Partial<typeof stored.value>): void {
    const next = { ...stored.value, ...patch }
    // Demo mode is written as on only when it is to survive a restart.
    void settings.update({ demo: { ...next, enabled: next.persist && enabled.value } })
  }

  function setEnabled(on: boolean): void {
    enabled.value = on
    if (persist.value) save({})
  }

  function toggle(): void {
    setEnabled(!enabled.value)
  }

  function setTextScale(scale: DemoTextScale): void {
    save({ textScale: scale })
  }

  function setPersist(on: boolean): void {
    save({ persist: on })
  }

  return { enabled, textScale, persist, setEnabled, toggle, setTextScale, setPersist }
})
