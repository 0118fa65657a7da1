import { describe, expect, it } from 'vitest'

import { judged, meets, parseExpectation, withExpectations } from './expectations'
import type { RowOutcome, RowResolver } from './types'

function parsed(cell: string) {
  const result = parseExpectation(cell)
  if (!result.ok) throw new Error(result.message)
  return result.expectation
}

const started: Pick<RowOutcome, 'status' | 'httpStatus'> = { status: 'started', httpStatus: 200 }
const refused400: Pick<RowOutcome, 'status' | 'httpStatus'> = { status: 'failed', httpStatus: 400 }
const refused503: Pick<RowOutcome, 'status' | 'httpStatus'> = { status: 'failed', httpStatus: 503 }
const neverSent: Pick<RowOutcome, 'status' | 'httpStatus'> = { status: 'failed' }
const unknown: Pick<RowOutcome, 'status' | 'httpStatus'> = { status: 'unknown' }

describe('expected outcomes', () => {
  it('reads started, failed, a status, a class and alternatives, in any case and spacing', () => {
    expect(parsed('').label).toBe('started')
    expect(parsed('  Started ').label).toBe('started')
    expect(parsed('FAILED').label).toBe('failed')
    expect(parsed('400').label).toBe('400')
    expect(parsed('4XX').label).toBe('4xx')
    expect(parsed(' 400 | 404|5xx ').label).toBe('400 | 404 | 5xx')
  })

  it('refuses anything else, saying what a cell may hold', () => {
    for (const cell of ['40O', '600', '4x', 'ok', '400||404', 'started,400']) {
      const result = parseExpectation(cell)
      expect(result.ok, cell).toBe(false)
      if (!result.ok) expect(result.message).toContain('is not one of: started, failed')
    }
  })

  it('judges an outcome against each form; unknown meets none, a failure before sending is no refusal', () => {
    const cases: Array<[string, Pick<RowOutcome, 'status' | 'httpStatus'>, boolean]> = [
      ['started', started, true],
      ['started', refused400, false],
      ['failed', refused400, true],
      ['failed', refused503, true],
      ['failed', neverSent, false],
      ['failed', started, false],
      ['400', refused400, true],
      ['400', refused503, false],
      ['4xx', refused400, true],
      ['4xx', refused503, false],
      ['400|5xx', refused503, true],
      ['started|400', started, true]
    ]
    for (const [cell, outcome, verdict] of cases) {
      expect(meets(parsed(cell), outcome), `${cell} vs ${JSON.stringify(outcome)}`).toBe(verdict)
    }
    for (const cell of ['started', 'failed', '400', '4xx', '5xx']) {
      expect(meets(parsed(cell), unknown)).toBe(false)
    }
  })

  it('marks rows never sent with their expectation but no verdict', () => {
    const expectation = parsed('400')
    expect(judged({ row: 1, status: 'skipped', sent: false }, expectation)).toEqual({
      row: 1,
      status: 'skipped',
      sent: false,
      expected: '400'
    })
    expect(judged({ row: 2, status: 'failed', sent: true, httpStatus: 400 }, expectation)).toEqual({
      row: 2,
      status: 'failed',
      sent: true,
      httpStatus: 400,
      expected: '400',
      asExpected: true
    })
    expect(judged({ row: 3, status: 'started', sent: true }, undefined)).toEqual({
      row: 3,
      status: 'started',
      sent: true
    })
  })

  it('a resolver with expectations refuses a row without the column or with a bad cell, after its own errors', () => {
    const resolve: RowResolver = (row) =>
      row.values.customerId
        ? {
            ok: true,
            resolved: {
              row: row.row,
              target: { mode: 'build', appId: 'a', buildId: 'b', processName: 'p' },
              payload: '{}',
              variables: {}
            }
          }
        : { ok: false, row: row.row, errors: [{ kind: 'unresolved', message: 'No customerId.' }] }
    const checked = withExpectations(resolve, 'expected')
    expect(checked({ row: 1, values: { customerId: 'C-1', expected: '4xx' } }).ok).toBe(true)
    expect(checked({ row: 2, values: { customerId: 'C-2' } })).toEqual({
      ok: false,
      row: 2,
      errors: [
        {
          kind: 'invalid-expectation',
          message: 'The row has no “expected” column, which holds the expected outcome.'
        }
      ]
    })
    const both = checked({ row: 3, values: { customerId: '', expected: 'maybe' } })
    expect(both.ok).toBe(false)
    if (!both.ok)
      expect(both.errors.map((e) => e.kind)).toEqual(['unresolved', 'invalid-expectation'])
    expect(withExpectations(resolve, undefined)).toBe(resolve)
  })
})
