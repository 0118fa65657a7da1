/**
 * Keyboard movement in a list (History, profiles, library…): ↑/↓ one row, PageUp/PageDown a
 * screenful, Home/End the ends. Returns the new index, or undefined for a key that does not move.
 */
export function listKeyTarget(
  key: string,
  current: number,
  count: number,
  pageSize = 10
): number | undefined {
  if (count <= 0) return undefined
  const clamp = (i: number): number => Math.min(count - 1, Math.max(0, i))
  switch (key) {
    case 'ArrowDown':
      return clamp(current < 0 ? 0 : current + 1)
    case 'ArrowUp':
      return clamp(current < 0 ? 0 : current - 1)
    case 'PageDown':
      return clamp(current + Math.max(1, pageSize))
    case 'PageUp':
      return clamp(current - Math.max(1, pageSize))
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return undefined
  }
}

/** The scrollTop that brings row `index` into view (unchanged when it is already visible). */
export function scrollToRow(
  index: number,
  scrollTop: number,
  viewport: number,
  rowHeight: number
): number {
  const top = index * rowHeight
  if (top < scrollTop) return top
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport
  return scrollTop
}
