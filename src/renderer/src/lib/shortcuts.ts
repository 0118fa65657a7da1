/**
 * Every keyboard shortcut of the app, in one list: the shortcuts sheet (`?` or Ctrl/Cmd+/) shows
 * it, after the Ctrl/Cmd+digit view shortcuts it makes from components/app/views.ts. When you add
 * a shortcut anywhere, add its line here in the group it belongs to.
 */
import { MOD_KEY } from '../composables/use-window-keydown'

export interface Shortcut {
  /** Keys pressed together, e.g. ['Ctrl', 'Enter']; "Mod" is Ctrl, or ⌘ on macOS. */
  keys: string[]
  action: string
}

export interface ShortcutGroup {
  title: string
  shortcuts: Shortcut[]
}

export const SHORTCUT_GROUPS: ShortcutGroup[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      { keys: ['Mod', 'K'], action: 'Command palette' },
      { keys: ['Mod', 'Shift', 'D'], action: 'Demo mode on / off' },
      { keys: ['Mod', ','], action: 'Settings' },
      { keys: ['Mod', '+'], action: 'Larger text' },
      { keys: ['Mod', '−'], action: 'Smaller text' },
      { keys: ['Mod', '0'], action: 'Text at 100 %' },
      { keys: ['?'], action: 'This list of shortcuts' },
      { keys: ['Mod', '/'], action: 'This list of shortcuts' },
      { keys: ['Esc'], action: 'Close the open popover or dialog' },
      { keys: ['Tab'], action: 'Next control (Shift+Tab: previous)' }
    ]
  },
  {
    title: 'Launch',
    shortcuts: [
      { keys: ['Mod', 'Enter'], action: 'Send the launch' },
      { keys: ['Esc', 'Tab'], action: 'Leave the payload editor (Tab indents inside it)' },
      { keys: ['Ctrl', 'M'], action: 'Payload editor: Tab moves focus / Tab indents' },
      { keys: ['Mod', 'F'], action: 'Payload editor: find' }
    ]
  },
  {
    title: 'Presenting a playlist',
    shortcuts: [
      { keys: ['→'], action: 'Run the step, then go to the next (Space too)' },
      { keys: ['←'], action: 'Previous step' },
      { keys: ['R'], action: 'Run a failed step again' },
      { keys: ['Q'], action: 'Show or hide the resolved request' },
      { keys: ['Esc'], action: 'Stop presenting' }
    ]
  },
  {
    title: 'Lists (History, profiles)',
    shortcuts: [
      { keys: ['↑', '↓'], action: 'Previous / next row' },
      { keys: ['Home', 'End'], action: 'First / last row' },
      { keys: ['Enter'], action: 'Open the row' }
    ]
  }
]

/** "Mod" written for this platform. */
export function keyLabel(key: string): string {
  return key === 'Mod' ? MOD_KEY : key
}

/** Is this keydown a request for the shortcuts sheet? Not while typing `?` into a field. */
export function isShortcutsKey(event: KeyboardEvent): boolean {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key === '/') return true
  if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return false
  return !isTyping(event.target)
}

/** Zoom direction for Ctrl/Cmd + '+', '-', '0', or undefined. */
export function zoomKey(event: KeyboardEvent): 1 | -1 | 0 | undefined {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return undefined
  if (event.key === '+' || event.key === '=') return 1
  if (event.key === '-' || event.key === '_') return -1
  if (event.key === '0' && !event.shiftKey) return 0
  return undefined
}

/** Is the event's target a place where keys are text (input, textarea, editor)? */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || typeof el.closest !== 'function') return false
  return !!el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')
}
