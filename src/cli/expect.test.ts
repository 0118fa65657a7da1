/**
 * `--expect OUTCOME` on start, run and replay: a negative case passes (exit 0) when FlowX refuses
 * it as expected, a start where a refusal was expected fails (exit 1), and the history keeps what
 * the launch expected.
 */
import { describe, expect, it } from 'vitest'

import { oneJson, useSandboxFixture } from './test-support'

const fx = useSandboxFixture()

/** The sandbox's "loan request" needs customerId and amount: without amount it answers 400. */
function loan(payload: string, ...more: string[]): string[] {
  return [...fx.byBuild('loan request'), '--data', payload, ...more]
}
const REFUSED = '{"customerId":"C-1"}'
const ACCEPTED = '{"customerId":"C-1","amount":100}'

describe('start --expect', () => {
  it('exits 0 when FlowX refuses as expected, and the history keeps the expectation', async () => {
    const text = await fx.h.run(loan(REFUSED, '--expect', '400'))
    expect(text.code).toBe(0)
    expect(text.stderr.text).toContain('Some mandatory params are missing.')
    expect(text.stderr.text).toContain('Expected 400: met.')

    const json = await fx.h.run(loan(REFUSED, '--expect', '4XX|5xx', '--json'))
    expect(json.code).toBe(0)
    const outcome = oneJson(json.stdout) as ReturnType<typeof oneJson> & {
      expected?: string
      asExpected?: boolean
    }
    expect(outcome).toMatchObject({ status: 'failed', expected: '4xx | 5xx', asExpected: true })
    const history = await fx.h.run(['history', '--format', 'json', '--limit', '1'])
    expect(history.stdout.text).toContain(outcome.id)
    expect(history.stdout.text).toContain('"expected": "4xx | 5xx"')
  })

  it('exits 1 when the process starts where a refusal was expected, or is refused where a start was', async () => {
    const started = await fx.h.run(loan(ACCEPTED, '--expect', '400'))
    expect(started.code).toBe(1)
    expect(started.stdout.text).toContain('Started loan request')
    expect(started.stderr.text).toContain('Expected 400: not met.')

    const refused = await fx.h.run(loan(REFUSED, '--expect', 'started', '--json'))
    expect(refused.code).toBe(1)
    expect(oneJson(refused.stdout)).toMatchObject({ expected: 'started', asExpected: false })
  })

  it('refuses an expectation it cannot read before anything is sent', async () => {
    const before = fx.sandbox.requests.length
    const { code, stderr } = await fx.h.run(loan(REFUSED, '--expect', '40O'))
    expect(code).toBe(2)
    expect(stderr.text).toContain('--expect: The expected outcome “40O” is not one of: started')
    expect(fx.sandbox.requests.length).toBe(before)
  })
})

describe('run and replay --expect', () => {
  it('judge a saved launch and a replay the same way', async () => {
    await fx.saveProfile('Sandbox')
    const saved = await fx.h.run([
      'start',
      '--profile',
      'Sandbox',
      '--process',
      'loan request',
      '--data',
      REFUSED,
      '--save-as',
      'Loan without amount',
      '--expect',
      '400',
      '--json'
    ])
    expect(saved.code).toBe(0)
    const first = oneJson(saved.stdout)

    const ran = await fx.h.run([
      'run',
      'Loan without amount',
      '--profile',
      'Sandbox',
      '--expect',
      '400'
    ])
    expect(ran.code).toBe(0)
    expect(ran.stderr.text).toContain('Expected 400: met.')
    const wrong = await fx.h.run([
      'run',
      'Loan without amount',
      '--profile',
      'Sandbox',
      '--expect',
      'started'
    ])
    expect(wrong.code).toBe(1)

    const replayed = await fx.h.run(['replay', first.id, '--expect', '400', '--json'])
    expect(replayed.code).toBe(0)
    expect(oneJson(replayed.stdout)).toMatchObject({ status: 'failed', asExpected: true })
  })
})
