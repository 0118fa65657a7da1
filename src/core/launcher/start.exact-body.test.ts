/** The body reaches FlowX exactly as written: 64-bit ids, key order, spacing and escapes intact. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Sandbox, SANDBOX_IDS, startSandbox } from '../../sandbox'
import { startProcess } from './start'

let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startSandbox()
})

afterAll(async () => {
  await sandbox.close()
})

async function send(payload: string) {
  const before = sandbox.requests.length
  const outcome = await startProcess({
    baseUrl: sandbox.baseUrl,
    platform: 'web',
    token: sandbox.demoToken,
    target: {
      mode: 'build',
      appId: SANDBOX_IDS.appId,
      buildId: SANDBOX_IDS.committedBuildId,
      processName: '[DOCS]customer_onboarding'
    },
    payload
  })
  return { outcome, seen: sandbox.requests.slice(before) }
}

describe('payload text sent as written', () => {
  it('sends 9007199254740993 and other long literals unchanged, and the process starts', async () => {
    const text =
      '{\n  "customerId": 9007199254740993,\n  "amount": 12345678901234567890.10,\n  "z": 1, "a": "\\u00e9"\n}'
    const { outcome, seen } = await send(text)
    expect(outcome.error).toBeUndefined()
    expect(outcome.status).toBe('started')
    expect(seen).toHaveLength(1)
    expect(seen[0].body).toBe(text)
  })

  it('refuses text that is not a JSON object before anything is sent', async () => {
    const { outcome, seen } = await send('[1, 2]')
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'INVALID_PAYLOAD' } })
    expect(seen).toHaveLength(0)
  })
})
