/**
 * Launches with renewable tokens, against the sandbox's identity provider and runtime: the token
 * is fetched once and shared, renewed before it runs out, and a 401 leads to exactly one renewal
 * and one resend. Nothing else is ever resent.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { SANDBOX_IDS, startSandbox, type Sandbox } from '../../sandbox'
import type { ProfileView, StartTarget } from '../../shared/domain'
import { grantsSeen, testManager } from '../auth/test-support'
import type { TokenManager } from '../auth/token-manager'
import { openLedger, type Ledger } from '../history'
import type { ProfileService } from '../profiles/profile-service'
import { openTestProfiles } from '../profiles/test-profiles'
import type { LaunchService } from './launch-service'
import { testLaunchService } from './test-launches'

let dir: string
let sandbox: Sandbox
let ledger: Ledger
let profiles: ProfileService
let service: LaunchService
let tokens: TokenManager
let clock: { offsetMs: number }
let seq = 0

const target: StartTarget = {
  mode: 'build',
  appId: SANDBOX_IDS.appId,
  buildId: SANDBOX_IDS.committedBuildId,
  processName: '[DOCS]customer_onboarding'
}

/** Start requests the runtime received, oldest first. */
const starts = (): number => sandbox.requests.filter((r) => r.rawPath.endsWith('/start')).length

function launch(profile: ProfileView, payload = `{"n":${++seq}}`) {
  return service.startWithProfile(profile.id, {
    requestId: `r${seq}-${Math.random().toString(36).slice(2, 8)}`,
    target,
    payload
  })
}

async function serviceAccount(): Promise<ProfileView> {
  return profiles.save({
    name: 'Service account',
    color: 'blue',
    baseUrl: sandbox.baseUrl,
    platform: 'web',
    defaults: { workspaceId: '', appId: '', buildId: '' },
    auth: { mode: 'client-credentials', issuer: sandbox.issuer, clientId: SANDBOX_IDS.clientId },
    secrets: { clientSecret: { action: 'set', value: SANDBOX_IDS.clientSecret } }
  })
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-token-launch-'))
  sandbox = await startSandbox({ port: 0 })
  ledger = await openLedger(join(dir, 'history.db'))
  const opened = await openTestProfiles(dir)
  profiles = opened.profiles
  ;({ manager: tokens, clock } = testManager())
  service = testLaunchService({
    ledger,
    profiles,
    vault: opened.vault,
    tokens,
    timeouts: { inactivityTimeoutMs: 2_000, deadlineMs: 4_000 }
  })
})

