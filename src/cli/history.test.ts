import { describe, expect, it } from 'vitest'

import type { LaunchSummary } from '../shared/domain'
import { SANDBOX_IDS } from '../sandbox'
import type { LaunchJson } from './launch-report'
import { jsonLines, useSandboxFixture } from './test-support'

const { appId, committedBuildId } = SANDBOX_IDS
const fx = useSandboxFixture()

/** Launch and return the JSON line. */
async function launch(
  processName: string,
  buildId: string = committedBuildId
): Promise<LaunchJson> {
  const args = ['start', '--base-url', fx.sandbox.baseUrl, '--build', buildId, '--app', appId]
  const { stdout } = await fx.h.run([...args, '--process', processName, '--json'])
  return jsonLines<LaunchJson>(stdout)[0]
}

/** The ledger's order: newest first, the id breaking ties. */
function newestFirst(
  a: { startedAt: string; id: string },
  b: { startedAt: string; id: string }
): number {
  return b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id)
}

describe('history', () => {
  it('lists launches newest first, one JSON object per line', async () => {
    const launches = [
      await launch('[DOCS]customer_onboarding'),
      await launch('parallel_checks'),
      await launch('x', 'no-such-build')
    ]
    const { code, stdout } = await fx.h.run(['history', '--json'])

    expect(code).toBe(0)
    const items = jsonLines<LaunchSummary>(stdout)
    expect(items.map((i) => i.id)).toEqual([...launches].sort(newestFirst).map((l) => l.id))
    // Launched one after the other, so newest first is the reverse of launch order.
    expect(items.map((i) => i.startedAt)).toEqual(launches.map((l) => l.startedAt).reverse())
    expect(items.find((i) => i.processName === 'parallel_checks')).toMatchObject({
      status: 'started',
      tokenCount: 3,
      profileName: new URL(fx.sandbox.baseUrl).host
    })
  })

  it('filters by status, process, search text, profile host and limit', async () => {
    const docs = await launch('[DOCS]customer_onboarding')
    await launch('parallel_checks')
    const failed = await launch('x', 'no-such-build')
    const ids = async (...args: string[]): Promise<string[]> => {
      const { code, stdout } = await fx.h.run(['history', '--json', ...args])
      expect(code).toBe(0)
      return jsonLines<LaunchSummary>(stdout).map((i) => i.id)
    }

    expect(await ids('--status', 'failed')).toEqual([failed.id])
    expect(await ids('--process', '[DOCS]customer_onboarding')).toEqual([docs.id])
    expect(await ids('--search', docs.instance?.uuid ?? '-')).toEqual([docs.id])
    expect(await ids('--limit', '2')).toHaveLength(2)
    expect(await ids('--profile', new URL(fx.sandbox.baseUrl).host)).toHaveLength(3)
    expect(await ids('--profile', 'Local sandbox')).toEqual([])
  })

  it('prints a table with time, profile, mode, process, status, instance and tokens', async () => {
    const started = await launch('parallel_checks')
    await launch('x', 'no-such-build')
    const { code, stdout } = await fx.h.run(['history'])

    expect(code).toBe(0)
    const [header, ...rows] = stdout.lines()
    expect(header.split(/\s{2,}/)).toEqual([
      'TIME',
      'PROFILE',
      'MODE',
      'PROCESS',
      'STATUS',
      'INSTANCE',
      'TOKENS'
    ])
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatch(/build\s+x\s+failed NOT_FOUND\s+-\s+0$/)
    expect(rows[1]).toContain(`${started.instance?.uuid}  3`)
  })

  it('says so when there is nothing to list, and refuses a bad filter', async () => {
    expect((await fx.h.run(['history'])).stdout.text).toBe('No launches found.\n')
    const bad = await fx.h.run(['history', '--status', 'done'])
    expect(bad.code).toBe(2)
    expect(bad.stderr.text).toContain('--status: one of pending, started, failed, unknown')
  })
})
