/**
 * Expected outcomes in a batch run: a column of the rows file says what each row should get from
 * FlowX, so a data file can hold negative cases (a missing mandatory field that FlowX must refuse
 * with 400) and a run still passes. What a cell may say and when an outcome meets it:
 * shared/batch-expectations.ts.
 */
import { meets, parseExpectation, type Expectation } from '../../shared/batch-expectations'
import type { RowError, RowOutcome, RowResolver } from './types'

export { meets, parseExpectation, type Expectation } from '../../shared/batch-expectations'

/** The outcome with its expectation and verdict, for rows that reached an outcome of FlowX's. */
export function judged(outcome: RowOutcome, expectation: Expectation | undefined): RowOutcome {
  if (!expectation) return outcome
  if (outcome.status === 'skipped' || outcome.status === 'not-sent') {
    return { ...outcome, expected: expectation.label }
  }
  return { ...outcome, expected: expectation.label, asExpected: meets(expectation, outcome) }
}

/** The expectation of a row under `column`; a row without that column is refused, not guessed. */
export function expectationOf(
  values: Record<string, string>,
  column: string
): { ok: true; expectation: Expectation } | { ok: false; message: string } {
  if (!Object.hasOwn(values, column)) {
    return {
      ok: false,
      message: `The row has no “${column}” column, which holds the expected outcome.`
    }
  }
  return parseExpectation(values[column])
}

/**
 * `resolve` plus the check of each row's expected outcome under `column`: a row whose expectation
 * cannot be read is listed and skipped like any row that cannot be sent.
 */
export function withExpectations(resolve: RowResolver, column: string | undefined): RowResolver {
  if (column === undefined) return resolve
  return (row) => {
    const result = resolve(row)
    const expectation = expectationOf(row.values, column)
    if (expectation.ok) {
      if (!result.ok) return result
      return { ok: true, resolved: { ...result.resolved, expected: expectation.expectation.label } }
    }
    const error: RowError = { kind: 'invalid-expectation', message: expectation.message }
    return result.ok
      ? { ok: false, row: row.row, errors: [error] }
      : { ...result, errors: [...result.errors, error] }
  }
}
