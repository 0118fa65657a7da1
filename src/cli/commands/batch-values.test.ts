/**
 * The values rows fill in: `--var` for every row and answers to the launch's prompts, and values a
 * row sends as text where the payload has them outside quotes.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { jsonLines, sandboxBatchArgs, useSandboxFixture } from '../test-support'

const fx = useSandboxFixture()

function batchArgs(payload: string, ...more: string[]): string[] {
  const rows = join(fx.h.dir, 'vars-rows.csv')
  writeFileSync(rows, 'customerId\nC-1\nC-2\n')
  return sandboxBatchArgs(fx.sandbox, payload, rows, ...more)
}

/** The payloads the sandbox received since `from`, sorted by customer. */
function sentSince(from: number): Array<Record<string, string>> {
  return fx.sandbox.requests
    .slice(from)
    .map((r) => JSON.parse(r.body) as Record<string, string>)
    .sort((a, b) => a.customerId.localeCompare(b.customerId))
}

describe('batch --var', () => {
  it('fills a variable no column has in every row, and wins over a column it names', async () => {
    const payload = '{"customerId":"{{customerId}}","env":"{{env}}"}'
    let base = fx.sandbox.requests.length
    const filled = await fx.h.run(batchArgs(payload, '--var', 'env=staging', '--yes', '--json'))
    expect(filled.code).toBe(0)
    expect(sentSince(base)).toEqual([
      { customerId: 'C-1', env: 'staging' },
      { customerId: 'C-2', env: 'staging' }
    ])

    base = fx.sandbox.requests.length
    const over = await fx.h.run(
      batchArgs(payload, '--var', 'env=qa', '--var', 'customerId=C-9', '--yes', '--json')
    )
    expect(over.code).toBe(0)
    expect(sentSince(base)).toEqual([
      { customerId: 'C-9', env: 'qa' },
      { customerId: 'C-9', env: 'qa' }
    ])
  })

  it('answers a prompt of the launch once for all rows; unanswered, every row is refused', async () => {
    const payload = '{"customerId":"{{customerId}}","ticket":"{{?Ticket}}"}'
    const base = fx.sandbox.requests.length
    const refused = await fx.h.run(batchArgs(payload, '--yes'))
    expect(refused.code).toBe(2)
    expect(refused.stderr.text).toContain('No row of 2 can be sent')
    expect(fx.sandbox.requests.length).toBe(base)

    const answered = await fx.h.run(batchArgs(payload, '--var', '?Ticket=SUP-7', '--yes', '--json'))
    expect(answered.code).toBe(0)
    const summary = jsonLines<{ type?: string; started?: number }>(answered.stdout).at(-1)
    expect(summary).toMatchObject({ type: 'summary', started: 2 })
    expect(sentSince(base)).toEqual([
      { customerId: 'C-1', ticket: 'SUP-7' },
      { customerId: 'C-2', ticket: 'SUP-7' }
    ])
  })

  it('refuses a --var without a value before anything is read or sent', async () => {
    const base = fx.sandbox.requests.length
    const { code, stderr } = await fx.h.run(
      batchArgs('{"customerId":"{{customerId}}"}', '--var', 'env', '--yes')
    )
    expect(code).toBe(2)
    expect(stderr.text).toContain('--var env: write it as name=value.')
    expect(fx.sandbox.requests.length).toBe(base)
  })
})

describe('batch: values sent as text', () => {
  it('names them in the dry run and before starting, and sends them as strings', async () => {
    const rows = join(fx.h.dir, 'amounts.csv')
    writeFileSync(rows, 'customerId,amount\nC-1,10\nC-2,"12,5"\n')
    const payload = '{"customerId":"{{customerId}}","amount":{{amount}}}'
    const dry = await fx.h.run(sandboxBatchArgs(fx.sandbox, payload, rows, '--dry-run'))
    expect(dry.code).toBe(0)
    expect(dry.stdout.text).toContain(
      'row 2 sends as text: {{amount}} = "12,5" (outside quotes in the payload, but not a number, true, false, null or JSON)'
    )

    const base = fx.sandbox.requests.length
    const run = await fx.h.run(sandboxBatchArgs(fx.sandbox, payload, rows, '--yes'))
    expect(run.code).toBe(0)
    expect(run.stderr.text).toContain('row 2 sends as text: {{amount}} = "12,5"')
    expect(sentSince(base)).toEqual([
      { customerId: 'C-1', amount: 10 },
      { customerId: 'C-2', amount: '12,5' }
    ])
  })
})
