/** True when a scroll event's element is within `margin` pixels of its end. */
export function isNearBottom(event: Event, margin = 240): boolean {
  const el = event.target as HTMLElement | null
  if (!el) return false
  return el.scrollTop + el.clientHeight >= el.scrollHeight - margin
}
