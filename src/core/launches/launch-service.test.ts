import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { SANDBOX_IDS, startSandbox, type Sandbox } from '../../sandbox'
import { LedgerFile, openLedger, type Ledger } from '../history'
import type { ProfileService } from '../profiles/profile-service'
import { openTestProfiles } from '../profiles/test-profiles'
import type { LaunchRecord } from '../../shared/domain'
import type { LaunchConnection, LaunchService } from './launch-service'
import { SandboxHost } from './sandbox-host'
import { sandboxConnection } from './test-connection'
import { testLaunchService } from './test-launches'

let dir: string
let sandbox: Sandbox
let ledger: Ledger
let service: LaunchService
let profiles: ProfileService

const byBuild = (processName: string) => ({
  mode: 'build' as const,
  appId: SANDBOX_IDS.appId,
  buildId: SANDBOX_IDS.committedBuildId,
  processName
})

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-launch-'))
  sandbox = await startSandbox({ port: 0 })
  ledger = await openLedger(join(dir, 'history.db'))
  const opened = await openTestProfiles(dir)
  profiles = opened.profiles
  service = testLaunchService({
    ledger,
    profiles,
    vault: opened.vault,
    sandbox: new SandboxHost(async () => sandbox, 0),
    timeouts: { inactivityTimeoutMs: 5_000, deadlineMs: 10_000 }
  })
})

afterEach(async () => {
  await ledger.close()
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

const connection = (token?: string): LaunchConnection => sandboxConnection(sandbox, token)

describe('LaunchService', () => {
  it('records a started launch with the instance and tokens, and never the token', async () => {
    const record = await service.start(connection(), {
      requestId: 'r1',
      target: byBuild('[DOCS]customer_onboarding'),
      payload: '{"customer":"Ana"}'
    })
    expect(record.status).toBe('started')
    expect(record.httpStatus).toBe(200)
    expect(record.path).toBe(
      `/api/runtime/app/${SANDBOX_IDS.appId}/build/${SANDBOX_IDS.committedBuildId}/process-name/%5BDOCS%5Dcustomer_onboarding/start`
    )
    expect(record.instance?.uuid).toMatch(/^[0-9a-f-]{36}$/)
    expect(record.instance?.tokens.length).toBeGreaterThan(0)
    expect(await ledger.get(record.id)).toEqual(record)
    expect(JSON.stringify(record)).not.toContain(sandbox.demoToken)
    expect(readFileSync(join(dir, 'history.db')).includes(sandbox.demoToken)).toBe(false)
  })

  it('writes the launch as pending before FlowX answers, then completes it', async () => {
    sandbox.setFaults({ latencyMs: 300 })
    const started = service.start(connection(), {
      requestId: 'r2',
      target: byBuild('cerere_împrumut'),
      payload: '{}'
    })
    await expect.poll(() => sandbox.requests.length).toBe(1)
    const [pending] = (await ledger.search({})).items
    expect(pending.status).toBe('pending')
    const done = await started
    expect(done.id).toBe(pending.id)
    expect((await ledger.get(pending.id))?.status).toBe('started')
  })

  it('tells the answer before the completion is written, as the ledger then records it', async () => {
    const answers: { status: string; stored: string | undefined }[] = []
    let answered: LaunchRecord | undefined
    const done = await service.start(
      connection(),
      { requestId: 'r2b', target: byBuild('[DOCS]customer_onboarding'), payload: '{"n":1}' },
      {
        onAnswer: (record) => {
          answered = record
          answers.push({ status: record.status, stored: undefined })
          void ledger.get(record.id).then((stored) => {
            answers[0].stored = stored?.status
          })
        }
      }
    )
    expect(answers).toHaveLength(1)
    expect(answers[0].status).toBe('started')
    const { finishedAt, ...completed } = done
    expect(finishedAt).toBeDefined()
    expect(answered).toEqual(completed)
    // Asked for when the answer came: still pending then (read before the completion).
    await expect.poll(() => answers[0].stored).toBe('pending')
  })

  it('sends nothing and records nothing for an invalid payload', async () => {
    await expect(
      service.start(connection(), { requestId: 'r3', target: byBuild('x'), payload: '{"a":' })
    ).rejects.toMatchObject({ error: { code: 'INVALID_PAYLOAD' } })
    expect(sandbox.requests).toHaveLength(0)
    expect(await ledger.count()).toBe(0)
  })

  it('records a FlowX error with the server message', async () => {
    const record = await service.start(connection(), {
      requestId: 'r4',
      target: { ...byBuild('loan request'), buildId: SANDBOX_IDS.paymentsBuildId },
      payload: '{}'
    })
    expect(record.status).toBe('failed')
    expect(record.error).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 })
    expect(record.error?.message).toContain('does not belong')
  })

  it('marks a cancelled in-flight launch as outcome unknown', async () => {
    sandbox.setFaults({ hang: true })
    const started = service.start(connection(), {
      requestId: 'r5',
      target: byBuild('cerere_împrumut'),
      payload: '{}'
    })
    await expect.poll(() => sandbox.requests.length).toBe(1)
    expect(service.cancel('r5')).toBe(true)
    const record = await started
    expect(record.status).toBe('unknown')
    expect(record.error?.code).toBe('CANCELLED')
    expect(service.cancel('r5')).toBe(false)
  })

  it('refuses a profile without a token before sending anything', async () => {
    const profile = await profiles.save({
      name: 'Staging',
      color: 'amber',
      baseUrl: sandbox.baseUrl,
      platform: 'web',
      defaults: { workspaceId: '', appId: '', buildId: '' }
    })
    await expect(
      service.startWithProfile(profile.id, { requestId: 'r6', target: byBuild('x'), payload: '{}' })
    ).rejects.toMatchObject({ error: { code: 'TOKEN_MISSING' } })
    expect(sandbox.requests).toHaveLength(0)
  })

  it('launches with a stored profile token', async () => {
    const profile = await profiles.save({
      name: 'Staging',
      color: 'amber',
      baseUrl: sandbox.baseUrl,
      platform: 'mobile',
      defaults: { workspaceId: '', appId: '', buildId: '' },
      secrets: { token: { action: 'set', value: sandbox.demoToken } }
    })
    const record = await service.startWithProfile(profile.id, {
      requestId: 'r7',
      target: byBuild('[DOCS]customer_onboarding'),
      payload: '{}'
    })
    expect(record.status).toBe('started')
    expect(sandbox.requests[0].headers['flowx-platform']).toBe('mobile')
    expect(sandbox.requests[0].headers.authorization).toBe(`Bearer ${sandbox.demoToken}`)
  })
})

