/** Words for how a secret is held, and for the edit waiting to be saved. */
import type { SecretState } from '@shared/domain'

import type { SecretEdit } from './profile-form'

export type Tone = 'ok' | 'warn' | 'error' | 'muted'

export interface StateLine {
  text: string
  tone: Tone
}

/** "Set — encrypted with the OS keychain", "Not set"… as the user should read it. */
export function storedSecretLine(state: SecretState, required: boolean): StateLine {
  switch (state.storage) {
    case 'undecryptable':
      return {
        text: 'Can no longer be decrypted on this computer — enter it again',
        tone: 'error'
      }
    case 'encrypted':
      return { text: 'Set — encrypted with the OS keychain', tone: 'ok' }
    case 'weak':
      return { text: 'Set — stored with weak protection', tone: 'warn' }
    case 'memory-only':
    case 'unavailable':
      return { text: 'Set — kept until the app closes', tone: 'warn' }
    case 'none':
      break
  }
  if (state.set) return { text: 'Set', tone: 'ok' }
  return { text: 'Not set', tone: required ? 'warn' : 'muted' }
}

/** The line under a secret field: what saving will do, else how it is held now. */
export function secretStateLine(
  state: SecretState,
  edit: SecretEdit,
  required: boolean
): StateLine {
  const stored = state.set || state.storage === 'undecryptable'
  if (edit.action === 'clear') return { text: 'Removed when you save', tone: 'warn' }
  if (edit.action === 'set')
    return {
      text: stored ? 'Replaces the stored value when you save' : 'Stored when you save',
      tone: 'muted'
    }
  return storedSecretLine(state, required)
}
