import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'

import type { BatchRecord } from '../../shared/domain'
import { exportFormatOf, rowsToCsv, rowsToJson, rowsToJunit, testcaseName } from './export'
import type { RowOutcome } from './types'

const SCHEMA = join(__dirname, 'fixtures', 'junit.xsd')

const batch: BatchRecord = {
  id: 'b-1',
  createdAt: '2026-12-06T10:00:00.000Z',
  profileId: 'p1',
  profileName: 'Staging <EU>',
  savedLaunch: 'onboarding',
  rowsFile: 'customers.csv',
  status: 'done',
  total: 5,
  started: 1,
  failed: 1,
  unknown: 1,
  skipped: 1,
  notSent: 1
}

const rows: RowOutcome[] = [
  {
    row: 3,
    status: 'unknown',
    sent: true,
    key: 'C-3',
    recordId: 'r3',
    error: { code: 'TIMEOUT', message: 'No answer within 30 s & more' }
  },
  {
    row: 1,
    status: 'started',
    sent: true,
    key: 'C-1',
    httpStatus: 200,
    instanceUuid: 'u-1',
    tokenCount: 1,
    durationMs: 120,
    recordId: 'r1'
  },
  {
    row: 2,
    status: 'failed',
    sent: true,
    key: '=HYPERLINK("x")',
    httpStatus: 400,
    error: {
      code: 'VALIDATION',
      message: 'Field "amount" <must> be positive\u0007',
      httpStatus: 400
    }
  },
  {
    row: 4,
    status: 'skipped',
    sent: false,
    key: 'C-4',
    error: { code: 'INVALID_INPUT', message: 'Unresolved variable {{amount}}' }
  },
  { row: 5, status: 'not-sent', sent: false, key: 'C-5' }
]