afterEach(async () => {
  await ledger.close()
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('launches with a service account', () => {
  it('fetches one token and reuses it while it is fresh', async () => {
    const profile = await serviceAccount()
    expect((await launch(profile)).status).toBe('started')
    expect((await launch(profile)).status).toBe('started')
    expect(grantsSeen(sandbox)).toEqual(['client_credentials'])
    const bearers = sandbox.requests
      .filter((r) => r.rawPath.endsWith('/start'))
      .map((r) => r.headers.authorization)
    expect(new Set(bearers).size).toBe(1)
  })

  it('shares one token fetch among 20 concurrent launches', async () => {
    const profile = await serviceAccount()
    const records = await Promise.all(Array.from({ length: 20 }, () => launch(profile)))
    expect(records.every((r) => r.status === 'started')).toBe(true)
    expect(grantsSeen(sandbox)).toEqual(['client_credentials'])
    expect(starts()).toBe(20)
  })

  it('renews the token before it runs out, without a 401 first', async () => {
    const profile = await serviceAccount()
    await launch(profile)
    // 285 s into a 300 s token, on both clocks: inside the early-refresh window.
    clock.offsetMs = 285_000
    sandbox.setClockOffset(285)
    const second = await launch(profile)
    expect(second.status).toBe('started')
    expect(second.retriedAfter401).toBeUndefined()
    expect(grantsSeen(sandbox)).toEqual(['client_credentials', 'client_credentials'])
    expect(
      sandbox.requests.filter((r) => r.rawPath.endsWith('/start') && r.headers.authorization)
    ).toHaveLength(2)
    expect(starts()).toBe(2)
  })

  it('after a 401, renews once and sends the start once more', async () => {
    const profile = await serviceAccount()
    await launch(profile)
    // The runtime's clock jumps past the token's expiry; ours does not notice.
    sandbox.setClockOffset(400)
    const record = await launch(profile)
    expect(record.status).toBe('started')
    expect(record.retriedAfter401).toBe(true)
    expect(starts()).toBe(3)
    expect(grantsSeen(sandbox)).toEqual(['client_credentials', 'client_credentials'])
    expect((await ledger.search({})).items).toHaveLength(2)
  })

  it('a second 401 is reported, with no third attempt', async () => {
    // Another identity provider: its tokens are well formed but signed with a key FlowX does not trust.
    const stranger = await startSandbox({ port: 0 })
    try {
      const profile = await profiles.save({
        name: 'Untrusted issuer',
        color: 'red',
        baseUrl: sandbox.baseUrl,
        platform: 'web',
        defaults: { workspaceId: '', appId: '', buildId: '' },
        auth: {
          mode: 'client-credentials',
          issuer: stranger.issuer,
          clientId: SANDBOX_IDS.clientId
        },
        secrets: { clientSecret: { action: 'set', value: SANDBOX_IDS.clientSecret } }
      })
      const record = await launch(profile)
      expect(record.status).toBe('failed')
      expect(record.httpStatus).toBe(401)
      expect(record.retriedAfter401).toBe(true)
      expect(record.error?.hint).toMatch(/freshly fetched token was refused as well/)
      expect(starts()).toBe(2)
      expect(grantsSeen(stranger)).toEqual(['client_credentials', 'client_credentials'])
    } finally {
      await stranger.close()
    }
  })

  it.each([
    ['a 500', { failStatus: 500 as const }],
    ['a 503', { failStatus: 503 as const }],
    ['a timeout', { hang: true }]
  ])('never resends after %s', async (_name, faults) => {
    const profile = await serviceAccount()
    sandbox.setFaults(faults)
    const record = await launch(profile)
    expect(record.status === 'failed' || record.status === 'unknown').toBe(true)
    expect(starts()).toBe(1)
    expect(grantsSeen(sandbox)).toEqual(['client_credentials'])
  })

  it('an identity provider that refuses sends nothing to FlowX and records nothing', async () => {
    const profile = await profiles.save({
      name: 'Wrong secret',
      color: 'red',
      baseUrl: sandbox.baseUrl,
      platform: 'web',
      defaults: { workspaceId: '', appId: '', buildId: '' },
      auth: { mode: 'client-credentials', issuer: sandbox.issuer, clientId: SANDBOX_IDS.clientId },
      secrets: { clientSecret: { action: 'set', value: 'not-the-secret' } }
    })
    await expect(launch(profile)).rejects.toMatchObject({ error: { code: 'AUTH_BAD_SECRET' } })
    expect(starts()).toBe(0)
    expect((await ledger.search({})).items).toHaveLength(0)
  })
})

describe('a secret this computer can no longer decrypt (SEC-3)', () => {
  it('blocks launches with a request to enter it again, sends nothing, keeps the blob', async () => {
    const profile = await serviceAccount()
    const blob = readFileSync(join(dir, 'secrets.json'))
    // Another session with a different keychain key: the stored blob cannot be opened.
    const other = await openTestProfiles(dir)
    const stranger = testLaunchService({ ledger, profiles: other.profiles, vault: other.vault })
    await expect(
      stranger.startWithProfile(profile.id, { requestId: 'locked', target, payload: '{}' })
    ).rejects.toMatchObject({
      error: {
        code: 'SECRET_UNAVAILABLE',
        message: expect.stringMatching(
          /client secret for “Service account” can no longer be decrypted.*enter it again/
        )
      }
    })
    expect(sandbox.requests).toHaveLength(0)
    expect(other.profiles.list().find((p) => p.id === profile.id)?.secrets.clientSecret).toEqual({
      set: true,
      storage: 'undecryptable'
    })
    expect(readFileSync(join(dir, 'secrets.json')).equals(blob)).toBe(true)
  })
})
