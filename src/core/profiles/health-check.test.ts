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
    expect(items.build?.detail).toBe('Not checked: the runtime was not reached.')
    const refused = await check({
      name: 'Wrong secret',
      secrets: { clientSecret: { action: 'set', value: 'wrong-secret-value' } }
    })
    expect(refused.token?.status).toBe('fail')
    expect(refused.build?.detail).toBe('Not checked: no token to ask FlowX with.')
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

describe('the check asks FlowX whether it takes the token', () => {
  it('fails the token item when the runtime trusts another issuer, and the chip reads rejected', async () => {
    sandbox.setRuntime({ trustedIssuers: ['https://idp.other.example/realms/flowx'] })
    const saved = await profiles.save(base())
    const report = await checkProfile({ profiles, connections, tokens }, saved.id)
    const items = Object.fromEntries(report.items.map((i) => [i.key, i]))

    expect(items['base-url']).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('reachable')
    })
    expect(items['base-url']?.detail).not.toMatch(/\b401\b(?!\s?ms)/)
    expect(items.token).toMatchObject({ status: 'fail' })
    expect(items.token?.detail).toContain(
      'FlowX does not accept this token (“The iss claim is not valid”).'
    )
    expect(items.token?.detail).toMatch(/issuer/)
    const status = await connections.status(saved.id)
    expect(status.state).toBe('rejected')
    expect(status.error?.message).toBe('The iss claim is not valid')
  })

  it('fails the runtime item when the base URL redirects', async () => {
    const { createServer } = await import('node:http')
    const server = createServer((_req, res) => {
      res.writeHead(302, { Location: 'https://login.example.com/sso?from=rtm' }).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const port = (server.address() as { port: number }).port
      const items = await check({ baseUrl: `http://127.0.0.1:${port}/rtm` })
      expect(items['base-url']).toMatchObject({ status: 'fail' })
      expect(items['base-url']?.detail).toContain('redirects to https://login.example.com/sso:')
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('names a wrong default app id in the active-build item', async () => {
    const items = await check({
      defaults: {
        workspaceId: SANDBOX_IDS.workspaceId,
        appId: '9f9f9f9f-0000-4000-8000-000000000001',
        buildId: ''
      }
    })
    expect(items.token?.status).toBe('ok')
    expect(items.build).toMatchObject({ status: 'fail' })
    expect(items.build?.detail).toContain('9f9f9f9f-0000-4000-8000-000000000001')
    expect(items.build?.detail).toContain('the app id is wrong')
  })

  it('checks a profile without default ids with nil ids: the token is still judged by FlowX', async () => {
    const items = await check({ defaults: { workspaceId: '', appId: '', buildId: '' } })
    expect(items.token?.detail).toMatch(/FlowX accepts it\.$/)
    expect(items.build?.status).toBe('skip')
  })
})

describe('the check on runtimes of both generations', () => {
  it('a base URL that is not the runtime: reachable, but no build-info endpoint', async () => {
    const items = await check({ baseUrl: `${sandbox.url}/not-rtm` })
    expect(items['base-url']).toMatchObject({ status: 'warn' })
    expect(items['base-url']?.detail).toMatch(/no build-info endpoint/)
    expect(items.token?.status).toBe('warn')
  })

  it('a 4.x runtime answers the active build by app only', async () => {
    sandbox.setRuntime({ apiGeneration: 4 })
    const items = await check()
    expect(items['base-url']?.status).toBe('ok')
    expect(items.build?.detail).toMatch(/FlowX 4\.x form \(by app\)/)
  })

  it('with an app id but no workspace id, a runtime without the 4.x form is not blamed on the URL', async () => {
    sandbox.setRuntime({ apiGeneration: 4 })
    const items = await check({
      baseUrl: `${sandbox.url}/not-rtm`,
      defaults: { workspaceId: '', appId: SANDBOX_IDS.appId, buildId: '' }
    })
    expect(items['base-url']?.status).toBe('ok')
    expect(items.build).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/set the default workspace id/)
    })
  })
})
