/** Arrow-key movement in a radio-like group: +1, -1, or 0 for other keys. */
export function arrowStep(event: KeyboardEvent): number {
  if (event.key === 'ArrowRight' || event.key === 'ArrowDown') return 1
  if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') return -1
  return 0
}

/** Focus the sibling of the event's element that matches `selector`. */
export function focusSibling(event: Event, selector: string): void {
  const parent = (event.currentTarget as HTMLElement | null)?.parentElement
  ;(parent?.querySelector(selector) as HTMLElement | null)?.focus()
}
