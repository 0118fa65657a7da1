import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { SANDBOX_IDS, startSandbox, type Sandbox } from '../../sandbox'
import type { ProfileView } from '../../shared/domain'
import { openLedger, type Ledger } from '../history'
import type { ProfileService } from '../profiles/profile-service'
import { openTestProfiles } from '../profiles/test-profiles'
import type { LaunchRequest, LaunchService } from './launch-service'
import { canonicalPayload, DUPLICATE_WINDOW_MS } from './recent-duplicate'
import { testLaunchService } from './test-launches'

let dir: string
let sandbox: Sandbox
let ledger: Ledger
let profiles: ProfileService
let service: LaunchService
let clock: Date
let seq = 0

const target = {
  mode: 'build' as const,
  appId: SANDBOX_IDS.appId,
  buildId: SANDBOX_IDS.committedBuildId,
  processName: '[DOCS]customer_onboarding'
}

function request(over: Partial<LaunchRequest> = {}): LaunchRequest {
  return { requestId: `r${++seq}`, target, payload: '{"customer":"Ana","amount":1}', ...over }
}

async function profile(name: string, isProtected: boolean): Promise<ProfileView> {
  return profiles.save({
    name,
    color: isProtected ? 'red' : 'amber',
    baseUrl: sandbox.baseUrl,
    platform: 'web',
    defaults: { workspaceId: '', appId: '', buildId: '' },
    protected: isProtected,
    secrets: { token: { action: 'set', value: sandbox.demoToken } }
  })
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-safety-'))
  sandbox = await startSandbox({ port: 0 })
  clock = new Date('2026-11-23T10:00:00.000Z')
  ledger = await openLedger(join(dir, 'history.db'))
  const opened = await openTestProfiles(dir)
  profiles = opened.profiles
  service = testLaunchService({ ledger, profiles, vault: opened.vault, now: () => clock })
})

afterEach(async () => {
  await ledger.close()
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('protected profiles', () => {
  it('refuses a start without the typed name: nothing sent, nothing recorded', async () => {
    const prod = await profile('Production', true)
    await expect(service.startWithProfile(prod.id, request())).rejects.toMatchObject({
      error: { code: 'CONFIRMATION_REQUIRED', message: expect.stringContaining('Production') }
    })
    expect(sandbox.requests).toHaveLength(0)
    expect(await ledger.count()).toBe(0)
  })

  it('refuses a wrong name, including another letter case', async () => {
    const prod = await profile('Production', true)
    for (const typed of ['production', 'Prod', 'Production ']) {
      await expect(service.startWithProfile(prod.id, request(), typed)).rejects.toMatchObject({
        error: { code: 'CONFIRMATION_REQUIRED', message: expect.stringContaining('does not match') }
      })
    }
    expect(sandbox.requests).toHaveLength(0)
    expect(await ledger.count()).toBe(0)
  })

  it('starts with the exact name', async () => {
    const prod = await profile('Production', true)
    const record = await service.startWithProfile(prod.id, request(), 'Production')
    expect(record.status).toBe('started')
    expect(sandbox.requests).toHaveLength(1)
  })

  it('asks nothing of an unprotected profile', async () => {
    const staging = await profile('Staging', false)
    expect((await service.startWithProfile(staging.id, request())).status).toBe('started')
  })
})

describe('duplicate starts', () => {
  it('refuses the same launch within 60 s, naming when and the instance', async () => {
    const staging = await profile('Staging', false)
    const first = await service.startWithProfile(staging.id, request())
    clock = new Date(clock.getTime() + 12_000)
    const again = service.startWithProfile(
      staging.id,
      request({ payload: '{\n  "amount": 1,\n  "customer": "Ana"\n}' })
    )
    await expect(again).rejects.toMatchObject({
      error: {
        code: 'DUPLICATE_START',
        message: expect.stringMatching(/12 s ago.*instance [0-9a-f-]{36}/),
        hint: expect.stringContaining('Starting a process is not idempotent'),
        detail: first.id
      }
    })
    expect(sandbox.requests).toHaveLength(1)
    expect(await ledger.count()).toBe(1)
  })

  it('sends it anyway with allowDuplicate', async () => {
    const staging = await profile('Staging', false)
    await service.startWithProfile(staging.id, request())
    const second = await service.startWithProfile(staging.id, request({ allowDuplicate: true }))
    expect(second.status).toBe('started')
    expect(await ledger.count()).toBe(2)
  })

  it('lets a different payload, process, build or profile through', async () => {
    const staging = await profile('Staging', false)
    const other = await profile('Dev', false)
    await service.startWithProfile(staging.id, request())
    await service.startWithProfile(staging.id, request({ payload: '{"customer":"Bob"}' }))
    await service.startWithProfile(
      staging.id,
      request({ target: { ...target, processName: 'loan request' } })
    )
    await service.startWithProfile(other.id, request())
    expect(await ledger.count()).toBe(4)
  })

  it('lets the same launch through once the first is older than 60 s', async () => {
    const staging = await profile('Staging', false)
    await service.startWithProfile(staging.id, request())
    clock = new Date(clock.getTime() + DUPLICATE_WINDOW_MS + 1)
    expect((await service.startWithProfile(staging.id, request())).status).toBe('started')
  })

  it('does not count a failed launch', async () => {
    const staging = await profile('Staging', false)
    const failedTarget = { ...target, buildId: SANDBOX_IDS.paymentsBuildId }
    const first = await service.startWithProfile(staging.id, request({ target: failedTarget }))
    expect(first.status).toBe('failed')
    const again = await service.startWithProfile(staging.id, request({ target: failedTarget }))
    expect(again.status).toBe('failed')
  })

  it('compares payloads by value, not by formatting or key order', () => {
    expect(canonicalPayload('{ "b": [1, {"y":2,"x":1}], "a": null }')).toBe(
      '{"a":null,"b":[1,{"x":1,"y":2}]}'
    )
    expect(canonicalPayload('  ')).toBe('{}')
    expect(canonicalPayload('{"a":1}')).not.toBe(canonicalPayload('{"a":"1"}'))
  })
})
