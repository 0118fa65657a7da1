/**
 * `batch --expect COLUMN`: each row says what FlowX should answer (negative cases included), and
 * the exit code, the NDJSON lines, the summary and the JUnit report judge the rows by it.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { jsonLines, sandboxBatchArgs, useSandboxFixture } from '../test-support'

const fx = useSandboxFixture()

/** The sandbox's "loan request" needs customerId and amount: a null amount is refused with 400. */
const LOAN = '{"customerId":"{{customerId}}","amount":{{amount}}}'

function rowsFile(name: string, csv: string): string {
  const path = join(fx.h.dir, name)
  writeFileSync(path, csv)
  return path
}

function loanBatch(rows: string, ...more: string[]): string[] {
  // A later --process wins over the helper's: the process with mandatory params.
  return sandboxBatchArgs(fx.sandbox, LOAN, rows, '--process', 'loan request', ...more)
}

interface RowLine {
  row: number
  type?: string
  status?: string
  expected?: string
  asExpected?: boolean
  unexpected?: number
  httpStatus?: number | null
}

describe('batch --expect', () => {
  it('passes a run whose refusals were all expected, and says so in every report', async () => {
    const rows = rowsFile(
      'expect-ok.csv',
      'customerId,amount,expected\nC-1,100,\nC-2,null,400\nC-3,250,Started\nC-4,null,4xx|5xx\n'
    )
    const junit = join(fx.h.dir, 'expect-ok.xml')
    const { code, stdout } = await fx.h.run(
      loanBatch(rows, '--expect', 'expected', '--yes', '--json', '--junit', junit)
    )
    expect(code).toBe(0)
    const lines = jsonLines<RowLine>(stdout)
    const byRow = lines.filter((l) => l.type === undefined).sort((a, b) => a.row - b.row)
    expect(byRow.map((l) => [l.row, l.status, l.httpStatus, l.expected, l.asExpected])).toEqual([
      [1, 'started', 200, 'started', true],
      [2, 'failed', 400, '400', true],
      [3, 'started', 200, 'started', true],
      [4, 'failed', 400, '4xx | 5xx', true]
    ])
    expect(lines.at(-1)).toMatchObject({ type: 'summary', started: 2, failed: 2, unexpected: 0 })
    const xml = readFileSync(junit, 'utf8')
    expect(xml).toContain('tests="4" failures="0"')
    expect(xml).toContain(
      'FlowX answered HTTP 400 as expected (400): Some mandatory params are missing.'
    )
  })

  it('fails a row that started where a refusal was expected, or was refused where a start was', async () => {
    const rows = rowsFile(
      'expect-bad.csv',
      'customerId,amount,expected\nC-1,100,400\nC-2,null,\nC-3,null,400\n'
    )
    const junit = join(fx.h.dir, 'expect-bad.xml')
    const { code, stdout, stderr } = await fx.h.run(
      loanBatch(rows, '--expect', 'expected', '--yes', '--junit', junit)
    )
    expect(code).toBe(1)
    expect(stderr.text).toContain('row 1 [C-1] started HTTP 200 (expected 400)')
    expect(stderr.text).toContain('row 2 [C-2] failed HTTP 400 (expected started)')
    // The row refused as it expected is not reported as a problem.
    expect(stderr.text).not.toContain('row 3 [C-3]')
    expect(stdout.text).toContain('2 of 3 rows sent did not get the expected outcome.')
    const xml = readFileSync(junit, 'utf8')
    expect(xml).toContain('tests="3" failures="2"')
    expect(xml).toContain(
      'message="Expected 400, but the process started." type="UNEXPECTED_OUTCOME"'
    )
  })

  it('--summary appends a Markdown summary, as a CI job summary file collects every step', async () => {
    const summary = join(fx.h.dir, 'step-summary.md')
    const bad = rowsFile('sum-bad.csv', 'customerId,amount,expected\nC-1,100,400\nC-2,null,400\n')
    const good = rowsFile('sum-good.csv', 'customerId,amount,expected\nC-3,null,4xx\n')
    const first = await fx.h.run(
      loanBatch(bad, '--expect', 'expected', '--yes', '--summary', summary)
    )
    expect(first.code).toBe(1)
    expect(first.stderr.text).toContain(`Added the summary to ${summary}`)
    const second = await fx.h.run(
      loanBatch(good, '--expect', 'expected', '--yes', '--summary', summary)
    )
    expect(second.code).toBe(0)
    const text = readFileSync(summary, 'utf8')
    const [failed, passed] = text.split(/^(?=### )/m)
    expect(failed).toMatch(/^### ❌ /)
    expect(failed).toContain(
      '| 1 \\[C-1\\] | started | 200 | 400 | Expected 400, but the process started. |'
    )
    expect(failed).not.toContain('C-2')
    expect(passed).toMatch(/^### ✅ /)
    expect(passed).toContain('Every row sent got its expected outcome.')
    expect(text).not.toContain(fx.sandbox.demoToken)
  })

  it('--max-failures counts rows not as expected, so expected refusals do not stop the run', async () => {
    const rows = rowsFile(
      'expect-stop.csv',
      'customerId,amount,expected\nC-1,null,400\nC-2,null,400\nC-3,100,400\nC-4,100,\nC-5,100,\n'
    )
    const { code, stdout } = await fx.h.run(
      loanBatch(
        rows,
        '--expect',
        'expected',
        '--max-failures',
        '1',
        '--concurrency',
        '1',
        '--yes',
        '--json'
      )
    )
    expect(code).toBe(1)
    const summary = jsonLines<RowLine & { stopReason?: string; notSent?: number }>(stdout).at(-1)
    // Rows 1 and 2 were refused as expected; row 3 started against its expectation and stopped it.
    expect(summary).toMatchObject({
      type: 'summary',
      failed: 2,
      started: 1,
      unexpected: 1,
      notSent: 2
    })
    expect(summary?.stopReason).toBe('Stopped after 1 row not as expected.')
  })

  it('refuses a bad cell or a missing column before anything is sent', async () => {
    const rows = rowsFile('expect-typo.csv', 'customerId,amount,expected\nC-1,100,40O\nC-2,100,\n')
    const base = fx.sandbox.requests.length
    const dry = await fx.h.run(loanBatch(rows, '--expect', 'expected', '--dry-run'))
    expect(dry.code).toBe(2)
    expect(dry.stdout.text).toContain('row 1 skipped: The expected outcome “40O” is not one of:')
    expect(dry.stdout.text).toContain('Expected outcomes: 1 started.')

    const missing = await fx.h.run(loanBatch(rows, '--expect', 'outcome', '--yes'))
    expect(missing.code).toBe(2)
    expect(missing.stderr.text).toContain('The rows have no “outcome” column for --expect.')
    expect(missing.stderr.text).toContain('customerId, amount, expected')
    expect(fx.sandbox.requests.length).toBe(base)
  })
})
