import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { SANDBOX_IDS } from '../sandbox'
import { oneJson as one, useSandboxFixture } from './test-support'

const { appId, committedBuildId, workspaceId } = SANDBOX_IDS
const DOCS = '[DOCS]customer_onboarding'
const fx = useSandboxFixture()

describe('start', () => {
  it('starts by build: exit 0, one JSON line, the encoded name, and a ledger record', async () => {
    const { code, stdout, stderr } = await fx.h.run([...fx.byBuild(), '--json'])

    expect(code).toBe(0)
    expect(stderr.text).toBe('')
    const result = one(stdout)
    const path = `/api/runtime/app/${appId}/build/${committedBuildId}/process-name/%5BDOCS%5Dcustomer_onboarding/start`
    expect(result).toMatchObject({ status: 'started', url: fx.sandbox.baseUrl + path, error: null })
    expect(result.instance?.uuid).toMatch(/^[0-9a-f-]{36}$/)
    expect(result.instance?.state).toBe('STARTED')
    expect(result.instance?.tokens.length).toBeGreaterThan(0)
    expect(typeof result.durationMs).toBe('number')

    const request = fx.lastRequest()
    expect(request.rawPath).toBe(`/rtm${path}`)
    expect(request.headers.authorization).toBe(`Bearer ${fx.sandbox.demoToken}`)
    expect(request.headers['flowx-platform']).toBe('web')
    const record = fx.h.withLedger((ledger) => ledger.get(result.id))
    expect(record).toMatchObject({
      status: 'started',
      mode: 'build',
      processName: DOCS,
      payload: '{}'
    })
    expect(record?.instance?.uuid).toBe(result.instance?.uuid)
  })

  it('starts by workspace and prints the instance and its tokens as text', async () => {
    const { code, stdout } = await fx.h.run([
      'start',
      '--base-url',
      fx.sandbox.baseUrl,
      '--workspace',
      workspaceId,
      '--app',
      appId,
      '--process',
      'parallel_checks',
      '--platform',
      'mobile'
    ])

    expect(code).toBe(0)
    const [record] = fx.h.withLedger((ledger) => ledger.search({}).items) ?? []
    expect(record).toMatchObject({
      status: 'started',
      mode: 'workspace',
      workspaceId,
      tokenCount: 3
    })
    expect(stdout.text).toContain('Started parallel_checks')
    expect(stdout.text).toContain(record.instanceUuid)
    expect(stdout.text).toMatch(/TOKEN\s+STATE\s+CURRENT NODE\s+PARENT/)
    expect(stdout.text).toContain('WAITING_MESSAGE_EVENT')
    expect(fx.lastRequest().rawPath).toBe(
      `/rtm/api/runtime/wks/${workspaceId}/app/${appId}/process-name/parallel_checks/start`
    )
    expect(fx.lastRequest().headers['flowx-platform']).toBe('mobile')
  })

  it('notes a base URL without /rtm on stderr and still starts', async () => {
    const args = [
      'start',
      '--base-url',
      fx.sandbox.url,
      '--build',
      committedBuildId,
      '--app',
      appId
    ]
    const { code, stdout, stderr } = await fx.h.run([...args, '--process', DOCS, '--json'])

    expect(code).toBe(0)
    expect(one(stdout).status).toBe('started')
    expect(stderr.text).toBe('Note: The runtime base usually ends in /rtm.\n')
  })

  it('sends the payload of --data @file', async () => {
    const payload = '{"customerId": "c-1", "amount": 25000}'
    writeFileSync(join(fx.h.dir, 'payload.json'), `\ufeff${payload}`)
    const { code, stdout } = await fx.h.run([
      ...fx.byBuild('loan request'),
      '--data',
      '@payload.json',
      '--json'
    ])

    expect(code).toBe(0)
    expect(JSON.parse(fx.lastRequest().body)).toEqual({ customerId: 'c-1', amount: 25000 })
    expect(fx.h.withLedger((ledger) => ledger.get(one(stdout).id)?.payload)).toBe(payload)
  })

  it('sends the payload read from standard input with --data -', async () => {
    const { code, stdout } = await fx.h.run(
      [...fx.byBuild('loan request'), '--data', '-', '--json'],
      {
        stdin: '{"customerId":"c-2",\n"amount":1}\n'
      }
    )

    expect(code).toBe(0)
    expect(one(stdout).status).toBe('started')
    expect(JSON.parse(fx.lastRequest().body)).toEqual({ customerId: 'c-2', amount: 1 })
  })

  const refused: Array<[string, string[], Record<string, string | undefined>, string]> = [
    ['invalid JSON', ['--data', '{"a": 1,}'], {}, 'Invalid JSON at line 1'],
    ['a JSON array', ['--data', '[1]'], {}, 'must be a JSON object'],
    ['a missing payload file', ['--data', '@nope.json'], {}, 'Could not read the payload file'],
    ['no FLOWX_TOKEN', [], { FLOWX_TOKEN: undefined }, 'FLOWX_TOKEN is not set'],
    ['a bad id', ['--build', 'a/b'], {}, '--build: Use only letters, digits'],
    ['a dot-dot id', ['--build', '..'], {}, 'The build id cannot be ".."'],
    ['both modes', ['--workspace', workspaceId], {}, 'either --build ID or --workspace ID'],
    ['a bad timeout', ['--timeout', '0'], {}, '--timeout:'],
    ['a bad platform', ['--platform', 'web mobile'], {}, '--platform:']
  ]

  it.each(refused)(
    'refuses %s: exit 2, one stderr line, nothing sent or recorded',
    async (_l, extra, env, message) => {
      const sent = fx.sandbox.requests.length
      const { code, stdout, stderr } = await fx.h.run([...fx.byBuild(), ...extra, '--json'], {
        env
      })

      expect(code).toBe(2)
      expect(stdout.text).toBe('')
      expect(stderr.lines()).toHaveLength(1)
      expect(stderr.text).toContain(message)
      expect(fx.sandbox.requests.length).toBe(sent)
      expect(fx.h.recordCount()).toBe(0)
    }
  )

  it.each([
    [
      'a base URL that is not http(s)',
      ['--base-url', 'ftp://example.com/rtm'],
      'Use an https:// URL'
    ],
    ['plain http to a remote host', ['--base-url', 'http://example.com/rtm'], 'Use https://'],
    ['an unknown profile', ['--profile', 'Nowhere'], 'No profile named “Nowhere”'],
    [
      'both --base-url and --profile',
      ['--base-url', 'https://x.example/rtm', '--profile', 'P'],
      'either'
    ],
    [
      'a --token flag',
      ['--base-url', 'https://x.example/rtm', '--token=abcdef123'],
      'no --token flag'
    ]
  ])('refuses %s: exit 2, nothing sent or recorded', async (_label, where, message) => {
    const sent = fx.sandbox.requests.length
    const args = ['start', ...where, '--build', committedBuildId, '--app', appId, '--process', DOCS]
    const { code, stderr } = await fx.h.run(args)

    expect(code).toBe(2)
    expect(stderr.lines()).toHaveLength(1)
    expect(stderr.text).toContain(message)
    expect(stderr.text).not.toContain('abcdef123')
    expect(fx.sandbox.requests.length).toBe(sent)
    expect(fx.h.recordCount()).toBe(0)
  })
})
