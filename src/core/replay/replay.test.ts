import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { LaunchRecord } from '../../shared/domain'
import type { ProfileService } from '../profiles/profile-service'
import type { StoredProfile } from '../profiles/profile-store'
import { openTestProfiles } from '../profiles/test-profiles'
import { planReplay, remapTarget } from './replay'

function profile(over: Partial<StoredProfile>): StoredProfile {
  return {
    id: 'p',
    name: 'P',
    color: 'blue',
    baseUrl: 'https://p.example.com/rtm',
    platform: 'web',
    defaults: { workspaceId: '', appId: '', buildId: '' },
    localSandbox: false,
    protected: false,
    auth: { mode: 'bearer' },
    tls: { customCa: '', allowUntrusted: false },
    proxy: { mode: 'system' },
    designerUrl: '',
    variables: {},
    createdAt: '',
    updatedAt: '',
    ...over
  } as StoredProfile
}

const target = {
  mode: 'build' as const,
  workspaceId: '',
  appId: 'app-stg',
  buildId: 'build-stg',
  processName: 'loan'
}

describe('remapTarget', () => {
  it('swaps ids equal to the old profile’s defaults for the new profile’s', () => {
    const from = profile({ defaults: { workspaceId: '', appId: 'app-stg', buildId: 'build-stg' } })
    const to = profile({
      defaults: { workspaceId: '', appId: 'app-local', buildId: 'build-local' }
    })
    expect(remapTarget(target, from, to, {})).toEqual({
      target: { ...target, appId: 'app-local', buildId: 'build-local' },
      remapped: [
        { name: 'appId', before: 'app-stg', after: 'app-local' },
        { name: 'buildId', before: 'build-stg', after: 'build-local' }
      ]
    })
  })

  it('swaps an id through a variable of the same name in both profiles', () => {
    const from = profile({ variables: { loanApp: 'app-stg' } })
    const to = profile({ variables: { loanApp: 'app-prod' } })
    expect(remapTarget(target, from, to, {}).target.appId).toBe('app-prod')
  })

  it('swaps an id that came from a launch value the new profile also has', () => {
    const to = profile({ variables: { build: 'build-new' } })
    expect(remapTarget(target, profile({}), to, { build: 'build-stg' }).target.buildId).toBe(
      'build-new'
    )
  })

  it('keeps an id it cannot map', () => {
    expect(remapTarget(target, profile({}), profile({}), {})).toEqual({ target, remapped: [] })
  })
})

describe('planReplay to another profile', () => {
  let dir: string
  let profiles: ProfileService
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowx-replay-'))
    ;({ profiles } = await openTestProfiles(dir))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('remaps ids in the target and in a literal payload, with the diff', async () => {
    const base = { color: 'blue' as const, platform: 'web', auth: { mode: 'bearer' as const } }
    const stg = await profiles.save({
      ...base,
      name: 'Staging',
      baseUrl: 'https://stg.example.com/rtm',
      defaults: { workspaceId: '', appId: 'app-stg', buildId: 'build-stg' },
      variables: { customerId: 'C-STG' }
    })
    const dev = await profiles.save({
      ...base,
      name: 'Dev',
      baseUrl: 'https://dev.example.com/rtm',
      defaults: { workspaceId: '', appId: 'app-dev', buildId: 'build-dev' },
      variables: { customerId: 'C-DEV' }
    })
    const record = {
      id: 'L1',
      startedAt: '2026-12-01T10:00:00.000Z',
      status: 'started',
      profileId: stg.id,
      profileName: 'Staging',
      profileColor: 'blue',
      mode: 'build',
      appId: 'app-stg',
      buildId: 'build-stg',
      processName: 'loan',
      baseUrl: 'https://stg.example.com/rtm',
      path: '/api/runtime/app/app-stg/build/build-stg/process-name/loan/start',
      payload: '{"customerId": "C-STG", "app": "app-stg", "id": 9007199254740993}',
      template: '{"customerId": "{{customerId}}", "app": "app-stg", "id": 9007199254740993}',
      variables: { customerId: 'C-STG' },
      tlsVerification: 'on'
    } as LaunchRecord
    const ledger = {
      get: async (id: string) => (id === 'L1' ? record : undefined),
      findByInstanceUuid: async () => []
    }
    const { plan, send } = await planReplay(
      { ledger, profiles },
      { id: 'L1', mode: 'to-profile', profileId: dev.id }
    )
    expect(plan.after.url).toBe(
      'https://dev.example.com/rtm/api/runtime/app/app-dev/build/build-dev/process-name/loan/start'
    )
    expect(plan.after.payload).toBe(
      '{"customerId": "C-DEV", "app": "app-dev", "id": 9007199254740993}'
    )
    expect(plan.remapped).toEqual([
      { name: 'appId', before: 'app-stg', after: 'app-dev' },
      { name: 'buildId', before: 'build-stg', after: 'build-dev' }
    ])
    expect(plan.changedVariables).toEqual([{ name: 'customerId', before: 'C-STG', after: 'C-DEV' }])
    expect(plan).toMatchObject({ urlChanged: true, payloadChanged: true })
    expect(send?.payload).toBe(plan.after.payload)
    expect(send).toMatchObject({
      profileId: dev.id,
      target: { appId: 'app-dev', buildId: 'build-dev' },
      context: { replayOf: 'L1' }
    })
  })

  it('swaps values typed in the payload that were the old profile’s variables', async () => {
    const base = { color: 'blue' as const, platform: 'web', auth: { mode: 'bearer' as const } }
    const defaults = { workspaceId: '', appId: 'a', buildId: 'b' }
    const stg = await profiles.save({
      ...base,
      name: 'Staging',
      baseUrl: 'https://stg.example.com/rtm',
      defaults,
      variables: { customerId: 'C-STG-1', tenant: 'ro' }
    })
    const dev = await profiles.save({
      ...base,
      name: 'Dev',
      baseUrl: 'https://dev.example.com/rtm',
      defaults,
      variables: { customerId: 'C-DEV-9', tenant: 'de' }
    })
    const record = {
      id: 'L2',
      startedAt: '2026-12-01T10:00:00.000Z',
      status: 'started',
      profileId: stg.id,
      profileName: 'Staging',
      profileColor: 'blue',
      mode: 'build',
      appId: 'a',
      buildId: 'b',
      processName: 'loan',
      baseUrl: 'https://stg.example.com/rtm',
      path: '/api/runtime/app/a/build/b/process-name/loan/start',
      payload: '{"customer": "C-STG-1", "note": "C-STG-1 is mine", "tenant": "ro"}',
      tlsVerification: 'on'
    } as LaunchRecord
    const ledger = { get: async () => record, findByInstanceUuid: async () => [] }
    const { plan } = await planReplay(
      { ledger, profiles },
      { id: 'L2', mode: 'to-profile', profileId: dev.id }
    )
    expect(plan.after.payload).toBe(
      '{"customer": "C-DEV-9", "note": "C-STG-1 is mine", "tenant": "ro"}'
    )
    expect(plan.remapped).toEqual([{ name: 'customerId', before: 'C-STG-1', after: 'C-DEV-9' }])
  })
})