describe('a launcher killed mid-request', () => {
  // Every round kills at the same point (FlowX has the request, no answer yet): more rounds add
  // time, not coverage. Eight keep the "several kills on one database" part; the timeouts are
  // only a safety net, scaled per round, since a child's start-up (tsx, SQLite) takes what the
  // machine gives it.
  const ROUNDS = 8
  const ROUND_LIMIT_MS = 60_000
  const child = resolve(__dirname, 'fixtures/crash-child.ts')

  it(
    `leaves every launch visible as outcome unknown, once (${ROUNDS} rounds)`,
    async () => {
      sandbox.setFaults({ hang: true })
      const db = join(dir, 'crash.db')
      for (let round = 0; round < ROUNDS; round++) {
        const proc = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            child,
            db,
            sandbox.baseUrl,
            sandbox.demoToken,
            `crash${round}`,
            SANDBOX_IDS.appId,
            SANDBOX_IDS.committedBuildId
          ],
          { stdio: ['ignore', 'pipe', 'inherit'] }
        )
        const exited = new Promise<number | null>((done) => proc.once('exit', done))
        // The request reached FlowX; a child that ends on its own first fails the test at once.
        await Promise.race([
          expect.poll(() => sandbox.requests.length, { timeout: ROUND_LIMIT_MS }).toBe(round + 1),
          exited.then((code) => {
            throw new Error(
              `round ${round}: the launcher exited (${code}) before FlowX had the request`
            )
          })
        ])
        proc.kill('SIGKILL')
        await exited
      }
      const reopened = LedgerFile.open(db)
      const items = reopened.search({ limit: 100 }).items
      reopened.close()
      expect(items).toHaveLength(ROUNDS)
      expect(new Set(items.map((i) => i.id)).size).toBe(ROUNDS)
      for (const item of items) expect(item.status).toBe('unknown')
      expect(readdirSync(dir).some((f) => f === 'crash.db')).toBe(true)
    },
    ROUNDS * ROUND_LIMIT_MS
  )
})