/** Validate with libxml2's xmllint against the shipped JUnit schema; returns its verdict. */
function xmllint(xml: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'flowx-junit-'))
  try {
    const file = join(dir, 'report.xml')
    writeFileSync(file, xml)
    const run = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' })
    if (run.error) throw run.error
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('JUnit report', () => {
  const header = { batch, title: 'onboarding on Staging <EU>' }

  it('is valid against the JUnit schema, one testcase per row, with failures and skips', () => {
    const xml = rowsToJunit(header, rows)
    const verdict = xmllint(xml)
    expect(verdict.output).toContain('validates')
    expect(verdict.ok).toBe(true)
    expect(xml.match(/<testcase /g)).toHaveLength(5)
    expect(xml).toContain('tests="5" failures="2" errors="0" skipped="2"')
    expect(xml).toContain('message="No answer within 30 s &amp; more" type="UNKNOWN_OUTCOME"')
    expect(xml).toContain('message="Field &quot;amount&quot; &lt;must&gt; be positive"')
    expect(xml).not.toContain('\u0007')
  })

  it('the schema check can fail: a testcase without a name is refused', () => {
    const broken = rowsToJunit(header, rows).replace(/<testcase name="[^"]*"/, '<testcase')
    expect(xmllint(broken).ok).toBe(false)
  })

  it('names testcases by row number and key, unique across shard reports', () => {
    const shardA = rowsToJunit(
      { ...header, shard: '1/2' },
      rows.filter((r) => r.row % 2 === 1)
    )
    const shardB = rowsToJunit(
      { ...header, shard: '2/2' },
      rows.filter((r) => r.row % 2 === 0)
    )
    const names = [...`${shardA}${shardB}`.matchAll(/<testcase name="([^"]*)"/g)].map((m) => m[1])
    expect(names).toHaveLength(5)
    expect(new Set(names).size).toBe(5)
    expect(testcaseName(rows[1] as RowOutcome)).toBe('row 1 [C-1]')
    expect(xmllint(shardA).ok && xmllint(shardB).ok).toBe(true)
  })
})

describe('reports of a run with expected outcomes', () => {
  const header = { batch, title: 'loan request on Staging' }
  const judgedRows: RowOutcome[] = [
    {
      row: 1,
      status: 'started',
      sent: true,
      httpStatus: 200,
      instanceUuid: 'u-1',
      expected: 'started',
      asExpected: true
    },
    {
      row: 2,
      status: 'failed',
      sent: true,
      httpStatus: 400,
      recordId: 'r2',
      error: { code: 'VALIDATION', message: 'Some mandatory params are missing.', httpStatus: 400 },
      expected: '400',
      asExpected: true
    },
    {
      row: 3,
      status: 'started',
      sent: true,
      httpStatus: 200,
      instanceUuid: 'u-3',
      recordId: 'r3',
      expected: '4xx',
      asExpected: false
    },
    {
      row: 4,
      status: 'failed',
      sent: true,
      httpStatus: 404,
      error: { code: 'NOT_FOUND', message: 'Process definition not found.', httpStatus: 404 },
      expected: '400',
      asExpected: false
    },
    {
      row: 5,
      status: 'skipped',
      sent: false,
      expected: '400',
      error: { code: 'INVALID_INPUT', message: 'No amount.' }
    }
  ]

  it('JUnit passes a refusal the row expected and fails a start or another status it did not', () => {
    const xml = rowsToJunit(header, judgedRows)
    expect(xmllint(xml).ok).toBe(true)
    expect(xml).toContain('tests="5" failures="2" errors="0" skipped="1"')
    const testcase = (row: number): string =>
      xml.slice(
        xml.indexOf(`<testcase name="row ${row}"`),
        xml.indexOf('</testcase>', xml.indexOf(`<testcase name="row ${row}"`))
      )
    expect(testcase(2)).not.toContain('<failure')
    expect(testcase(2)).toContain(
      'FlowX answered HTTP 400 as expected (400): Some mandatory params are missing.'
    )
    expect(testcase(3)).toContain(
      'message="Expected 4xx, but the process started." type="UNEXPECTED_OUTCOME"'
    )
    expect(testcase(3)).toContain('history entry r3')
    expect(testcase(4)).toContain(
      'message="Process definition not found." type="NOT_FOUND">Expected 400.'
    )
    expect(testcase(5)).toContain('<skipped message="No amount."/>')
  })

  it('CSV adds the expected outcome and the verdict only when the run had them', () => {
    const parsed = parse(rowsToCsv(judgedRows), { columns: true }) as Record<string, string>[]
    expect(parsed.map((r) => [r.expected, r.asExpected])).toEqual([
      ['started', 'yes'],
      ['400', 'yes'],
      ['4xx', 'no'],
      ['400', 'no'],
      ['400', '']
    ])
    expect(rowsToCsv(rows).split('\r\n')[0]).not.toContain('expected')
  })
})

describe('CSV and JSON exports', () => {
  it('CSV has one line per row in row order, quoted where needed, formulas defused', () => {
    const parsed = parse(rowsToCsv(rows), { columns: true }) as Record<string, string>[]
    expect(parsed.map((r) => r.row)).toEqual(['1', '2', '3', '4', '5'])
    expect(parsed[1]?.key).toBe(`'=HYPERLINK("x")`)
    expect(parsed[0]).toMatchObject({ status: 'started', instanceUuid: 'u-1', tokens: '1' })
    expect(parsed[2]).toMatchObject({ status: 'unknown', errorCode: 'TIMEOUT' })
  })

  it('JSON keeps the batch summary and every row', () => {
    const json = JSON.parse(rowsToJson({ batch, title: 't', shard: '1/1' }, rows)) as {
      batch: BatchRecord
      shard: string
      rows: RowOutcome[]
    }
    expect(json.batch.id).toBe('b-1')
    expect(json.shard).toBe('1/1')
    expect(json.rows.map((r) => r.status)).toEqual([
      'started',
      'failed',
      'unknown',
      'skipped',
      'not-sent'
    ])
  })

  it('tells formats from file names', () => {
    expect(['a.CSV', 'b.json', 'c.xml', 'd.txt'].map(exportFormatOf)).toEqual([
      'csv',
      'json',
      'junit',
      undefined
    ])
  })
})
