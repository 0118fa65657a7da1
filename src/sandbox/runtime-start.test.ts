import { gunzipSync } from 'node:zlib'

import { describe, expect, it } from 'vitest'

import { DEFAULT_FIXTURE, SANDBOX_IDS } from './fixture'
import { buildStartPath, json, postStart, workspaceStartPath, useSandbox } from './test-support'

const start = useSandbox()

const ONBOARDING = '[DOCS]customer_onboarding'
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('9. a successful start', () => {
  it('returns the instance with every documented field and the runtime headers', async () => {
    const sb = await start()
    const res = await postStart(sb.url, buildStartPath(ONBOARDING), sb.demoToken)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/json')
    expect(res.headers.vary).toBe('Accept-Encoding')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-xss-protection']).toBe('0')
    const body = json(res)
    expect(body).toMatchObject({
      processDefinitionFlowxUuid: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c01',
      buildId: SANDBOX_IDS.committedBuildId,
      buildStatusAtStart: 'COMMITTED',
      applicationId: SANDBOX_IDS.appId,
      processDefinitionName: ONBOARDING,
      state: 'STARTED',
      tokens: [{ id: expect.any(Number), state: 'ACTIVE', statusCurrentNode: 'ARRIVED' }]
    })
    expect(body.uuid).toMatch(UUID_V4)
    expect(body.instanceMetadata).toEqual({
      processInstanceId: expect.any(Number),
      processInstanceUuid: body.uuid
    })
  })

  it('numbers instances and tokens monotonically', async () => {
    const sb = await start()
    const a = json(await postStart(sb.url, buildStartPath(ONBOARDING), sb.demoToken))
    const b = json(await postStart(sb.url, buildStartPath(ONBOARDING), sb.demoToken))
    const id = (x: Record<string, unknown>): number =>
      (x.instanceMetadata as { processInstanceId: number }).processInstanceId
    const token = (x: Record<string, unknown>): number => (x.tokens as Array<{ id: number }>)[0]!.id
    expect(id(b)).toBeGreaterThan(id(a))
    expect(token(b)).toBeGreaterThan(token(a))
    expect(b.uuid).not.toBe(a.uuid)
  })

  it('shows a parallel gateway: ON_HOLD parent and two ACTIVE children pointing at it', async () => {
    const sb = await start()
    const body = json(await postStart(sb.url, buildStartPath('parallel_checks'), sb.demoToken))
    const [parent, left, right] = body.tokens as Array<Record<string, unknown>>
    expect(parent).toEqual({
      id: expect.any(Number),
      state: 'ON_HOLD',
      statusCurrentNode: 'ARRIVED'
    })
    expect(left).toMatchObject({
      state: 'ACTIVE',
      statusCurrentNode: 'EXECUTED_PARTIAL',
      parentTokenId: parent!.id
    })
    expect(right).toMatchObject({
      state: 'ACTIVE',
      statusCurrentNode: 'WAITING_MESSAGE_EVENT',
      parentTokenId: parent!.id
    })
  })

  it('decodes non-ASCII names and serves the root mount too', async () => {
    const sb = await start()
    const res = await postStart(sb.url, buildStartPath('cerere_împrumut'), sb.demoToken)
    expect(json(res).processDefinitionName).toBe('cerere_împrumut')
    const root = buildStartPath(ONBOARDING, undefined, undefined, '')
    expect((await postStart(sb.url, root, sb.demoToken)).status).toBe(200)
  })

  it('serves only /rtm when mountRoot is false (NGINX 404 elsewhere)', async () => {
    const sb = await start({ mountRoot: false })
    const root = buildStartPath(ONBOARDING, undefined, undefined, '')
    const res = await postStart(sb.url, root, sb.demoToken)
    expect(res.status).toBe(404)
    expect(res.text).toContain('nginx')
    expect((await postStart(sb.url, buildStartPath(ONBOARDING), sb.demoToken)).status).toBe(200)
  })

  it('gzips when Accept-Encoding asks, and only then', async () => {
    const sb = await start()
    const zipped = await postStart(
      sb.url,
      buildStartPath(ONBOARDING),
      sb.demoToken,
      {},
      {
        'Accept-Encoding': 'gzip, deflate'
      }
    )
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(zipped.raw).toString()).state).toBe('STARTED')
    const refused = await postStart(
      sb.url,
      buildStartPath(ONBOARDING),
      sb.demoToken,
      {},
      {
        'Accept-Encoding': 'gzip;q=0'
      }
    )
    expect(refused.headers['content-encoding']).toBeUndefined()
    const plain = await postStart(sb.url, buildStartPath(ONBOARDING), sb.demoToken)
    expect(plain.headers['content-encoding']).toBeUndefined()
  })
})

