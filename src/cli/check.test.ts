import { readdirSync } from 'node:fs'
import { createServer } from 'node:net'

import { describe, expect, it } from 'vitest'

import { SANDBOX_IDS } from '../sandbox'
import type { HealthReport } from '../shared/domain'
import { jsonLines, useSandboxFixture } from './test-support'

const fx = useSandboxFixture({ withToken: false })

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (typeof address !== 'object' || address === null) throw new Error('no port')
  return address.port
}

const clientFlags = (): string[] => [
  '--issuer',
  `${fx.sandbox.url}/realms/flowx`,
  '--client-id',
  SANDBOX_IDS.clientId
]

describe('check', () => {
  it('checks the Local sandbox: one line per item, exit 0, nothing started', async () => {
    const starts = fx.sandbox.requests.length
    const { code, stdout, stderr } = await fx.h.run(['check', '--profile', 'Local sandbox'])

    expect(stderr.text).toBe('')
    expect(code).toBe(0)
    const lines = stdout.lines()
    expect(lines[0]).toMatch(
      /^ok {3}Runtime +http:\/\/127\.0\.0\.1:\d+\/rtm is reachable \(\d+ ms\)\.$/
    )
    expect(lines.some((line) => /^skip Certificate +Plain http/.test(line))).toBe(true)
    expect(
      lines.some((line) => /^ok {3}Token +Issued for .*; FlowX accepts it\.$/.test(line))
    ).toBe(true)
    expect(
      lines.some((line) => /^ok {3}Active build +Build [0-9a-f-]+ \(COMMITTED\)/.test(line))
    ).toBe(true)
    expect(lines.some((line) => /^ok {3}Default ids/.test(line))).toBe(true)
    expect(fx.sandbox.requests.slice(starts).some((r) => r.rawPath.endsWith('/start'))).toBe(false)
    expect(fx.h.recordCount()).toBe(0)
  })

  it('checks ad hoc with client credentials and prints the report as JSON', async () => {
    const { code, stdout } = await fx.h.run(
      ['check', '--base-url', fx.sandbox.baseUrl, ...clientFlags(), '--json'],
      { env: { FLOWX_CLIENT_SECRET: SANDBOX_IDS.clientSecret } }
    )

    expect(code).toBe(0)
    const [report] = jsonLines<HealthReport>(stdout)
    expect(report.profileName).toBe(new URL(fx.sandbox.url).host)
    expect(report.items.map((item) => [item.key, item.status])).toEqual([
      ['base-url', 'ok'],
      ['tls', 'skip'],
      ['proxy', 'ok'],
      ['token', 'ok'],
      ['clock', expect.stringMatching(/ok|skip/)]
    ])
    fx.tokens.push(SANDBOX_IDS.clientSecret)
    // An ad hoc check leaves no profile behind.
    const { stdout: listed } = await fx.h.run(['profiles', '--json'])
    expect(jsonLines(listed).map((p) => p.name)).toEqual(['Local sandbox'])
  })

  it('fails the runtime item on a closed port: exit 1', async () => {
    const port = await closedPort()
    const { code, stdout } = await fx.h.run(
      ['check', '--base-url', `http://127.0.0.1:${port}/rtm`],
      { env: { FLOWX_TOKEN: fx.sandbox.demoToken } }
    )
    fx.tokens.push(fx.sandbox.demoToken)

    expect(code).toBe(1)
    expect(stdout.lines()[0]).toMatch(
      new RegExp(`^FAIL Runtime +http://127\\.0\\.0\\.1:${port}/rtm: `)
    )
    expect(stdout.text).toMatch(/^skip Certificate/m)
  })

  it('fails the token item for a wrong client secret: exit 1, no secret printed', async () => {
    const { code, stdout } = await fx.h.run(
      ['check', '--base-url', fx.sandbox.baseUrl, ...clientFlags()],
      { env: { FLOWX_CLIENT_SECRET: 'not-the-secret-123' } }
    )

    expect(code).toBe(1)
    expect(stdout.text).toMatch(
      /^FAIL Token +The identity provider at .* rejected the client secret/m
    )
    expect(stdout.text).not.toContain('not-the-secret-123')
  })

  it.each([
    ['no target', ['check'], {}, 'Pass --base-url URL'],
    ['no token', ['check', '--base-url', 'http://127.0.0.1:1/rtm'], {}, 'FLOWX_TOKEN is not set'],
    ['an unknown profile', ['check', '--profile', 'Nowhere'], {}, 'No profile named “Nowhere”'],
    [
      'a --client-secret flag',
      ['check', '--profile', 'Local sandbox', '--client-secret', 'abcdef123'],
      {},
      'no --client-secret flag'
    ]
  ])('refuses %s: exit 2', async (_label, args, env, message) => {
    const { code, stdout, stderr } = await fx.h.run(args, { env })

    expect(code).toBe(2)
    expect(stdout.text).toBe('')
    expect(stderr.lines()).toHaveLength(1)
    expect(stderr.text).toContain(message)
    expect(stderr.text).not.toContain('abcdef123')
  })

  it('writes no data directory for a refused check', async () => {
    await fx.h.run(['check', '--base-url', 'http://127.0.0.1:1/rtm'])
    expect(() => readdirSync(fx.h.dataDir)).toThrow()
  })
})

describe('check asks FlowX with the token', () => {
  it('fails the token item when the runtime refuses tokens of this issuer: exit 1', async () => {
    fx.sandbox.setRuntime({ trustedIssuers: ['https://idp.other.example/realms/flowx'] })
    try {
      const { code, stdout } = await fx.h.run(
        ['check', '--base-url', fx.sandbox.baseUrl, ...clientFlags()],
        { env: { FLOWX_CLIENT_SECRET: SANDBOX_IDS.clientSecret } }
      )
      expect(code).toBe(1)
      expect(stdout.text).toMatch(/^ok {3}Runtime +\S+ is reachable/m)
      expect(stdout.text).toMatch(
        /^FAIL Token +FlowX does not accept this token \(“The iss claim is not valid”\)\./m
      )
      expect(stdout.text).not.toMatch(/\b401\b(?!\s?ms)/)
    } finally {
      fx.sandbox.setRuntime({})
    }
  })
})
