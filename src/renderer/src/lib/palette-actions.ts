/**
 * The command palette's actions, registered by the features that own them. A feature adds its
 * actions while its component is mounted (`usePaletteActions`) or for the app's lifetime
 * (`registerPaletteAction`); the palette lists whatever is registered and enabled.
 */
import { onBeforeUnmount, onMounted, shallowReactive } from 'vue'

export interface PaletteAction {
  /** Unique, stable id (also the key of the recent list), e.g. 'launch.send'. */
  id: string
  /** What the user reads and types, e.g. "Send the launch". */
  title: string
  /** Other words that should find it ("start", "run"). */
  keywords?: string[]
  /** Keys shown next to it, e.g. ['Mod', 'Enter']. */
  shortcut?: string[]
  /** Hidden while false (e.g. nothing to replay). */
  enabled?: () => boolean
  run: () => void | Promise<void>
}

const registry = shallowReactive(new Map<string, PaletteAction>())

/** Add an action; returns the function that removes it again. A later one with the id wins. */
export function registerPaletteAction(action: PaletteAction): () => void {
  registry.set(action.id, action)
  return () => {
    if (registry.get(action.id) === action) registry.delete(action.id)
  }
}

/** The registered actions that can run now, in registration order. */
export function paletteActions(): PaletteAction[] {
  return [...registry.values()].filter((a) => a.enabled?.() ?? true)
}

/** Register actions while the calling component is mounted. */
export function usePaletteActions(actions: PaletteAction[]): void {
  let removers: (() => void)[] = []
  onMounted(() => (removers = actions.map(registerPaletteAction)))
  onBeforeUnmount(() => removers.forEach((remove) => remove()))
}

function mod(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey
}

/** Ctrl/Cmd+K: open the command palette. */
export function isPaletteKey(event: KeyboardEvent): boolean {
  return mod(event) && !event.shiftKey && event.key.toLowerCase() === 'k'
}

/** Ctrl/Cmd+Shift+D: demo mode on or off. */
export function isDemoKey(event: KeyboardEvent): boolean {
  return mod(event) && event.shiftKey && event.key.toLowerCase() === 'd'
}