describe('6. resolution', () => {
  it('404s a build that does not belong to the app, with the exact detail', async () => {
    const sb = await start()
    for (const buildId of [SANDBOX_IDS.paymentsBuildId, 'no-such-build']) {
      const path = buildStartPath(ONBOARDING, SANDBOX_IDS.appId, buildId)
      const res = await postStart(sb.url, path, sb.demoToken)
      expect(res.status).toBe(404)
      expect(json(res)).toEqual({
        type: 'https://www.flowx.ai/error',
        title: 'Entity not found.',
        status: 404,
        detail: `Build ${buildId} does not belong to application ${SANDBOX_IDS.appId}`
      })
    }
    const payments = buildStartPath(
      'payment_dispute',
      SANDBOX_IDS.paymentsAppId,
      SANDBOX_IDS.paymentsBuildId
    )
    expect((await postStart(sb.url, payments, sb.demoToken)).status).toBe(200)
  })

  it('uses the active policy, or the user override matched by sub', async () => {
    const sb = await start()
    const demo = json(await postStart(sb.url, workspaceStartPath(ONBOARDING), sb.demoToken))
    expect(demo).toMatchObject({
      buildId: SANDBOX_IDS.committedBuildId,
      buildStatusAtStart: 'COMMITTED'
    })
    const tester = sb.issueToken({ sub: 'tester' })
    const wip = json(await postStart(sb.url, workspaceStartPath(ONBOARDING), tester))
    expect(wip).toMatchObject({
      buildId: SANDBOX_IDS.wipBuildId,
      buildStatusAtStart: 'WORK_IN_PROGRESS'
    })
    expect((await postStart(sb.url, workspaceStartPath('draft_feature'), tester)).status).toBe(200)
    const hidden = await postStart(sb.url, workspaceStartPath('draft_feature'), sb.demoToken)
    expect(hidden.status).toBe(404)
    expect(json(hidden).title).toBe('Process definition not found.')
  })

  it('404s an app outside the workspace, and an app without an active build', async () => {
    const fixture = structuredClone(DEFAULT_FIXTURE)
    const payments = fixture.workspaces[0]!.apps[1]!
    payments.activePolicy = null
    payments.overrides = [{ group: 'beta', buildId: SANDBOX_IDS.paymentsBuildId }]
    const sb = await start({ fixture })
    const elsewhere = await postStart(
      sb.url,
      workspaceStartPath(ONBOARDING, 'other-ws'),
      sb.demoToken
    )
    expect(elsewhere.status).toBe(404)
    expect(json(elsewhere).title).toBe('Entity not found.')
    const path = workspaceStartPath(
      'payment_dispute',
      SANDBOX_IDS.workspaceId,
      SANDBOX_IDS.paymentsAppId
    )
    const none = await postStart(sb.url, path, sb.demoToken)
    expect(none.status).toBe(404)
    expect(String(json(none).detail)).toMatch(/^No active build/)
    const beta = sb.issueToken({ sub: 'someone', groups: ['beta'] })
    expect((await postStart(sb.url, path, beta)).status).toBe(200)
  })
})

describe('7. authorisation', () => {
  it('403s a process whose role the token lacks', async () => {
    const sb = await start()
    const res = await postStart(sb.url, buildStartPath('admin_review'), sb.demoToken)
    expect(res.status).toBe(403)
    expect(json(res)).toEqual({
      type: 'https://www.flowx.ai/error',
      title: 'Forbidden',
      status: 403
    })
    const admin = sb.issueToken({ sub: 'boss', roles: ['FLOWX_ROLE', 'FLOWX_ADMIN'] })
    expect((await postStart(sb.url, buildStartPath('admin_review'), admin)).status).toBe(200)
    const roleless = sb.issueToken({ sub: 'nobody', roles: [] })
    expect((await postStart(sb.url, buildStartPath(ONBOARDING), roleless)).status).toBe(403)
  })
})

describe('8. process rules', () => {
  it('404s an unknown process name', async () => {
    const sb = await start()
    const res = await postStart(sb.url, buildStartPath('no_such_process'), sb.demoToken)
    expect(res.status).toBe(404)
    expect(json(res)).toMatchObject({ title: 'Process definition not found.', status: 404 })
  })

  it('400s missing mandatory params', async () => {
    const sb = await start()
    const path = buildStartPath('loan request')
    const missing = await postStart(sb.url, path, sb.demoToken, { customerId: 'c1' })
    expect(missing.status).toBe(400)
    expect(json(missing)).toMatchObject({
      title: 'Some mandatory params are missing.',
      status: 400
    })
    expect(String(json(missing).detail)).toContain('amount')
    const ok = await postStart(sb.url, path, sb.demoToken, { customerId: 'c1', amount: 100 })
    expect(ok.status).toBe(200)
    expect(json(ok).processDefinitionName).toBe('loan request')
  })

  it('checks start conditions in the 5.9 shape', async () => {
    const sb = await start()
    const path = buildStartPath('account_opening')
    const none = await postStart(sb.url, path, sb.demoToken)
    expect(json(none)).toMatchObject({
      title: 'Multiple start nodes found, but start condition not specified.',
      status: 400
    })
    const wrong = await postStart(sb.url, path, sb.demoToken, { startCondition: 'PX' })
    expect(wrong.status).toBe(400)
    expect(json(wrong)).toMatchObject({
      type: 'https://www.flowx.ai/error',
      title: 'Start node for process definition not found.',
      status: 400
    })
    expect((await postStart(sb.url, path, sb.demoToken, { startCondition: 'PJ' })).status).toBe(200)
  })

  it('answers an unmatched start condition with the documented 4.x body under legacyErrors', async () => {
    const sb = await start({ legacyErrors: true })
    const res = await postStart(sb.url, buildStartPath('account_opening'), sb.demoToken, {
      startCondition: 'PX'
    })
    expect(res.status).toBe(400)
    expect(json(res)).toEqual({
      entityName: 'ai.flowx.process.definition.domain.NodeDefinition',
      defaultMessage: 'Start node for process definition not found.',
      errorKey: 'error.validation.process_instance.start_node_for_process_def_missing',
      type: 'https://www.jhipster.tech/problem/problem-with-message',
      title: 'Start node for process definition not found.',
      status: 400,
      message: 'error.validation.process_instance.start_node_for_process_def_missing',
      params: 'ai.flowx.process.definition.domain.NodeDefinition'
    })
  })
})
