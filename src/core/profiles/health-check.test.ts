import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { SANDBOX_IDS, startSandbox, type Sandbox } from '../../sandbox'
import type { HealthReport, ProfileInput } from '../../shared/domain'
import { testManager } from '../auth/test-support'
import type { TokenManager } from '../auth/token-manager'
import { Connections } from '../launches/connections'
import { closedPort } from '../launcher/test-servers'
import { checkProfile } from './health-check'
import type { ProfileService } from './profile-service'
import { openTestProfiles } from './test-profiles'

let dir: string
let sandbox: Sandbox
let profiles: ProfileService
let tokens: TokenManager
let connections: Connections

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-health-'))
  sandbox = await startSandbox({ port: 0 })
  const opened = await openTestProfiles(dir)
  profiles = opened.profiles
  tokens = testManager().manager
  connections = new Connections({ profiles, vault: opened.vault, tokens })
})
afterEach(async () => {
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

function base(over: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name: 'Checked',
    color: 'blue',
    baseUrl: sandbox.baseUrl,
    platform: 'web',
    defaults: {
      workspaceId: SANDBOX_IDS.workspaceId,
      appId: SANDBOX_IDS.appId,
      buildId: SANDBOX_IDS.committedBuildId
    },
    auth: { mode: 'client-credentials', issuer: sandbox.issuer, clientId: SANDBOX_IDS.clientId },
    secrets: { clientSecret: { action: 'set', value: SANDBOX_IDS.clientSecret } },
    ...over
  }
}

async function check(
  over: Partial<ProfileInput> = {}
): Promise<Record<string, HealthReport['items'][number]>> {
  const profile = await profiles.save(base(over))
  const report = await checkProfile({ profiles, connections, tokens }, profile.id)
  expect(report.profileName).toBe(profile.name)
  return Object.fromEntries(report.items.map((i) => [i.key, i]))
}

describe('profile health check', () => {
  it('passes every item for a working service account on the sandbox', async () => {
    const items = await check()
    expect(items['base-url']).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/is reachable \(\d+ ms\)\.$/)
    })
    expect(items.tls?.status).toBe('skip')
    expect(items.proxy?.detail).toMatch(/Direct/)
    expect(items.token).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('service-account-flowx-launcher-sandbox')
    })
    expect(items.token?.detail).toMatch(/FlowX accepts it\.$/)
    expect(items.clock?.status).toBe('ok')
    expect(items.build).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining(`Build ${SANDBOX_IDS.committedBuildId} (COMMITTED)`)
    })
    expect(items.ids?.status).toBe('ok')
    // Nothing was started.
    expect(sandbox.requests.some((r) => r.rawPath.endsWith('/start'))).toBe(false)
  })

  it('names an unreachable runtime and a refused secret', async () => {
    const port = await closedPort()
    const items = await check({
      baseUrl: `http://127.0.0.1:${port}/rtm`,
      secrets: { clientSecret: { action: 'set', value: 'wrong-secret-value' } }
    })
    expect(items['base-url']).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/refused/i)
    })
    expect(items.token?.status).toBe('fail')
    expect(items.token?.detail).not.toContain('wrong-secret-value')
  })

  it('warns about a clock that differs from the server and ids that are not UUIDs', async () => {
    sandbox.setClockOffset(90)
    const items = await check({ defaults: { workspaceId: '', appId: 'my-app', buildId: '' } })
    expect(items.clock).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/behind the server/)
    })
    expect(items.ids).toMatchObject({ status: 'warn', detail: expect.stringContaining('app id') })
    sandbox.setClockOffset(-3600)
    const worse = await check({ name: 'Later' })
    expect(worse.clock).toMatchObject({ status: 'fail', detail: expect.stringMatching(/ahead of/) })
  })

  it('reports a pasted token that has expired', async () => {
    const expired = sandbox.issueToken({ sub: 'demo', expiresInSec: -60 })
    const items = await check({
      auth: { mode: 'bearer' },
      secrets: { token: { action: 'set', value: expired } }
    })
    expect(items.token).toMatchObject({ status: 'fail', detail: expect.stringMatching(/expired/) })
  })
})
