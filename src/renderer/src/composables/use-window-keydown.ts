import { onBeforeUnmount, onMounted } from 'vue'

/** Listen to keydown on the whole window while the calling component is mounted. */
export function useWindowKeydown(handler: (event: KeyboardEvent) => void): void {
  onMounted(() => window.addEventListener('keydown', handler))
  onBeforeUnmount(() => window.removeEventListener('keydown', handler))
}

/** Ctrl+Enter, or Cmd+Enter on macOS. */
export function isModEnter(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey
}

/** The view shortcut digit (Ctrl/Cmd + 1…9), if this is one. */
export function modDigit(event: KeyboardEvent): string | undefined {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return undefined
  return /^[1-9]$/.test(event.key) ? event.key : undefined
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** How the platform's command key is written in hints: "⌘" on macOS, "Ctrl" elsewhere. */
export const MOD_KEY = isMac ? '⌘' : 'Ctrl'
