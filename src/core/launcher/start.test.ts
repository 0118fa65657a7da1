/** startProcess over real HTTP on 127.0.0.1: success and every kind of error answer. */
import { gzipSync } from 'node:zlib'

import { describe, expect, it } from 'vitest'

import type { StartTarget } from '../../shared/domain'
import { startProcess } from './start'
import { sendJson, type TestServer, useTestServers } from './test-servers'
import type { StartRequest } from './types'

const TOKEN = 'TOKEN-5f1c2a9e-canary-7d3b'
const BY_BUILD: StartTarget = {
  mode: 'build',
  appId: 'app-1',
  buildId: 'build-1',
  processName: '[DOCS]customer_onboarding'
}
const INSTANCE = {
  uuid: '0f1e2d3c-aaaa-bbbb-cccc-000000000001',
  state: 'STARTED',
  processDefinitionName: '[DOCS]customer_onboarding',
  applicationId: 'app-1',
  buildId: 'build-1',
  buildStatusAtStart: 'COMMITTED',
  tokens: [{ id: 2112691, state: 'ACTIVE', statusCurrentNode: 'ARRIVED' }],
  instanceMetadata: {
    processInstanceId: 42,
    processInstanceUuid: '0f1e2d3c-aaaa-bbbb-cccc-000000000001'
  }
}

const { serve } = useTestServers()

function request(server: TestServer, extra: Partial<StartRequest> = {}): StartRequest {
  return {
    baseUrl: `${server.url}/rtm/`,
    platform: 'web',
    token: TOKEN,
    target: BY_BUILD,
    payload: { customerEmail: 'alice@example.com', loanAmount: 25000 },
    ...extra
  }
}

/** Answer every request with `status` and `body`, then start once. */
async function startAgainst(
  status: number,
  body: unknown,
  contentType?: string,
  headers: Record<string, string> = {}
) {
  const server = await serve((_, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
    sendJson(res, status, body, contentType)
  })
  return { server, outcome: await startProcess(request(server)) }
}

describe('startProcess: success', () => {
  it('starts by build with the encoded path, headers and body', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE))
    const outcome = await startProcess(request(server))
    expect(outcome).toMatchObject({ status: 'started', httpStatus: 200, requestSent: true })
    expect(outcome.error).toBeUndefined()
    expect(outcome.instance).toEqual({
      uuid: INSTANCE.uuid,
      state: 'STARTED',
      processInstanceId: '42',
      processDefinitionName: '[DOCS]customer_onboarding',
      applicationId: 'app-1',
      buildId: 'build-1',
      buildStatusAtStart: 'COMMITTED',
      tokens: [{ id: '2112691', state: 'ACTIVE', statusCurrentNode: 'ARRIVED' }]
    })
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0)
    const [seen] = server.received
    expect(server.received).toHaveLength(1)
    expect(seen.method).toBe('POST')
    expect(seen.url).toBe(
      '/rtm/api/runtime/app/app-1/build/build-1/process-name/%5BDOCS%5Dcustomer_onboarding/start'
    )
    expect(seen.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      accept: 'application/json',
      'flowx-platform': 'web'
    })
    expect(JSON.parse(seen.body)).toEqual({ customerEmail: 'alice@example.com', loanAmount: 25000 })
  })

  it('starts by workspace, sending Flowx-Platform there too', async () => {
    const server = await serve((_, res) => sendJson(res, 200, { uuid: 'u-1', state: 'STARTED' }))
    const target: StartTarget = {
      mode: 'workspace',
      workspaceId: 'wks-1',
      appId: 'app-1',
      processName: 'cerere_împrumut'
    }
    const outcome = await startProcess(request(server, { target, platform: 'mobile' }))
    expect(outcome).toMatchObject({ status: 'started', instance: { uuid: 'u-1', tokens: [] } })
    expect(server.received[0].url).toBe(
      '/rtm/api/runtime/wks/wks-1/app/app-1/process-name/cerere_%C3%AEmprumut/start'
    )
    expect(server.received[0].headers['flowx-platform']).toBe('mobile')
  })

  it('leaves Authorization out when there is no token', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE))
    await startProcess(request(server, { token: '  ' }))
    await startProcess(request(server, { token: undefined }))
    expect(server.received.map((r) => r.headers.authorization)).toEqual([undefined, undefined])
  })

  it('sends each start its own token and platform, whatever the start before it sent', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE))
    const sends: Array<Partial<StartRequest>> = [
      { token: 'TOKEN-first-0001', platform: 'web' },
      { token: 'TOKEN-second-0002', platform: 'web' },
      { token: undefined, platform: 'web' },
      { token: 'TOKEN-second-0002', platform: 'mobile' },
      { token: 'TOKEN-first-0001', platform: 'web' }
    ]
    for (const extra of sends) {
      expect((await startProcess(request(server, extra))).status).toBe('started')
    }
    expect(
      server.received.map((r) => [r.headers.authorization, r.headers['flowx-platform']])
    ).toEqual([
      ['Bearer TOKEN-first-0001', 'web'],
      ['Bearer TOKEN-second-0002', 'web'],
      [undefined, 'web'],
      ['Bearer TOKEN-second-0002', 'mobile'],
      ['Bearer TOKEN-first-0001', 'web']
    ])
  })

  it('reads a gzip-compressed answer', async () => {
    const server = await serve((_, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
      res.end(gzipSync(JSON.stringify(INSTANCE)))
    })
    expect(await startProcess(request(server))).toMatchObject({ status: 'started' })
  })
})

