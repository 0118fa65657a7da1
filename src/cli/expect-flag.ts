/**
 * `--expect OUTCOME` of start, run and replay: what FlowX should answer (started, failed, 400, 4xx,
 * 400|404; shared/batch-expectations.ts), so a negative case in a CI script passes when FlowX
 * refuses it as it should. Checked before anything is sent.
 */
import { parseExpectation, type Expectation } from '../shared/batch-expectations'
import { CliError } from './context'

export function parseExpectFlag(text: string | undefined): Expectation | undefined {
  if (text === undefined) return undefined
  const parsed = parseExpectation(text)
  if (!parsed.ok) throw new CliError(`--expect: ${parsed.message}`)
  return parsed.expectation
}
