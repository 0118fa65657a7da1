import { afterEach, describe, expect, it } from 'vitest'

import { SANDBOX_IDS } from './fixture'
import { startSandbox } from './server'
import { json, postStart, rawRequest, startHeaders, workspaceStartPath } from './test-support'
import type { Sandbox } from './types'

let sandbox: Sandbox | undefined

async function start(): Promise<Sandbox> {
  sandbox = await startSandbox()
  return sandbox
}

afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

const ONBOARDING = '[DOCS]customer_onboarding'

describe('build info', () => {
  const info = (path: string, token: string): ReturnType<typeof rawRequest> =>
    rawRequest(sandbox!.url, path, { headers: startHeaders(token) })

  it('returns the active build per workspace, per user, and by the 4.x app-only path', async () => {
    const sb = await start()
    const wks = `/rtm/api/runtime/wks/${SANDBOX_IDS.workspaceId}/app/${SANDBOX_IDS.appId}/build/info`
    const demo = json(await info(wks, sb.demoToken))
    expect(demo).toMatchObject({
      workspaceId: SANDBOX_IDS.workspaceId,
      applicationId: SANDBOX_IDS.appId,
      buildId: SANDBOX_IDS.committedBuildId,
      buildSettings: { platforms: 'OMNICHANNEL', defaultLanguageCode: 'en' }
    })
    const tester = json(await info(wks, sb.issueToken({ sub: 'tester' })))
    expect(tester.buildId).toBe(SANDBOX_IDS.wipBuildId)
    const legacy = json(
      await info(`/rtm/api/runtime/app/${SANDBOX_IDS.appId}/build/info`, sb.demoToken)
    )
    expect(legacy.buildId).toBe(SANDBOX_IDS.committedBuildId)
    const unknown = await info(
      `/rtm/api/runtime/wks/other/app/${SANDBOX_IDS.appId}/build/info`,
      sb.demoToken
    )
    expect(unknown.status).toBe(404)
    expect((await rawRequest(sb.url, wks)).status).toBe(401)
  })

  it('returns the build an instance was started on', async () => {
    const sb = await start()
    const tester = sb.issueToken({ sub: 'tester' })
    const started = json(await postStart(sb.url, workspaceStartPath(ONBOARDING), tester))
    const res = await info(
      `/rtm/api/runtime/process-instance/${String(started.uuid)}/build/info`,
      sb.demoToken
    )
    expect(json(res)).toMatchObject({
      workspaceId: SANDBOX_IDS.workspaceId,
      buildId: SANDBOX_IDS.wipBuildId,
      buildSettings: { applicationVersionId: '7b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d02' }
    })
    const missing = await info('/rtm/api/runtime/process-instance/nope/build/info', sb.demoToken)
    expect(missing.status).toBe(404)
    expect(json(missing).title).toBe('Entity not found.')
  })
})

describe('runtime modes', () => {
  const wksInfo = `/rtm/api/runtime/wks/${SANDBOX_IDS.workspaceId}/app/${SANDBOX_IDS.appId}/build/info`
  const appInfo = `/rtm/api/runtime/app/${SANDBOX_IDS.appId}/build/info`

  it('a 4.x runtime has no workspace routes: 404 Not Found, while the app-only form answers', async () => {
    const sb = await startSandbox({ apiGeneration: 4 })
    sandbox = sb
    const missing = await rawRequest(sb.url, wksInfo, { headers: startHeaders(sb.demoToken) })
    expect(missing.status).toBe(404)
    expect(json(missing).title).toBe('Not Found')
    const started = await postStart(sb.url, workspaceStartPath(ONBOARDING), sb.demoToken)
    expect(started.status).toBe(404)
    const legacy = await rawRequest(sb.url, appInfo, { headers: startHeaders(sb.demoToken) })
    expect(json(legacy).buildId).toBe(SANDBOX_IDS.committedBuildId)
    sb.setRuntime({ apiGeneration: 5 })
    const back = await rawRequest(sb.url, wksInfo, { headers: startHeaders(sb.demoToken) })
    expect(back.status).toBe(200)
  })

  it('a runtime tied to another identity provider refuses the sandbox’s own tokens', async () => {
    const sb = await start()
    sb.setRuntime({ trustedIssuers: ['https://idp.other.example/realms/flowx'] })
    const refused = await rawRequest(sb.url, wksInfo, { headers: startHeaders(sb.demoToken) })
    expect(refused.status).toBe(401)
    expect(refused.headers['www-authenticate']).toContain('The iss claim is not valid')
    const foreign = sb.issueToken({ sub: 'demo', issuer: 'https://idp.other.example/realms/flowx' })
    const taken = await rawRequest(sb.url, wksInfo, { headers: startHeaders(foreign) })
    expect(taken.status).toBe(200)
    sb.setRuntime({})
    const own = await rawRequest(sb.url, wksInfo, { headers: startHeaders(sb.demoToken) })
    expect(own.status).toBe(200)
  })
})
