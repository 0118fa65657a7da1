/** startProcess against the local FlowX sandbox: what the server sees, and FlowX-shaped answers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Sandbox, SANDBOX_IDS, startSandbox } from '../../sandbox'
import type { StartTarget } from '../../shared/domain'
import { startProcess } from './start'
import type { StartOutcome, StartRequest } from './types'

let sandbox: Sandbox

beforeAll(async () => {
  // Strict brackets: a raw [ or ] in the path would be a 400, so a pass proves the encoding.
  sandbox = await startSandbox({ strictRawBrackets: true, requirePlatformHeader: true })
})

afterAll(async () => {
  await sandbox.close()
})

function byBuild(processName: string, buildId: string = SANDBOX_IDS.committedBuildId): StartTarget {
  return { mode: 'build', appId: SANDBOX_IDS.appId, buildId, processName }
}

function byWorkspace(processName: string): StartTarget {
  return {
    mode: 'workspace',
    workspaceId: SANDBOX_IDS.workspaceId,
    appId: SANDBOX_IDS.appId,
    processName
  }
}

/** Start once and return the outcome with the request the sandbox recorded for it. */
async function launch(target: StartTarget, extra: Partial<StartRequest> = {}) {
  const before = sandbox.requests.length
  const outcome: StartOutcome = await startProcess({
    baseUrl: sandbox.baseUrl,
    platform: 'web',
    token: sandbox.demoToken,
    target,
    payload: {},
    ...extra
  })
  const seen = sandbox.requests.slice(before)
  expect(seen).toHaveLength(1)
  return { outcome, seen: seen[0] }
}

