/** A launch recorded first and sent later (LaunchService.prepare), over real HTTP. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { SANDBOX_IDS, startSandbox, type Sandbox } from '../../sandbox'
import { openLedger, type Ledger } from '../history'
import { LaunchService, type LaunchConnection, type LaunchRequest } from './launch-service'
import { sandboxConnection } from './test-connection'
import { silentLogger } from '../ports'

let dir: string
let sandbox: Sandbox
let ledger: Ledger
let service: LaunchService

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-prepared-'))
  sandbox = await startSandbox({ port: 0 })
  ledger = await openLedger(join(dir, 'history.db'))
  service = new LaunchService({ ledger, logger: silentLogger })
})

afterEach(async () => {
  service.cancelAll()
  await ledger.close()
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

const connection = (): LaunchConnection => sandboxConnection(sandbox)

function request(requestId: string): LaunchRequest {
  return {
    requestId,
    target: {
      mode: 'build',
      appId: SANDBOX_IDS.appId,
      buildId: SANDBOX_IDS.committedBuildId,
      processName: '[DOCS]customer_onboarding'
    },
    payload: `{"customerId":"${requestId}"}`
  }
}

describe('a prepared launch', () => {
  it('is pending in the ledger and sends nothing until send; it leaves once', async () => {
    const prepared = await service.prepare(connection(), request('r1'))
    expect((await ledger.get(prepared.record.id))?.status).toBe('pending')
    expect(sandbox.requests).toHaveLength(0)
    const answered: string[] = []
    const done = await prepared.send({ onAnswer: (r) => answered.push(r.status) })
    expect(done.status).toBe('started')
    expect(answered).toEqual(['started'])
    expect(sandbox.requests).toHaveLength(1)
    await expect(prepared.send()).rejects.toThrow(/already sent or abandoned/)
    await expect(prepared.abandon({ code: 'CANCELLED', message: 'x' })).rejects.toThrow(
      /already sent or abandoned/
    )
    expect(sandbox.requests).toHaveLength(1)
  })

  it('abandoned, it is completed as failed before sending with the reason given', async () => {
    const prepared = await service.prepare(connection(), request('r2'))
    const reason = { code: 'CANCELLED' as const, message: 'Stopped before it was sent.' }
    const record = await prepared.abandon(reason)
    expect(record).toMatchObject({ status: 'failed', error: reason })
    expect(record.httpStatus).toBeUndefined()
    expect((await ledger.get(record.id))?.status).toBe('failed')
    await expect(prepared.send()).rejects.toThrow(/already sent or abandoned/)
    expect(sandbox.requests).toHaveLength(0)
    // Its request id is free again.
    expect(service.cancel('r2')).toBe(false)
  })

  it('cancelled before it is sent, its send records that nothing was sent', async () => {
    const prepared = await service.prepare(connection(), request('r3'))
    expect(service.cancel('r3')).toBe(true)
    const record = await prepared.send()
    expect(record).toMatchObject({ status: 'failed', error: { code: 'CANCELLED' } })
    expect(record.httpStatus).toBeUndefined()
    expect(sandbox.requests).toHaveLength(0)
  })
})
