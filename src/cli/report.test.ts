import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { jsonLines, useSandboxFixture } from './test-support'

const fx = useSandboxFixture()

/** Start a launch on the sandbox and return its ledger id. */
async function launch(data = '{"customerId":"C-1001"}'): Promise<string> {
  const started = await fx.h.run([...fx.byBuild(), '--data', data, '--json'])
  expect(started.code).toBe(0)
  const { stdout } = await fx.h.run(['history', '--json', '--limit', '1'])
  return String(jsonLines(stdout)[0]?.id)
}

describe('report', () => {
  it('prints a Markdown report of the launches named, and never the token', async () => {
    const first = await launch()
    const second = await launch('{"customerId":"C-2002"}')
    const { code, stdout, stderr } = await fx.h.run(['report', first, second])

    expect(stderr.text).toBe('')
    expect(code).toBe(0)
    expect(stdout.text).toMatch(/^# Launch report — 2 launches$/m)
    expect(stdout.text).toContain('## 1. \\[DOCS\\]customer\\_onboarding on 127.0.0.1:')
    expect(stdout.text).toContain('"customerId": "C-1001"')
    expect(stdout.text).toContain('"customerId": "C-2002"')
    expect(stdout.text).toMatch(/- \*\*Instance uuid:\*\* [0-9a-f-]{36}/)
    // The harness also checks that the token appears in nothing printed.
    expect(stdout.text).not.toContain(fx.sandbox.demoToken)
  })

  it('writes HTML to a file, without payloads and with hosts masked', async () => {
    const id = await launch()
    const { code, stderr } = await fx.h.run([
      'report',
      id,
      '--format',
      'html',
      '--no-payload',
      '--mask-hosts',
      '--out',
      'report.html'
    ])
    expect(code).toBe(0)
    expect(stderr.text).toMatch(/^Wrote a report of 1 launch to .*report\.html\.$/m)
    const html = readFileSync(join(fx.h.dir, 'report.html'), 'utf8')
    expect(html).toMatch(/^<!doctype html>/)
    expect(html.toLowerCase()).not.toContain('<script')
    expect(html).not.toContain('C-1001')
    expect(html).not.toContain('127.0.0.1')
    expect(html).toContain('http://host-1:')
    expect(html).not.toContain(fx.sandbox.demoToken)
  })

  it.each([
    ['no launches and no ticket', ['report'], 'Pass --ticket REF or launch ids'],
    ['both', ['report', 'abc', '--ticket', 'SUP-1'], 'not both'],
    ['an unknown format', ['report', 'abc', '--format', 'pdf'], '--format: md or html'],
    ['an unknown launch', ['report', 'nope'], 'No launch nope in the history'],
    [
      'a ticket nobody used',
      ['report', '--ticket', 'SUP-404'],
      'No launch carries the ticket SUP-404'
    ]
  ])('refuses %s: exit 2', async (_label, args, message) => {
    const { code, stdout, stderr } = await fx.h.run(args)
    expect(code).toBe(2)
    expect(stdout.text).toBe('')
    expect(stderr.text).toContain(message)
  })
})

describe('report by ticket', () => {
  it('covers every launch of the ticket, failed ones included, oldest first', async () => {
    const ok = await fx.h.run([
      ...fx.byBuild(),
      '--ticket',
      'SUP-4711',
      '--note',
      'first try',
      '--json'
    ])
    expect(ok.code).toBe(0)
    const failed = await fx.h.run([
      ...fx.byBuild('loan request'),
      '--ticket',
      'SUP-4711',
      '--note',
      'needs the amount',
      '--json'
    ])
    expect(failed.code).toBe(1)
    await fx.h.run([...fx.byBuild(), '--ticket', 'OTHER-1', '--data', '{"x":1}', '--json'])

    const listed = await fx.h.run(['history', '--ticket', 'SUP-4711', '--json'])
    const rows = jsonLines(listed.stdout)
    expect(rows.map((r) => [r.ticket, r.note, r.status])).toEqual([
      ['SUP-4711', 'needs the amount', 'failed'],
      ['SUP-4711', 'first try', 'started']
    ])

    const { code, stdout } = await fx.h.run(['report', '--ticket', 'SUP-4711'])
    expect(code).toBe(0)
    expect(stdout.text).toMatch(/^# Launch report — SUP-4711$/m)
    expect(stdout.text).toContain('- **Outcomes:** 1 started, 1 failed')
    expect(stdout.text.indexOf('first try')).toBeLessThan(stdout.text.indexOf('needs the amount'))
    expect(stdout.text).toContain('Some mandatory params are missing.')
    expect(stdout.text).not.toContain('OTHER-1')
  })
})
