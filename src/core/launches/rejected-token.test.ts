/**
 * A start FlowX answers with 401 marks the profile's token "rejected by FlowX" (the token chip),
 * with FlowX's words, until a fresh token is fetched or FlowX accepts the token again.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { SANDBOX_IDS, startSandbox, type Sandbox } from '../../sandbox'
import type { ProfileInput } from '../../shared/domain'
import { testManager } from '../auth/test-support'
import { openLedger, type Ledger } from '../history'
import type { ProfileService } from '../profiles/profile-service'
import { openTestProfiles } from '../profiles/test-profiles'
import type { SecretVault } from '../secrets/secret-vault'
import { Connections } from './connections'
import { testLaunchService } from './test-launches'

const FOREIGN = 'https://idp.other.example/realms/flowx'
let dir: string
let sandbox: Sandbox
let ledger: Ledger
let profiles: ProfileService
let vault: SecretVault

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-rejected-'))
  sandbox = await startSandbox()
  ledger = await openLedger(join(dir, 'history.db'))
  ;({ profiles, vault } = await openTestProfiles(dir))
})
afterEach(async () => {
  await ledger.close()
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

const input = (over: Partial<ProfileInput>): ProfileInput => ({
  name: 'Staging',
  color: 'blue',
  baseUrl: sandbox.baseUrl,
  platform: 'web',
  defaults: { workspaceId: '', appId: '', buildId: '' },
  ...over
})

const target = {
  mode: 'build' as const,
  appId: SANDBOX_IDS.appId,
  buildId: SANDBOX_IDS.committedBuildId,
  processName: '[DOCS]customer_onboarding'
}

describe('the token chip after FlowX refuses a token on a start', () => {
  it('reads rejected with FlowX’s words after a 401 even with a fresh token, until FlowX accepts it', async () => {
    const { manager: tokens } = testManager()
    const connections = new Connections({ profiles, vault, tokens })
    const service = testLaunchService({ ledger, profiles, vault, tokens })
    const profile = await profiles.save(
      input({
        auth: {
          mode: 'client-credentials',
          issuer: sandbox.issuer,
          clientId: SANDBOX_IDS.clientId
        },
        secrets: { clientSecret: { action: 'set', value: SANDBOX_IDS.clientSecret } }
      })
    )
    sandbox.setRuntime({ trustedIssuers: [FOREIGN] })
    const refused = await service.startWithProfile(profile.id, {
      requestId: 'r1',
      target,
      payload: '{}'
    })
    expect(refused.httpStatus).toBe(401)
    const status = await connections.status(profile.id)
    expect(status).toMatchObject({
      state: 'rejected',
      error: { code: 'UNAUTHORIZED', message: 'The iss claim is not valid' }
    })

    sandbox.setRuntime({})
    const started = await service.startWithProfile(profile.id, {
      requestId: 'r2',
      target,
      payload: '{"again":true}'
    })
    expect(started.status).toBe('started')
    expect((await connections.status(profile.id)).state).toBe('valid')
  })

  it('a pasted token FlowX refuses stays rejected until another one is pasted', async () => {
    const { manager: tokens } = testManager()
    const connections = new Connections({ profiles, vault, tokens })
    const service = testLaunchService({ ledger, profiles, vault, tokens })
    const foreign = sandbox.issueToken({ sub: 'demo', issuer: FOREIGN })
    const profile = await profiles.save(
      input({ auth: { mode: 'bearer' }, secrets: { token: { action: 'set', value: foreign } } })
    )
    await service.startWithProfile(profile.id, { requestId: 'r1', target, payload: '{}' })
    expect((await connections.status(profile.id)).state).toBe('rejected')

    // Saving the profile with a new token forgets the old verdict (as profiles:save does).
    await profiles.save(
      input({
        id: profile.id,
        auth: { mode: 'bearer' },
        secrets: { token: { action: 'set', value: sandbox.demoToken } }
      })
    )
    tokens.forget(profile.id)
    expect((await connections.status(profile.id)).state).toBe('valid')
  })
})
