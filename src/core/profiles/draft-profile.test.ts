import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { SANDBOX_IDS, startSandbox, type Sandbox } from '../../sandbox'
import type { ProfileInput } from '../../shared/domain'
import { Redactor } from '../logging/redact'
import { silentLogger } from '../ports'
import type { SecretVault } from '../secrets/secret-vault'
import { checkDraft } from './draft-profile'
import type { ProfileService } from './profile-service'
import { openTestProfiles } from './test-profiles'

let dir: string
let sandbox: Sandbox
let profiles: ProfileService
let vault: SecretVault

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-draft-'))
  sandbox = await startSandbox()
  ;({ profiles, vault } = await openTestProfiles(dir))
})
afterEach(async () => {
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

function form(over: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name: 'Not saved yet',
    color: 'green',
    baseUrl: sandbox.baseUrl,
    platform: 'web',
    defaults: { workspaceId: SANDBOX_IDS.workspaceId, appId: SANDBOX_IDS.appId, buildId: '' },
    auth: { mode: 'client-credentials', issuer: sandbox.issuer, clientId: SANDBOX_IDS.clientId },
    secrets: { clientSecret: { action: 'set', value: SANDBOX_IDS.clientSecret } },
    ...over
  }
}

const deps = (): Parameters<typeof checkDraft>[0] => ({
  profiles,
  vault,
  redactor: new Redactor(),
  logger: silentLogger
})

describe('Check connection before saving', () => {
  it('checks the values in the form and saves nothing', async () => {
    const report = await checkDraft(deps(), form())
    const items = Object.fromEntries(report.items.map((i) => [i.key, i]))

    expect(report.profileId).toBe('')
    expect(report.profileName).toBe('Not saved yet')
    expect(items.token?.detail).toMatch(/FlowX accepts it\.$/)
    expect(items.build?.status).toBe('ok')
    expect(profiles.list()).toHaveLength(0)
    // No secrets file was even written.
    expect(existsSync(join(dir, 'secrets.json'))).toBe(false)
    expect(JSON.stringify(report)).not.toContain(SANDBOX_IDS.clientSecret)
  })

  it('uses the stored secret of an edited profile when the form keeps it, the typed one otherwise', async () => {
    const saved = await profiles.save(form({ name: 'Stored' }))
    const kept = await checkDraft(deps(), form({ id: saved.id, name: 'Stored', secrets: {} }))
    expect(kept.profileId).toBe(saved.id)
    expect(kept.items.find((i) => i.key === 'token')?.status).toBe('ok')

    const typed = await checkDraft(
      deps(),
      form({
        id: saved.id,
        name: 'Stored',
        secrets: { clientSecret: { action: 'set', value: 'typed-but-wrong-1' } }
      })
    )
    const token = typed.items.find((i) => i.key === 'token')
    expect(token?.status).toBe('fail')
    expect(token?.detail).not.toContain('typed-but-wrong-1')
    // The stored profile and its secret are as they were.
    expect(await vault.get(`profile:${saved.id}:clientSecret`)).toBe(SANDBOX_IDS.clientSecret)
  })

  it('checks a pasted token typed in the form, and reports one FlowX refuses', async () => {
    const good = await checkDraft(
      deps(),
      form({
        auth: { mode: 'bearer' },
        secrets: { token: { action: 'set', value: sandbox.demoToken } }
      })
    )
    expect(good.items.find((i) => i.key === 'token')?.detail).toMatch(/FlowX accepts it\.$/)
    const foreign = sandbox.issueToken({
      sub: 'demo',
      issuer: 'https://idp.other.example/realms/x'
    })
    const refused = await checkDraft(
      deps(),
      form({ auth: { mode: 'bearer' }, secrets: { token: { action: 'set', value: foreign } } })
    )
    const token = refused.items.find((i) => i.key === 'token')
    expect(token?.status).toBe('fail')
    expect(token?.detail).toContain('The iss claim is not valid')
    expect(JSON.stringify(refused)).not.toContain(foreign)
  })

  it('refuses form values a save would refuse, with the same message', async () => {
    await expect(checkDraft(deps(), form({ baseUrl: 'ftp://nowhere' }))).rejects.toMatchObject({
      error: { code: 'INVALID_INPUT' }
    })
  })
})