describe('startProcess against the sandbox', () => {
  it('by build: brackets encoded, headers sent, instance read', async () => {
    const { outcome, seen } = await launch(byBuild('[DOCS]customer_onboarding'))
    expect(seen.rawPath).toBe(
      `/rtm/api/runtime/app/${SANDBOX_IDS.appId}/build/${SANDBOX_IDS.committedBuildId}/process-name/%5BDOCS%5Dcustomer_onboarding/start`
    )
    expect(seen.segments).toContain('[DOCS]customer_onboarding')
    expect(seen.headers).toMatchObject({
      authorization: `Bearer ${sandbox.demoToken}`,
      'flowx-platform': 'web',
      'content-type': 'application/json',
      accept: 'application/json'
    })
    expect(seen.body).toBe('{}')
    expect(outcome).toMatchObject({ status: 'started', httpStatus: 200, requestSent: true })
    expect(outcome.instance).toMatchObject({
      state: 'STARTED',
      processDefinitionName: '[DOCS]customer_onboarding',
      buildId: SANDBOX_IDS.committedBuildId,
      buildStatusAtStart: 'COMMITTED'
    })
    expect(outcome.instance?.uuid).toMatch(/^[0-9a-f-]{36}$/)
    expect(outcome.instance?.processInstanceId).toMatch(/^\d+$/)
    expect(outcome.instance?.tokens[0]).toMatchObject({
      state: 'ACTIVE',
      statusCurrentNode: 'ARRIVED'
    })
  })

  it('by build: a space becomes %20 and the payload arrives as sent', async () => {
    const payload = { customerId: 'c-1', amount: 25000 }
    const { outcome, seen } = await launch(byBuild('loan request'), { payload })
    expect(seen.rawPath).toContain('/process-name/loan%20request/start')
    expect(seen.segments).toContain('loan request')
    expect(JSON.parse(seen.body)).toEqual(payload)
    expect(outcome).toMatchObject({
      status: 'started',
      instance: { processDefinitionName: 'loan request' }
    })
  })

  it('by workspace: non-ASCII encoded as UTF-8, Flowx-Platform sent, active build resolved', async () => {
    const { outcome, seen } = await launch(byWorkspace('cerere_împrumut'), { platform: 'mobile' })
    expect(seen.rawPath).toBe(
      `/rtm/api/runtime/wks/${SANDBOX_IDS.workspaceId}/app/${SANDBOX_IDS.appId}/process-name/cerere_%C3%AEmprumut/start`
    )
    expect(seen.segments).toContain('cerere_împrumut')
    expect(seen.headers['flowx-platform']).toBe('mobile')
    expect(outcome).toMatchObject({
      status: 'started',
      instance: { processDefinitionName: 'cerere_împrumut', buildId: SANDBOX_IDS.committedBuildId }
    })
  })

  it('a parallel gateway: every token, with its parent', async () => {
    const { outcome } = await launch(byBuild('parallel_checks'))
    const tokens = outcome.instance?.tokens ?? []
    expect(tokens.map((t) => t.state)).toEqual(['ON_HOLD', 'ACTIVE', 'ACTIVE'])
    expect(tokens[1].parentTokenId).toBe(tokens[0].id)
  })

  it('a "/" in the name is sent as %2F and refused by the firewall, with a hint', async () => {
    const { outcome, seen } = await launch(byBuild('loans/2026'))
    expect(seen.rawPath).toContain('/process-name/loans%2F2026/start')
    expect(outcome).toMatchObject({
      status: 'failed',
      httpStatus: 400,
      error: {
        code: 'VALIDATION',
        message:
          'The request was rejected because the URL contained a potentially malicious String "%2F"'
      }
    })
    expect(outcome.error?.hint).toContain('/ % ; or \\')
  })

  it('404 for a build that does not belong to the app', async () => {
    const { outcome } = await launch(byBuild('[DOCS]customer_onboarding', 'no-such-build'))
    expect(outcome).toMatchObject({ status: 'failed', httpStatus: 404 })
    expect(outcome.error).toMatchObject({
      code: 'NOT_FOUND',
      message: `Entity not found. Build no-such-build does not belong to application ${SANDBOX_IDS.appId}`
    })
    expect(outcome.error?.hint).toContain('build belongs to that app')
  })

  it('404 for a process the build does not publish', async () => {
    const { outcome } = await launch(byBuild('draft_feature'))
    expect(outcome.error).toMatchObject({ code: 'NOT_FOUND' })
    expect(outcome.error?.message).toMatch(/^Process definition not found\./)
    expect(outcome.error?.hint).toContain('committed in that build')
  })

  it('400 for missing mandatory params', async () => {
    const { outcome } = await launch(byBuild('loan request'))
    expect(outcome.error).toMatchObject({
      code: 'VALIDATION',
      hint: 'Add the missing mandatory parameters to the payload.'
    })
    expect(outcome.error?.message).toMatch(/^Some mandatory params are missing\./)
  })

  it('401 for a bad token, without echoing it', async () => {
    const token = 'not-a-valid-token-0123456789'
    const { outcome, seen } = await launch(byBuild('[DOCS]customer_onboarding'), { token })
    expect(seen.headers.authorization).toBe(`Bearer ${token}`)
    expect(outcome).toMatchObject({
      status: 'failed',
      httpStatus: 401,
      error: { code: 'UNAUTHORIZED' }
    })
    expect(outcome.error?.hint).toContain('paste a fresh one')
    expect(JSON.stringify(outcome)).not.toContain(token)
  })

  it('401 for an expired token carries "Jwt expired at …"', async () => {
    const token = sandbox.issueToken({ sub: 'demo', expiresInSec: 60 })
    sandbox.setClockOffset(3600)
    try {
      const { outcome } = await launch(byBuild('[DOCS]customer_onboarding'), { token })
      expect(outcome.error?.code).toBe('UNAUTHORIZED')
      expect(outcome.error?.message).toMatch(/^Jwt expired at /)
    } finally {
      sandbox.setClockOffset(0)
    }
  })

  it('403 for a process guarded by another role', async () => {
    const { outcome } = await launch(byBuild('admin_review'))
    expect(outcome).toMatchObject({
      status: 'failed',
      httpStatus: 403,
      error: { code: 'FORBIDDEN' }
    })
  })

  it('a 500 that echoes the Authorization header does not leak the token', async () => {
    sandbox.setFaults({ echoAuthorization: true })
    try {
      const { outcome, seen } = await launch(byBuild('[DOCS]customer_onboarding'))
      expect(seen.headers.authorization).toBe(`Bearer ${sandbox.demoToken}`)
      expect(outcome).toMatchObject({ status: 'failed', error: { code: 'SERVER' } })
      expect(JSON.stringify(outcome)).not.toContain(sandbox.demoToken)
    } finally {
      sandbox.setFaults(undefined)
    }
  })

  it('a truncated 200 is unknown', async () => {
    sandbox.setFaults({ truncate: true })
    try {
      const { outcome } = await launch(byBuild('[DOCS]customer_onboarding'))
      expect(outcome).toMatchObject({ status: 'unknown', error: { code: 'UNREADABLE_RESPONSE' } })
    } finally {
      sandbox.setFaults(undefined)
    }
  })
})