describe('startProcess: error answers', () => {
  it('404 problem+json, FlowX 5.9 shape', async () => {
    const body = {
      type: 'https://www.flowx.ai/error',
      title: 'Entity not found.',
      status: 404,
      detail: 'Build build-1 does not belong to application app-1'
    }
    const { outcome } = await startAgainst(404, body, 'application/problem+json')
    expect(outcome).toMatchObject({ status: 'failed', httpStatus: 404, requestSent: true })
    expect(outcome.error).toEqual({
      code: 'NOT_FOUND',
      message: 'Entity not found. Build build-1 does not belong to application app-1',
      hint: 'Check the app id and build id, and that the build belongs to that app.',
      httpStatus: 404
    })
  })

  it('404 "Process definition not found."', async () => {
    const body = {
      type: 'https://www.flowx.ai/error',
      title: 'Process definition not found.',
      status: 404
    }
    const { outcome } = await startAgainst(404, body, 'application/problem+json')
    expect(outcome.error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Process definition not found.',
      hint: 'Check the process name (case, brackets and spaces count) and that the process is committed in that build.'
    })
  })

  it('400 problem+json, JHipster shape', async () => {
    const body = {
      entityName: 'ai.flowx.process.definition.domain.NodeDefinition',
      defaultMessage: 'Start node for process definition not found.',
      errorKey: 'error.validation.process_instance.start_node_for_process_def_missing',
      type: 'https://www.jhipster.tech/problem/problem-with-message',
      title: 'Start node for process definition not found.',
      status: 400,
      message: 'error.validation.process_instance.start_node_for_process_def_missing',
      params: 'ai.flowx.process.definition.domain.NodeDefinition'
    }
    const { outcome } = await startAgainst(400, body, 'application/problem+json')
    expect(outcome.error).toEqual({
      code: 'VALIDATION',
      message: 'Start node for process definition not found.',
      detail: 'Error key: error.validation.process_instance.start_node_for_process_def_missing',
      hint: 'No start node matches: check the "startCondition" in the payload.',
      httpStatus: 400
    })
  })

  it('400 mandatory params', async () => {
    const body = { title: 'Some mandatory params are missing.', status: 400 }
    const { outcome } = await startAgainst(400, body, 'application/problem+json')
    expect(outcome.error).toMatchObject({
      message: 'Some mandatory params are missing.',
      hint: 'Add the missing mandatory parameters to the payload.'
    })
  })

  it("Spring's default error body", async () => {
    const body = {
      timestamp: '2026-11-23T10:00:00Z',
      status: 500,
      error: 'Internal Server Error',
      message: 'Kafka send failed',
      path: '/api/runtime/x'
    }
    const { outcome } = await startAgainst(500, body)
    expect(outcome).toMatchObject({ status: 'failed', httpStatus: 500 })
    expect(outcome.error).toMatchObject({
      code: 'SERVER',
      message: 'Kafka send failed',
      detail: 'Internal Server Error',
      hint: 'Check FlowX Designer → Failed process start for this process.'
    })
  })

  it('OAuth error body on 401', async () => {
    const { outcome } = await startAgainst(401, {
      error: 'invalid_token',
      error_description: 'Token is not active'
    })
    expect(outcome.error).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Token is not active',
      hint: 'The token has expired or is not valid for this server: paste a fresh one.'
    })
  })

  it('401 with an empty body: the reason comes from WWW-Authenticate', async () => {
    const challenge =
      'Bearer error="invalid_token", error_description="Jwt expired at 2026-11-23T09:00:00Z", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"'
    const { outcome } = await startAgainst(401, '', 'text/plain', { 'WWW-Authenticate': challenge })
    expect(outcome).toMatchObject({ status: 'failed', httpStatus: 401 })
    expect(outcome.error).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Jwt expired at 2026-11-23T09:00:00Z'
    })
  })

  it('403 with an empty body', async () => {
    const { outcome } = await startAgainst(403, '')
    expect(outcome.error).toMatchObject({ code: 'FORBIDDEN', message: '403 Forbidden' })
    expect(outcome.error?.hint).toContain('role')
  })

  it('413 HTML page from the ingress', async () => {
    const html =
      '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>'
    const { outcome } = await startAgainst(413, html, 'text/html')
    expect(outcome.error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: '413 Request Entity Too Large',
      hint: "A proxy or gateway in front of FlowX may allow less than FlowX's 1 MB: remove large values, or ask for that limit."
    })
  })

  it('502 HTML page: first line as message, stripped text as detail', async () => {
    const html =
      '<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.25.3</center><script>alert(1)</script></body></html>'
    const { outcome } = await startAgainst(502, html, 'text/html; charset=utf-8')
    expect(outcome).toMatchObject({ status: 'failed', httpStatus: 502 })
    expect(outcome.error).toMatchObject({
      code: 'SERVER',
      message: '502 Bad Gateway',
      detail: '502 Bad Gateway\n502 Bad Gateway\nnginx/1.25.3'
    })
  })

  it('504 from the gateway is unknown: FlowX may have finished the start', async () => {
    const { outcome } = await startAgainst(504, '<h1>504 Gateway Time-out</h1>', 'text/html')
    expect(outcome).toMatchObject({ status: 'unknown', httpStatus: 504, error: { code: 'SERVER' } })
    expect(outcome.error?.hint).toContain('check FlowX before launching again')
  })

  it('other 4xx: HTTP_ERROR with the status line', async () => {
    const { outcome } = await startAgainst(415, '')
    expect(outcome.error).toMatchObject({
      code: 'HTTP_ERROR',
      message: '415 Unsupported Media Type'
    })
  })

  it('200 with garbage is unknown', async () => {
    const { outcome } = await startAgainst(200, 'definitely not json', 'text/plain')
    expect(outcome).toMatchObject({ status: 'unknown', httpStatus: 200, requestSent: true })
    expect(outcome.error).toMatchObject({
      code: 'UNREADABLE_RESPONSE',
      message: 'The server answered 200 OK, but the response is not JSON.',
      detail: 'definitely not json',
      hint: 'FlowX may have started the process: check FlowX before launching again.'
    })
  })

  it('200 JSON without a uuid is unknown', async () => {
    const { outcome } = await startAgainst(200, { state: 'STARTED' })
    expect(outcome).toMatchObject({ status: 'unknown', instance: { state: 'STARTED' } })
    expect(outcome.error?.message).toBe('The server answered 200 OK without an instance uuid.')
  })

  it('200 with an HTML login page is unknown, and says so', async () => {
    const { outcome } = await startAgainst(200, '<html><title>Sign in</title></html>', 'text/html')
    expect(outcome.error?.message).toBe(
      'The server answered 200 OK with a web page, not a FlowX instance.'
    )
  })

  it('never echoes the token or a Bearer credential from an error body', async () => {
    const server = await serve((seen, res) => {
      const echo = `Header was ${seen.headers.authorization}; raw ${TOKEN}; other Bearer abc.def.ghi; jwt eyJhbGciOi.eyJzdWIiOi.c2ln`
      sendJson(res, 500, {
        timestamp: 'x',
        status: 500,
        error: 'Internal Server Error',
        message: echo,
        path: '/'
      })
    })
    const outcome = await startProcess(request(server))
    expect(server.received[0].headers.authorization).toBe(`Bearer ${TOKEN}`)
    const text = JSON.stringify(outcome)
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain('abc.def.ghi')
    expect(text).not.toContain('eyJhbGciOi')
    expect(outcome.error?.message).toBe(
      'Header was Bearer ••••; raw ••••; other Bearer ••••; jwt ••••'
    )
  })
})
