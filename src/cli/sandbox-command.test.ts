import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { SANDBOX_IDS } from '../sandbox'
import type { LaunchJson } from './launch-report'
import { CliHarness, jsonLines } from './test-support'

/** Split a POSIX command line that uses only single quotes, as the banner writes it. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2])
}

let h: CliHarness
beforeEach(() => {
  h = new CliHarness()
})
afterEach(() => h.cleanup())

describe('sandbox', () => {
  it('prints its URL, fixture ids and a working example, and stops cleanly on SIGINT', async () => {
    const running = h.spawn(['sandbox', '--port', '0'])
    await running.stdout.waitFor('Press Ctrl+C to stop.')
    const text = running.stdout.text

    const baseUrl = /Runtime base URL\s+(\S+)/.exec(text)?.[1] ?? ''
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rtm$/)
    expect(text).toContain(SANDBOX_IDS.workspaceId)
    expect(text).toContain(SANDBOX_IDS.appId)
    expect(text).toContain(`${SANDBOX_IDS.committedBuildId} (COMMITTED)`)

    const example = text.split('\n').find((line) => line.includes('flowx-launcher start')) ?? ''
    const [assignment, runner, command, ...args] = shellWords(example.trim())
    expect(runner).toBe('npx')
    expect(command).toBe('flowx-launcher')
    expect(assignment.startsWith('FLOWX_TOKEN=')).toBe(true)
    const token = assignment.slice('FLOWX_TOKEN='.length)
    expect(text).toMatch(new RegExp(`Demo token\\s+${token}`))

    const launched = await h.run([...args, '--json'], { env: { FLOWX_TOKEN: token } })
    expect(launched.code).toBe(0)
    expect(jsonLines<LaunchJson>(launched.stdout)[0].url).toContain(
      `${baseUrl}/api/runtime/wks/${SANDBOX_IDS.workspaceId}/`
    )
    expect(launched.stdout.text + launched.stderr.text).not.toContain(token)

    running.signals.emit('SIGINT')
    expect(await running.done).toBe(0)
    expect(running.stderr.text).toBe('Sandbox stopped.\n')
    expect(running.signals.listenerCount('SIGINT')).toBe(0)

    // Closed for real: the same call now finds nobody listening.
    const after = await h.run([...args, '--json'], { env: { FLOWX_TOKEN: token } })
    expect(after.code).toBe(3)
    expect(jsonLines<LaunchJson>(after.stdout)[0].error?.code).toBe('NETWORK')
  })

  it('stops on SIGTERM too', async () => {
    const running = h.spawn(['sandbox', '--port', '0'])
    await running.stdout.waitFor('Press Ctrl+C to stop.')
    running.signals.emit('SIGTERM')
    expect(await running.done).toBe(0)
  })

  it('refuses a bad port', async () => {
    const { code, stderr } = await h.run(['sandbox', '--port', 'http'])
    expect(code).toBe(2)
    expect(stderr.text).toContain('--port: a port number from 0 to 65535')
  })
})

describe('sandbox runtime modes', () => {
  it('--flowx4 drops the workspace routes; --trust-issuer makes the runtime refuse its own tokens', async () => {
    const running = h.spawn([
      'sandbox',
      '--port',
      '0',
      '--flowx4',
      '--trust-issuer',
      'https://idp.other.example/realms/flowx'
    ])
    await running.stdout.waitFor('Press Ctrl+C to stop.')
    const text = running.stdout.text
    expect(text).toContain('Runs as FlowX 4.x')
    expect(text).toContain('The iss claim is not valid')
    const baseUrl = /Runtime base URL\s+(\S+)/.exec(text)?.[1] ?? ''
    const token = /Demo token\s+(\S+)/.exec(text)?.[1] ?? ''
    const ask = (path: string): Promise<Response> =>
      fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } })

    const refused = await ask(`/api/runtime/app/${SANDBOX_IDS.appId}/build/info`)
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toContain('The iss claim is not valid')

    running.signals.emit('SIGINT')
    expect(await running.done).toBe(0)

    const v4 = h.spawn(['sandbox', '--port', '0', '--flowx4'])
    await v4.stdout.waitFor('Press Ctrl+C to stop.')
    const base4 = /Runtime base URL\s+(\S+)/.exec(v4.stdout.text)?.[1] ?? ''
    const token4 = /Demo token\s+(\S+)/.exec(v4.stdout.text)?.[1] ?? ''
    const get = (path: string): Promise<Response> =>
      fetch(`${base4}${path}`, { headers: { Authorization: `Bearer ${token4}` } })
    const wks = `/api/runtime/wks/${SANDBOX_IDS.workspaceId}/app/${SANDBOX_IDS.appId}/build/info`
    expect((await get(wks)).status).toBe(404)
    expect((await get(`/api/runtime/app/${SANDBOX_IDS.appId}/build/info`)).status).toBe(200)
    v4.signals.emit('SIGINT')
    expect(await v4.done).toBe(0)
  })

  it('refuses a --trust-issuer that is not a URL', async () => {
    const { code, stderr } = await h.run(['sandbox', '--port', '0', '--trust-issuer', 'flowx'])
    expect(code).toBe(2)
    expect(stderr.text).toContain('--trust-issuer: an issuer URL')
  })
})
