/**
 * Expected outcomes: a column of the rows file says what each row should get from FlowX, so a data
 * file can hold negative cases (a missing mandatory field that FlowX must refuse with 400) and a run
 * still passes. A row meets its expectation or it does not; an unknown outcome never does, since
 * nobody can tell what FlowX did with it.
 *
 * What a cell may say (case and spaces do not matter; empty means `started`):
 * - `started`: a process was started;
 * - `failed`: FlowX answered with an error status (4xx or 5xx);
 * - `400`: exactly that HTTP status; `4xx`, `5xx`: any status of that class;
 * - alternatives joined by `|`: `400|404`.
 */
import type { RowError, RowOutcome, RowResolver } from './types'

type Term =
  | { kind: 'started' }
  | { kind: 'failed' }
  | { kind: 'status'; status: number }
  | { kind: 'class'; hundreds: number }

/** A parsed expectation: its alternatives, and how reports name it. */
export interface Expectation {
  terms: readonly Term[]
  label: string
}

export const EXPECT_STARTED: Expectation = { terms: [{ kind: 'started' }], label: 'started' }

const ACCEPTED =
  'started, failed, an HTTP status such as 400, a class such as 4xx, or several joined by |'

/** The expectation a cell states, or why it cannot be read. */
export function parseExpectation(
  cell: string
): { ok: true; expectation: Expectation } | { ok: false; message: string } {
  const text = cell.trim().toLowerCase()
  if (text === '') return { ok: true, expectation: EXPECT_STARTED }
  const terms: Term[] = []
  for (const part of text.split('|').map((p) => p.trim())) {
    const term = termOf(part)
    if (!term) {
      const shown = cell.trim().length > 40 ? `${cell.trim().slice(0, 40)}…` : cell.trim()
      return { ok: false, message: `The expected outcome “${shown}” is not one of: ${ACCEPTED}.` }
    }
    terms.push(term)
  }
  return { ok: true, expectation: { terms, label: terms.map(termLabel).join(' | ') } }
}

function termOf(part: string): Term | undefined {
  if (part === 'started') return { kind: 'started' }
  if (part === 'failed') return { kind: 'failed' }
  if (/^[1-5]\d\d$/.test(part)) return { kind: 'status', status: Number(part) }
  if (/^[1-5]xx$/.test(part)) return { kind: 'class', hundreds: Number(part[0]) }
  return undefined
}

function termLabel(term: Term): string {
  if (term.kind === 'status') return String(term.status)
  if (term.kind === 'class') return `${term.hundreds}xx`
  return term.kind
}

/** Whether an outcome meets the expectation; unknown never does. */
export function meets(
  expectation: Expectation,
  outcome: Pick<RowOutcome, 'status' | 'httpStatus'>
): boolean {
  if (outcome.status === 'unknown') return false
  const http = outcome.httpStatus
  return expectation.terms.some((term) => {
    if (term.kind === 'started') return outcome.status === 'started'
    if (term.kind === 'failed')
      return outcome.status === 'failed' && http !== undefined && http >= 400
    if (term.kind === 'status') return http === term.status
    return http !== undefined && Math.floor(http / 100) === term.hundreds
  })
}

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
