import { randomUUID } from 'node:crypto'
import { createServer } from 'node:net'

import { describe, expect, it } from 'vitest'

import { SANDBOX_IDS } from '../sandbox'
import { oneJson as one, useSandboxFixture } from './test-support'

const { appId, committedBuildId } = SANDBOX_IDS
const DOCS = '[DOCS]customer_onboarding'
const fx = useSandboxFixture()

describe('start when FlowX says no or does not answer', () => {
  it('reports a rejected token: exit 1, UNAUTHORIZED, HTTP 401, the token never printed', async () => {
    const canary = `CANARY-${randomUUID()}`
    fx.tokens.push(canary)
    const { code, stdout } = await fx.h.run([...fx.byBuild(), '--json'], {
      env: { FLOWX_TOKEN: canary }
    })

    expect(code).toBe(1)
    const result = one(stdout)
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401 })
    expect(result.instance).toBeNull()
    // Positive control: the canary did reach the server, so its absence from the output means something.
    expect(fx.lastRequest().headers.authorization).toBe(`Bearer ${canary}`)
    expect(fx.h.withLedger((ledger) => ledger.get(result.id)?.status)).toBe('failed')
  })

  it('masks the token when the server echoes it back in an error', async () => {
    const canary = `CANARY-${randomUUID()}`
    fx.tokens.push(canary)
    fx.sandbox.setFaults({ echoAuthorization: true })
    const text = await fx.h.run(fx.byBuild(), { env: { FLOWX_TOKEN: canary } })
    const json = await fx.h.run([...fx.byBuild(), '--json'], { env: { FLOWX_TOKEN: canary } })

    expect([text.code, json.code]).toEqual([1, 1])
    expect(text.stderr.text).toContain('Failed: SERVER (HTTP 500)')
    expect(one(json.stdout).error?.code).toBe('SERVER')
    expect(fx.lastRequest().headers.authorization).toBe(`Bearer ${canary}`)
  })

  it('reports a build that does not exist: exit 1, NOT_FOUND, HTTP 404', async () => {
    const args = [
      'start',
      '--base-url',
      fx.sandbox.baseUrl,
      '--build',
      'no-such-build',
      '--app',
      appId,
      '--process',
      DOCS,
      '--json'
    ]
    const { code, stdout } = await fx.h.run(args)

    expect(code).toBe(1)
    expect(one(stdout).error).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 })
  })

  it('reports a dead port: exit 3, NETWORK, recorded', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    await new Promise((resolve) => server.close(resolve))
    const args = [
      'start',
      '--base-url',
      `http://127.0.0.1:${port}/rtm`,
      '--build',
      committedBuildId,
      '--app',
      appId,
      '--process',
      DOCS,
      '--json'
    ]
    const { code, stdout } = await fx.h.run(args)

    expect(code).toBe(3)
    const result = one(stdout)
    expect(result.error?.code).toBe('NETWORK')
    expect(result.error?.httpStatus).toBeNull()
    expect(fx.h.withLedger((ledger) => ledger.get(result.id)?.error?.code)).toBe('NETWORK')
  })

  it('gives up on a server that never answers after --timeout: exit 3, TIMEOUT, outcome unknown', async () => {
    fx.sandbox.setFaults({ hang: true })
    const { code, stdout } = await fx.h.run([...fx.byBuild(), '--timeout', '1', '--json'])

    expect(code).toBe(3)
    const result = one(stdout)
    expect(result).toMatchObject({ status: 'unknown', error: { code: 'TIMEOUT' } })
    expect(fx.h.withLedger((ledger) => ledger.get(result.id)?.status)).toBe('unknown')
  })

  it('cancels the call on SIGINT, records the outcome and exits 130', async () => {
    fx.sandbox.setFaults({ hang: true })
    const arrived = fx.sandbox.waitForRequests(fx.sandbox.requests.length + 1)
    const running = fx.h.spawn([...fx.byBuild(), '--json'])
    await arrived
    running.signals.emit('SIGINT')

    expect(await running.done).toBe(130)
    const result = one(running.stdout)
    expect(result.error?.code).toBe('CANCELLED')
    const record = fx.h.withLedger((ledger) => ledger.get(result.id))
    expect(record?.status).not.toBe('pending')
    expect(record?.error?.code).toBe('CANCELLED')
    expect(running.signals.listenerCount('SIGINT')).toBe(0)
  })
})
