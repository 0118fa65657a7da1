/**
 * Expected outcomes of batch rows: what a cell of the rows file's expected-outcome column may say,
 * and whether an outcome meets it. Shared: core judges rows with it, the app shows a history entry's
 * verdict. An unknown outcome never meets an expectation, since nobody can tell what FlowX did.
 *
 * What a cell may say (case and spaces do not matter; empty means `started`):
 * - `started`: a process was started;
 * - `failed`: FlowX answered with an error status (4xx or 5xx);
 * - `400`: exactly that HTTP status; `4xx`, `5xx`: any status of that class;
 * - alternatives joined by `|`: `400|404`.
 */
import type { RowOutcome } from './batch'
import type { LaunchRecord } from './domain'

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

const STARTED: Expectation = { terms: [{ kind: 'started' }], label: 'started' }

const ACCEPTED =
  'started, failed, an HTTP status such as 400, a class such as 4xx, or several joined by |'

/** The expectation a cell states, or why it cannot be read. */
export function parseExpectation(
  cell: string
): { ok: true; expectation: Expectation } | { ok: false; message: string } {
  const text = cell.trim().toLowerCase()
  if (text === '') return { ok: true, expectation: STARTED }
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

/**
 * A history entry's expected outcome (a batch row with an expected-outcome column) and whether
 * FlowX's answer met it; undefined when it expected none. A pending entry has not met it.
 */
export function recordVerdict(
  record: Pick<LaunchRecord, 'expected' | 'status' | 'httpStatus'>
): { expected: string; met: boolean } | undefined {
  if (record.expected === undefined) return undefined
  const parsed = parseExpectation(record.expected)
  if (!parsed.ok) return { expected: record.expected, met: false }
  const status = record.status === 'pending' ? 'unknown' : record.status
  return {
    expected: parsed.expectation.label,
    met: meets(parsed.expectation, { status, httpStatus: record.httpStatus })
  }
}
