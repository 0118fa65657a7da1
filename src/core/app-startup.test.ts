/**
 * `app:startup`: the first screen's data in one call, the same answers as the separate channels
 * (`app:get-state`, `settings:get`, `profiles:list`, `drafts:get`).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { LaunchDraft, ProfileInput } from '../shared/domain'
import type { Core } from './app'
import { createTestCore } from './test-support'

let dataDir: string
let core: Core

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'flowx-core-startup-'))
  core = await createTestCore(dataDir)
})
afterEach(async () => {
  await core.close()
  rmSync(dataDir, { recursive: true, force: true })
})

function profile(name: string, extra: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name,
    color: 'amber',
    baseUrl: `https://admin.${name.toLowerCase()}.example.com/rtm`,
    platform: 'web',
    defaults: { workspaceId: 'wks-1', appId: 'app-1', buildId: '' },
    ...extra
  }
}

const DRAFT: LaunchDraft = {
  mode: 'workspace',
  workspaceId: 'wks-7',
  appId: 'app-7',
  buildId: '',
  processName: 'onboarding',
  payload: '{"a":1}'
}

describe('app:startup', () => {
  it('answers what the separate channels answer, with the active profile’s draft', async () => {
    const h = core.handlers
    await h['profiles:save'](profile('Staging'))
    const uat = await h['profiles:save'](profile('Uat'))
    await h['profiles:set-active']({ id: uat.id })
    await h['drafts:save']({ profileId: uat.id, draft: DRAFT })
    await h['settings:update']({ textSize: 130 })

    const startup = await h['app:startup'](undefined)

    expect(startup.state).toEqual(await h['app:get-state'](undefined))
    expect(startup.state.activeProfileId).toBe(uat.id)
    expect(startup.settings).toEqual(await h['settings:get'](undefined))
    expect(startup.settings.textSize).toBe(130)
    expect(startup.profiles).toEqual(await h['profiles:list'](undefined))
    expect(startup.draft).toEqual({ profileId: uat.id, draft: DRAFT })
  })

  it('opens on a non-protected profile rather than a remembered protected one', async () => {
    const h = core.handlers
    const prod = await h['profiles:save'](profile('Prod', { protected: true }))
    const staging = await h['profiles:save'](profile('Staging'))
    await h['profiles:set-active']({ id: prod.id })
    await h['drafts:save']({ profileId: prod.id, draft: DRAFT })

    const startup = await h['app:startup'](undefined)

    const opensOn = startup.profiles.find((p) => p.id === startup.state.activeProfileId)
    expect(opensOn?.protected).toBeFalsy()
    expect(startup.profiles.map((p) => p.id)).toContain(staging.id)
    expect(startup.draft).toEqual({ profileId: opensOn!.id, draft: null })
  })

  it('gives the first profile’s draft on a first run (the Local sandbox)', async () => {
    const h = core.handlers
    const [first] = await h['profiles:list'](undefined)
    expect((await h['app:startup'](undefined)).draft).toEqual({ profileId: first!.id, draft: null })
    await h['drafts:save']({ profileId: first!.id, draft: DRAFT })
    expect((await h['app:startup'](undefined)).draft).toEqual({
      profileId: first!.id,
      draft: DRAFT
    })
  })
})
