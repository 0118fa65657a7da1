import { describe, expect, it } from 'vitest'

import { testManager } from './test-support'
import type { TokenSource } from './token-manager'

const pasted = (token: string): TokenSource => ({ kind: 'static', token })

describe('tokens rejected by FlowX', () => {
  it('reads rejected with FlowX’s words and a hint, for the settings it was refused with', async () => {
    const { manager } = testManager()
    const source = pasted('opaque-token-value-1')
    await manager.get('p1', source)
    manager.markRejected('p1', 'The iss claim is not valid')

    expect(manager.status('p1', source)).toMatchObject({
      state: 'rejected',
      error: {
        code: 'UNAUTHORIZED',
        message: 'The iss claim is not valid',
        hint: expect.stringMatching(/issuer/)
      }
    })
    // Another token (the profile was changed) is not the one FlowX refused.
    expect(manager.status('p1', pasted('opaque-token-value-2')).state).toBe('valid')
    // Other profiles are not affected.
    expect(manager.status('p2', source).state).toBe('valid')
  })

  it('clears when FlowX accepts the token, or the profile is forgotten', async () => {
    const { manager } = testManager()
    const source = pasted('opaque-token-value-1')
    manager.markRejected('p1', 'no')
    expect(manager.status('p1', source).state).toBe('rejected')
    manager.markAccepted('p1')
    expect(manager.status('p1', source).state).toBe('valid')
    manager.markRejected('p1', 'no')
    manager.forget('p1')
    expect(manager.status('p1', source).state).toBe('valid')
  })

  it('a profile that sends no token is never "rejected"', () => {
    const { manager } = testManager()
    manager.markRejected('p1', 'no')
    expect(manager.status('p1', undefined).state).toBe('none')
  })
})
