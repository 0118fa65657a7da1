import { describe, expect, it } from 'vitest'

import type { StoredProfile } from './profile-store'
import { RemovedProfiles, UNDO_WINDOW_MS } from './removed-profiles'

const profile = { id: 'p1', name: 'Staging' } as StoredProfile

describe('removed profiles (undo a delete)', () => {
  it('gives a removed profile back once, within the undo window', () => {
    let now = 1_000
    const removed = new RemovedProfiles(() => now)
    removed.keep({ profile, secrets: { token: 'secret' }, wasActive: true })
    now += UNDO_WINDOW_MS - 1
    expect(removed.take('p1')).toMatchObject({
      profile,
      secrets: { token: 'secret' },
      wasActive: true
    })
    expect(removed.take('p1')).toBeUndefined()
  })

  it('forgets it after the window', () => {
    let now = 1_000
    const removed = new RemovedProfiles(() => now)
    removed.keep({ profile, secrets: {}, wasActive: false })
    now += UNDO_WINDOW_MS + 1
    expect(removed.take('p1')).toBeUndefined()
  })
})
