/** startProcess refusing to call, or refusing to follow where the server points. */
import { describe, expect, it } from 'vitest'

import type { StartTarget } from '../../shared/domain'
import { startProcess } from './start'
import { sendJson, type TestServer, useTestServers } from './test-servers'
import type { StartRequest } from './types'

const TOKEN = 'TOKEN-91c3e0aa-canary-5e2f'
const BY_BUILD: StartTarget = { mode: 'build', appId: 'a', buildId: 'b', processName: 'p' }
const INSTANCE = { uuid: 'u-1', state: 'STARTED', tokens: [] }

const { serve } = useTestServers()

function request(server: TestServer, extra: Partial<StartRequest> = {}): StartRequest {
  return {
    baseUrl: `${server.url}/rtm`,
    platform: 'web',
    token: TOKEN,
    target: BY_BUILD,
    payload: {},
    ...extra
  }
}

describe('startProcess: refused before sending', () => {
  const refusals: [string, Partial<StartRequest>, string, string][] = [
    [
      'plain http',
      { baseUrl: 'http://example.com/rtm' },
      'INVALID_INPUT',
      'Plain http:// is allowed only for localhost'
    ],
    [
      'a dot-dot id',
      { target: { ...BY_BUILD, appId: '..' } },
      'INVALID_INPUT',
      'The app id cannot be "..".'
    ],
    ['a bad platform', { platform: 'we b' }, 'INVALID_INPUT', 'The platform is one short word'],
    ['a token with a space', { token: 'abc def' }, 'INVALID_INPUT', 'A token has no spaces'],
    ['a token with a newline', { token: 'abc\ndef' }, 'INVALID_INPUT', 'A token has no spaces'],
    [
      'a transport without agents',
      { transport: { proxy: false, route: 'DIRECT' } as never },
      'INTERNAL',
      'network settings'
    ],
    [
      'a payload over 1 MB',
      { payload: { big: 'x'.repeat(1024 * 1024) } },
      'PAYLOAD_TOO_LARGE',
      'FlowX accepts at most 1 MB'
    ],
    [
      'a BigInt',
      { payload: { n: BigInt(1) } },
      'INVALID_PAYLOAD',
      'cannot be sent as a JSON object'
    ]
  ]

  it.each(refusals)('%s', async (_, extra, code, message) => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE))
    const outcome = await startProcess(request(server, extra))
    expect(outcome).toMatchObject({ status: 'failed', requestSent: false, error: { code } })
    expect(outcome.error?.message).toContain(message)
    expect(JSON.stringify(outcome.error)).not.toContain('abc')
    expect(server.received).toHaveLength(0)
  })

  it('checks each base URL in turn, between starts that send to a valid one', async () => {
    const server = await serve((_, res) => sendJson(res, 200, INSTANCE))
    expect((await startProcess(request(server))).status).toBe('started')
    const refused = await startProcess(request(server, { baseUrl: 'http://example.com/rtm' }))
    expect(refused).toMatchObject({ status: 'failed', error: { code: 'INVALID_INPUT' } })
    expect((await startProcess(request(server))).status).toBe('started')
    expect(server.received).toHaveLength(2)
  })

  it('does not follow redirects, and the target receives nothing', async () => {
    for (const status of [302, 307]) {
      const target = await serve((_, res) => sendJson(res, 200, INSTANCE))
      const server = await serve((_, res) => {
        res.writeHead(status, { Location: `${target.url}/steal?token=${TOKEN}` })
        res.end()
      })
      const outcome = await startProcess(request(server))
      expect(outcome).toMatchObject({ status: 'failed', httpStatus: status, requestSent: true })
      expect(outcome.error).toMatchObject({
        code: 'REDIRECT',
        message: `The server redirected to ${target.url}/steal; not followed.`
      })
      expect(target.received).toHaveLength(0)
    }
  })
})
