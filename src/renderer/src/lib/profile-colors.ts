import type { ProfileColor } from '@shared/domain'

/** The swatch each profile colour is drawn with: readable on both dark and light backgrounds. */
export const PROFILE_COLOR_HEX: Record<ProfileColor, string> = {
  slate: '#7c8aa0',
  blue: '#3b82f6',
  green: '#22c55e',
  teal: '#14b8a6',
  amber: '#f59e0b',
  orange: '#f97316',
  red: '#ef4444',
  purple: '#a855f7',
  pink: '#ec4899'
}

/** Hex for a profile colour; unknown names (from an older ledger row) fall back to slate. */
export function profileColorHex(color: string | undefined): string {
  return (color && PROFILE_COLOR_HEX[color as ProfileColor]) || PROFILE_COLOR_HEX.slate
}

/** Black or white, whichever reads better on the given swatch (WCAG relative luminance). */
export function readableTextOn(hex: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex)
  if (!m) return '#ffffff'
  const n = parseInt(m[1], 16)
  const channel = (v: number): number => {
    const c = v / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const l =
    0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255)
  // Contrast with white is (1.05)/(l+0.05); with black (l+0.05)/0.05. Pick the larger.
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#111318'
}
