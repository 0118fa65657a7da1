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
    const [assignment, command, ...args] = shellWords(example.trim())
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
