/** What the header's token chip says for a token status at a given moment. */
import type { TokenStatus } from '@shared/domain'

import { formatCountdown } from './format'

export interface TokenChipView {
  text: string
  tone: 'ok' | 'warn' | 'error' | 'muted' | 'busy'
  /** The text without the ticking countdown, for screen readers (announced on change only). */
  announce: string
}

/** Below this, a valid token shows in the warning colour. */
const SOON_MS = 60_000

/** The chip's text and tone; undefined when there is nothing to show (no status, or no token used). */
export function tokenChipView(
  status: TokenStatus | undefined,
  now: number
): TokenChipView | undefined {
  if (!status || status.state === 'none') return undefined
  switch (status.state) {
    case 'missing':
      return { text: 'No token set', tone: 'warn', announce: 'No token set' }
    case 'idle':
      return { text: 'Token not fetched yet', tone: 'muted', announce: 'Token not fetched yet' }
    case 'refreshing':
      return { text: 'Getting token…', tone: 'busy', announce: 'Getting token' }
    case 'error':
      return { text: 'Token error', tone: 'error', announce: 'Token error' }
    case 'rejected':
      return { text: 'Rejected by FlowX', tone: 'error', announce: 'Token rejected by FlowX' }
    case 'expired':
      return { text: 'Token expired', tone: 'warn', announce: 'Token expired' }
    case 'valid': {
      if (!status.expiresAt) return { text: 'Token valid', tone: 'ok', announce: 'Token valid' }
      const left = new Date(status.expiresAt).getTime() - now
      if (!(left > 0)) return { text: 'Token expired', tone: 'warn', announce: 'Token expired' }
      return {
        text: `Token valid · ${formatCountdown(left)}`,
        tone: left < SOON_MS ? 'warn' : 'ok',
        announce: 'Token valid'
      }
    }
  }
}
