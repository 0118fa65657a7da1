import { afterEach, describe, expect, it } from 'vitest'

import { SANDBOX_IDS, startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox'
import { AppFailure } from '../../shared/errors'
import { grantsSeen, testManager } from '../auth/test-support'
import type { TokenManager } from '../auth/token-manager'
import type { LaunchConnection } from '../launches/connections'
import { BuildInfoClient } from './build-info'

let sandbox: Sandbox | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

const FOREIGN = 'https://idp.other.example/realms/flowx'

async function setup(options: SandboxOptions = {}): Promise<{
  sb: Sandbox
  client: BuildInfoClient
  tokens: TokenManager
  connection: LaunchConnection
  clock: { offsetMs: number }
}> {
  const sb = await startSandbox(options)
  sandbox = sb
  const { manager: tokens, clock } = testManager()
  const client = new BuildInfoClient({ tokens, now: () => Date.now() + clock.offsetMs })
  const connection: LaunchConnection = {
    profileId: 'p1',
    profileName: 'Sandbox',
    profileColor: 'teal',
    baseUrl: sb.baseUrl,
    platform: 'web',
    credentials: {
      kind: 'client-credentials',
      issuer: sb.issuer,
      clientId: SANDBOX_IDS.clientId,
      clientSecret: SANDBOX_IDS.clientSecret
    }
  }
  return { sb, client, tokens, connection, clock }
}

const ids = { workspaceId: SANDBOX_IDS.workspaceId, appId: SANDBOX_IDS.appId }

async function failure(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(AppFailure)
  return error as AppFailure
}

describe('build info', () => {
  it('reads the active build by workspace (5.x) with the profile’s token and platform', async () => {
    const { sb, client, connection } = await setup()
    const result = await client.info(connection, ids)

    expect(result.via).toBe('workspace')
    expect(result.info).toMatchObject({
      workspaceId: SANDBOX_IDS.workspaceId,
      applicationId: SANDBOX_IDS.appId,
      buildId: SANDBOX_IDS.committedBuildId,
      status: 'COMMITTED',
      buildSettings: { platforms: 'OMNICHANNEL', defaultLanguageCode: 'en' }
    })
    expect(result.raw.buildId).toBe(SANDBOX_IDS.committedBuildId)
    const call = sb.requests.find((r) => r.rawPath.endsWith('/build/info'))
    expect(call?.rawPath).toBe(
      `/rtm/api/runtime/wks/${SANDBOX_IDS.workspaceId}/app/${SANDBOX_IDS.appId}/build/info`
    )
    expect(call?.headers.authorization).toMatch(/^Bearer /)
    expect(call?.headers['flowx-platform']).toBe('web')
  })

  it('falls back to the 4.x app-only form when the runtime has no workspace route', async () => {
    const { sb, client, connection } = await setup({ apiGeneration: 4 })
    const result = await client.info(connection, ids)

    expect(result.via).toBe('app')
    expect(result.path).toBe(`/api/runtime/app/${SANDBOX_IDS.appId}/build/info`)
    expect(result.info.buildId).toBe(SANDBOX_IDS.committedBuildId)
    expect(sb.requests.filter((r) => r.rawPath.endsWith('/build/info'))).toHaveLength(2)
  })

  it('does not fall back on "entity not found": it names the wrong app id', async () => {
    const { sb, client, connection } = await setup()
    const wrongApp = '9f9f9f9f-0000-4000-8000-000000000001'
    const error = await failure(client.info(connection, { ...ids, appId: wrongApp }))

    expect(error.error).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 })
    expect(error.error.message).toContain(`no app ${wrongApp}`)
    expect(error.error.message).toContain('the app id is wrong')
    expect(sb.requests.filter((r) => r.rawPath.includes('/api/runtime/app/'))).toHaveLength(0)
  })

  it('names the app without an active build', async () => {
    const fixture = structuredClone((await import('../../sandbox')).DEFAULT_FIXTURE)
    const app = fixture.workspaces[0]?.apps.find((a) => a.id === SANDBOX_IDS.appId)
    if (!app) throw new Error('fixture changed')
    app.activePolicy = null
    app.overrides = []
    const { client, connection } = await setup({ fixture })
    const error = await failure(client.info(connection, ids))
    expect(error.error.message).toBe(
      `App ${SANDBOX_IDS.appId} has no active build in workspace ${SANDBOX_IDS.workspaceId}.`
    )
  })

  it('refuses malformed ids before calling anyone', async () => {
    const { sb, client, connection } = await setup()
    const error = await failure(client.info(connection, { ...ids, appId: 'a/b' }))
    expect(error.error.code).toBe('INVALID_INPUT')
    expect(error.error.message).toContain('app id')
    expect(sb.requests).toHaveLength(0)
  })

  it('a runtime tied to another issuer: 401 with its words, token renewed once, then rejected', async () => {
    const { sb, client, tokens, connection } = await setup({ trustedIssuers: [FOREIGN] })
    const error = await failure(client.info(connection, ids))

    expect(error.error.code).toBe('UNAUTHORIZED')
    expect(error.error.message).toBe(
      'FlowX does not accept this token (“The iss claim is not valid”).'
    )
    expect(error.error.hint).toMatch(/issuer/)
    // One fresh token was tried (a GET is safe to repeat), not more.
    expect(grantsSeen(sb)).toEqual(['client_credentials', 'client_credentials'])
    const status = tokens.status('p1', connection.credentials)
    expect(status.state).toBe('rejected')
    expect(status.error?.message).toBe('The iss claim is not valid')

    // Once the runtime trusts the issuer again, a fresh token clears the state.
    sb.setRuntime({})
    await client.info(connection, { ...ids, refresh: true })
    expect(tokens.status('p1', connection.credentials).state).toBe('valid')
  })

  it('a pasted token that FlowX refuses is marked rejected at once', async () => {
    const { sb, tokens, client, connection } = await setup()
    const foreign = sb.issueToken({ sub: 'demo', issuer: FOREIGN })
    const pasted: LaunchConnection = { ...connection, credentials: undefined, token: foreign }
    const error = await failure(client.info(pasted, ids))
    expect(error.error.code).toBe('UNAUTHORIZED')
    expect(tokens.status('p1', { kind: 'static', token: foreign }).state).toBe('rejected')
  })

  it('caches an answer briefly; refresh and expiry ask again', async () => {
    const { sb, client, connection, clock } = await setup()
    const count = (): number => sb.requests.filter((r) => r.rawPath.endsWith('/build/info')).length
    await client.info(connection, ids)
    const again = await client.info(connection, ids)
    expect(again.cached).toBe(true)
    expect(count()).toBe(1)
    await client.info(connection, { ...ids, refresh: true })
    expect(count()).toBe(2)
    clock.offsetMs = 31_000
    const later = await client.info(connection, ids)
    expect(later.cached).toBe(false)
    expect(count()).toBe(3)
  })

  it('reads the build a launched instance runs on, and names an unknown instance', async () => {
    const { sb, client, connection } = await setup()
    const started = await fetch(
      `${sb.baseUrl}/api/runtime/wks/${SANDBOX_IDS.workspaceId}/app/${SANDBOX_IDS.appId}/process-name/${encodeURIComponent('[DOCS]customer_onboarding')}/start`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${sb.demoToken}`, 'Content-Type': 'application/json' },
        body: '{}'
      }
    )
    const { uuid } = (await started.json()) as { uuid: string }
    const result = await client.instanceInfo(connection, uuid)
    expect(result.via).toBe('instance')
    expect(result.info.buildId).toBe(SANDBOX_IDS.committedBuildId)

    const missing = '7e7e7e7e-0000-4000-8000-000000000009'
    const error = await failure(client.instanceInfo(connection, missing))
    expect(error.error.message).toBe(
      `FlowX found no process instance ${missing} on this environment.`
    )
  })

  it('names a base URL that is not a runtime (no build-info route at all)', async () => {
    const { sb, client, connection } = await setup({ apiGeneration: 4 })
    const error = await failure(
      client.info({ ...connection, baseUrl: `${sb.url}/nowhere` }, { ...ids, workspaceId: '' })
    )
    expect(error.error.code).toBe('NOT_FOUND')
    expect(error.error.message).toMatch(/no build-info endpoint/)
  })
})

describe('build info never passes a token on', () => {
  it('masks a token a server echoes in its error body', async () => {
    const { createServer } = await import('node:http')
    const server = createServer((req, res) => {
      const auth = String(req.headers.authorization ?? '')
      res.writeHead(req.url?.includes('/wks/') ? 500 : 401, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ title: `Broken: ${auth}`, detail: `You sent ${auth.slice(7)}` }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const port = (server.address() as { port: number }).port
      const token = `opaque-${'x'.repeat(12)}-canary`
      const { manager: tokens } = testManager()
      const client = new BuildInfoClient({ tokens })
      const connection: LaunchConnection = {
        profileId: 'p1',
        profileName: 'Echo',
        profileColor: 'red',
        baseUrl: `http://127.0.0.1:${port}/rtm`,
        platform: 'web',
        token
      }
      const server500 = await failure(client.info(connection, ids))
      expect(JSON.stringify(server500.error)).not.toContain(token)
      const refused = await failure(client.info(connection, { ...ids, workspaceId: '' }))
      expect(refused.error.code).toBe('UNAUTHORIZED')
      expect(JSON.stringify(refused.error)).not.toContain(token)
      expect(JSON.stringify(tokens.status('p1', { kind: 'static', token }))).not.toContain(token)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
