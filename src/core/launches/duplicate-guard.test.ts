import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { SANDBOX_IDS, startSandbox, type Sandbox } from '../../sandbox'
import { AppFailure } from '../../shared/errors'
import { openLedger, type Ledger } from '../history'
import { silentLogger } from '../ports'
import { LaunchService, type LaunchConnection } from './launch-service'

let dir: string
let sandbox: Sandbox
let ledger: Ledger

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-dup-'))
  sandbox = await startSandbox({ port: 0 })
  ledger = await openLedger(join(dir, 'history.db'))
})

afterEach(async () => {
  await ledger.close()
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

const target = {
  mode: 'build' as const,
  appId: SANDBOX_IDS.appId,
  buildId: SANDBOX_IDS.committedBuildId,
  processName: '[DOCS]customer_onboarding'
}

function connection(): LaunchConnection {
  return {
    profileId: 'shared',
    profileName: 'Shared',
    profileColor: 'blue',
    baseUrl: sandbox.baseUrl,
    platform: 'web',
    token: sandbox.demoToken
  }
}

describe('the duplicate-start guard', () => {
  it('sends one of 15 identical launches started at once in one process, and refuses 14', async () => {
    const service = new LaunchService({ ledger, logger: silentLogger })
    // Slow answers keep all 15 in flight together.
    sandbox.setFaults({ latencyMs: 200 })
    const results = await Promise.allSettled(
      Array.from({ length: 15 }, (_, n) =>
        service.start(connection(), {
          requestId: `r${n}`,
          target,
          // Same launch, written differently: key order and spacing do not hide a duplicate.
          payload:
            n % 2 ? '{"amount":100,"customerId":"C-1"}' : '{ "customerId": "C-1", "amount": 100 }'
        })
      )
    )
    const refused = results.filter(
      (r) =>
        r.status === 'rejected' &&
        r.reason instanceof AppFailure &&
        r.reason.error.code === 'DUPLICATE_START'
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(refused).toHaveLength(14)
    expect(sandbox.requests).toHaveLength(1)
    expect(await ledger.count()).toBe(1)
    // A started launch keeps refusing copies whatever the timing: the test never races.
    expect(results.find((r) => r.status === 'fulfilled')?.value.status).toBe('started')
  })

  it('still sends a launch the user confirms as a second one', async () => {
    const service = new LaunchService({ ledger, logger: silentLogger })
    const request = { requestId: 'a', target, payload: '{"customerId":"C-1"}' }
    expect((await service.start(connection(), request)).status).toBe('started')
    await expect(service.start(connection(), { ...request, requestId: 'b' })).rejects.toMatchObject(
      {
        error: { code: 'DUPLICATE_START' }
      }
    )
    await service.start(connection(), { ...request, requestId: 'c', allowDuplicate: true })
    expect(sandbox.requests).toHaveLength(2)
  })

  it('sends one launch when three processes start the same one five times each', async () => {
    sandbox.setFaults({ latencyMs: 200 })
    const child = resolve(__dirname, 'fixtures/duplicate-child.ts')
    const db = join(dir, 'shared.db')
    const children = Array.from({ length: 3 }, () =>
      spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          child,
          db,
          sandbox.baseUrl,
          sandbox.demoToken,
          target.appId,
          target.buildId,
          '5'
        ],
        { stdio: ['pipe', 'pipe', 'inherit'] }
      )
    )
    const lines = children.map((proc) =>
      createInterface({ input: proc.stdout })[Symbol.asyncIterator]()
    )
    for (const line of lines) expect((await line.next()).value).toBe('ready')
    for (const proc of children) proc.stdin.write('go\n')
    const summaries = await Promise.all(
      lines.map(
        async (line) =>
          JSON.parse(String((await line.next()).value)) as {
            sent: number
            refused: number
            total: number
          }
      )
    )
    for (const proc of children) proc.stdin.end()
    expect(summaries.reduce((n, s) => n + s.sent, 0)).toBe(1)
    expect(summaries.reduce((n, s) => n + s.refused, 0)).toBe(14)
    expect(sandbox.requests).toHaveLength(1)
  }, 120_000)
})
