import { describe, expect, it } from 'vitest'

import { StoredProfileSchema } from './profile-store'

describe('profiles saved before the Designer URL existed', () => {
  it('load with an empty Designer URL, everything else as it was', () => {
    const stored = {
      id: 'p1',
      name: 'Staging',
      color: 'blue',
      baseUrl: 'https://admin.bank.example/rtm',
      platform: 'web',
      defaults: { workspaceId: '', appId: '', buildId: '' },
      localSandbox: false,
      protected: true,
      auth: { mode: 'bearer' },
      tls: { customCa: '', allowUntrusted: false },
      proxy: { mode: 'system' },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z'
    }
    const loaded = StoredProfileSchema.parse(stored)
    expect(loaded).toMatchObject({ ...stored, designerUrl: '' })
  })
})
