/**
 * The workbench channels end to end over the real core and the sandbox: save a templated launch,
 * preview it, start it (template, values and exact bytes in the ledger), replay it three ways,
 * copy it as cURL and run that with real curl, paste a cURL with a token.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Sandbox, SANDBOX_IDS, startSandbox } from '../../sandbox'
import type { Channel, InputOf, ResultOf } from '../../shared/contract'
import type { LaunchRecord } from '../../shared/domain'
import { AppFailure, type AppError } from '../../shared/errors'
import type { Core } from '../app'
import { SANDBOX_PROFILE_ID } from '../profiles/profile-store'
import { createTestCore } from '../test-support'

const run = promisify(execFile)
let dataDir: string
let sandbox: Sandbox
let core: Core
const copied: string[] = []

async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<ResultOf<C>> {
  const handler = core.handlers[channel] as (i: unknown) => Promise<ResultOf<C>> | ResultOf<C>
  return handler(input)
}

async function refused(channel: Channel, input: unknown): Promise<AppError> {
  try {
    await (core.handlers[channel] as (i: unknown) => unknown)(input)
  } catch (error) {
    if (error instanceof AppFailure) return error.error
    throw error
  }
  throw new Error(`${channel} was expected to fail`)
}

const PAYLOAD = `{
  "customerId": "{{customerId}}",
  "accountId": 9007199254740993,
  "requestId": "{{$uuid}}",
  "amount": {{amount}}
}`

const target = {
  mode: 'build' as const,
  workspaceId: '',
  appId: '{{appId}}',
  buildId: '{{buildId}}',
  processName: '[DOCS]customer_onboarding'
}

let savedId: string
let staging: string
let first: LaunchRecord

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'flowx-workbench-'))
  sandbox = await startSandbox({ port: 0 })
  core = await createTestCore(dataDir, {
    copyText: (text) => void copied.push(text),
    startSandbox: async () => sandbox
  })
  await call('sandbox:ensure', undefined)
  const local = core.profiles.get(SANDBOX_PROFILE_ID)
  await core.profiles.save({
    id: local.id,
    name: local.name,
    color: local.color,
    baseUrl: local.baseUrl,
    platform: local.platform,
    defaults: local.defaults,
    variables: { customerId: 'C-LOCAL' }
  })
  staging = (
    await core.profiles.save({
      name: 'Staging',
      color: 'amber',
      baseUrl: sandbox.baseUrl,
      platform: 'web',
      defaults: {
        workspaceId: SANDBOX_IDS.workspaceId,
        appId: SANDBOX_IDS.appId,
        buildId: SANDBOX_IDS.committedBuildId
      },
      variables: { customerId: 'C-STAGING' },
      auth: { mode: 'bearer' },
      secrets: { token: { action: 'set', value: sandbox.demoToken } }
    })
  ).id
})

afterAll(async () => {
  await core.close()
  await sandbox.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('saved launch with variables', () => {
  it('is saved, previewed with each value and its source, and started with the exact bytes recorded', async () => {
    const saved = await call('library:save', {
      launch: {
        name: 'Onboarding',
        description: '',
        tags: ['smoke'],
        target,
        payload: PAYLOAD,
        variables: { amount: '250' },
        ticket: '',
        notes: ''
      }
    })
    savedId = saved.entry.id
    expect((await call('library:list', undefined)).entries.map((e) => e.name)).toEqual([
      'Onboarding'
    ])

    const preview = await call('templates:preview', {
      profileId: SANDBOX_PROFILE_ID,
      target,
      payload: PAYLOAD,
      savedLaunchId: savedId
    })
    expect(preview.problem).toBeUndefined()
    expect(preview.url).toBe(
      `${sandbox.baseUrl}/api/runtime/app/${SANDBOX_IDS.appId}/build/${SANDBOX_IDS.committedBuildId}/process-name/%5BDOCS%5Dcustomer_onboarding/start`
    )
    expect(preview.variables.map((v) => [v.name, v.source])).toEqual([
      ['appId', 'profile-default'],
      ['buildId', 'profile-default'],
      ['customerId', 'profile'],
      ['$uuid', 'builtin'],
      ['amount', 'saved']
    ])

    const before = sandbox.requests.length
    first = await call('launch:start', {
      requestId: 'r1',
      profileId: SANDBOX_PROFILE_ID,
      target,
      payload: PAYLOAD,
      savedLaunchId: savedId,
      overrides: { amount: '999' },
      ticket: 'SUP-7',
      note: 'first try'
    })
    expect(first.status).toBe('started')
    const seen = sandbox.requests.slice(before).filter((r) => r.rawPath.endsWith('/start'))
    expect(seen).toHaveLength(1)
    expect(seen[0].body).toBe(first.payload)
    expect(first.payload).toContain('"accountId": 9007199254740993')
    expect(first.payload).toContain('"amount": 999')
    const stored = await core.ledger.get(first.id)
    expect(stored).toMatchObject({
      template: PAYLOAD,
      savedLaunch: 'Onboarding',
      ticket: 'SUP-7',
      note: 'first try',
      variables: { customerId: 'C-LOCAL', amount: '999', appId: SANDBOX_IDS.appId }
    })
    expect(stored?.variables?.$uuid).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('refuses an unresolved variable by name and sends nothing', async () => {
    const before = sandbox.requests.length
    const error = await refused('launch:start', {
      requestId: 'r2',
      profileId: SANDBOX_PROFILE_ID,
      target,
      payload: '{"x": "{{nobody}}"}'
    })
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toContain(
      'The variable {{nobody}} in the payload at line 1, column 8 has no value'
    )
    expect(sandbox.requests.length).toBe(before)
    const preview = await call('templates:preview', {
      profileId: SANDBOX_PROFILE_ID,
      target,
      payload: '{"x": "{{nobody}}"}'
    })
    expect(preview.problem).toMatchObject({ kind: 'unresolved', variable: 'nobody', offset: 7 })
  })
})

describe('replay', () => {
  it('exactly: the same bytes to the same target', async () => {
    const plan = await call('history:replay-plan', { id: first.id, mode: 'exact' })
    expect(plan).toMatchObject({ urlChanged: false, payloadChanged: false, changedVariables: [] })
    const again = await call('history:replay', {
      id: first.id,
      mode: 'exact',
      requestId: 'r3',
      allowDuplicate: true
    })
    expect(again.payload).toBe(first.payload)
    expect(again.replayOf).toBe(first.id)
  })

  it('exactly, without allowing it: the duplicate guard still applies', async () => {
    const error = await refused('history:replay', { id: first.id, mode: 'exact', requestId: 'r4' })
    expect(error.code).toBe('DUPLICATE_START')
  })

  it('fresh: a new $uuid, the other values kept', async () => {
    const plan = await call('history:replay-plan', { id: first.id, mode: 'fresh' })
    expect(plan.payloadChanged).toBe(true)
    expect(plan.changedVariables.map((c) => c.name)).toEqual(['$uuid'])
    expect(plan.after.payload).toContain('"amount": 999')
  })

  it('to another profile: that profile’s values, with the diff of what changes', async () => {
    const plan = await call('history:replay-plan', {
      id: first.id,
      mode: 'to-profile',
      profileId: staging
    })
    expect(plan.after).toMatchObject({ profileName: 'Staging', protected: false })
    expect(plan.changedVariables.find((c) => c.name === 'customerId')).toEqual({
      name: 'customerId',
      before: 'C-LOCAL',
      after: 'C-STAGING'
    })
    const record = await call('history:replay', {
      id: first.id,
      mode: 'to-profile',
      profileId: staging,
      requestId: 'r5'
    })
    expect(record).toMatchObject({ status: 'started', profileName: 'Staging', replayOf: first.id })
    expect(record.payload).toContain('"customerId": "C-STAGING"')
  })

  it('by instance uuid as well as by launch id', async () => {
    const plan = await call('history:replay-plan', {
      id: first.instance?.uuid as string,
      mode: 'exact'
    })
    expect(plan.sourceId).toBe(first.id)
  })
})

describe('cURL', () => {
  it('placeholders: real curl with FLOWX_TOKEN set starts an instance with the same bytes', async () => {
    const { command, copied: wasCopied } = await call('curl:from-launch', {
      id: first.id,
      mode: 'placeholders'
    })
    expect(wasCopied).toBe(false)
    expect(command).toContain('"Authorization: Bearer $FLOWX_TOKEN"')
    const before = sandbox.requests.length
    const { stdout } = await run('bash', ['-c', `${command} --silent --show-error`], {
      env: { ...process.env, FLOWX_TOKEN: sandbox.demoToken },
      timeout: 60_000
    })
    const answer = JSON.parse(stdout) as { uuid?: string; state?: string }
    expect(answer.uuid).toMatch(/^[0-9a-f-]{36}$/)
    const seen = sandbox.requests.slice(before)
    expect(seen).toHaveLength(1)
    expect(seen[0].body).toBe(first.payload)
  })

  it('resolved: only with an explicit yes; copied in main and never returned', async () => {
    expect((await refused('curl:from-launch', { id: first.id, mode: 'resolved' })).code).toBe(
      'CONFIRMATION_REQUIRED'
    )
    copied.length = 0
    const result = await call('curl:from-launch', {
      id: first.id,
      mode: 'resolved',
      confirmed: true
    })
    expect(result).toMatchObject({ mode: 'resolved', copied: true })
    expect(result.command).toContain('Bearer ••••')
    expect(copied).toHaveLength(1)
    expect(copied[0]).toMatch(/Authorization: Bearer eyJ/)
  })

  it('from the form: resolved against the profile, redacted', async () => {
    const result = await call('curl:from-form', {
      profileId: staging,
      target,
      payload: PAYLOAD,
      overrides: { amount: '1' },
      mode: 'redacted'
    })
    expect(result.command).toContain('C-STAGING')
    expect(result.command).toContain("'Authorization: Bearer ••••'")
    expect(result.command).not.toContain(sandbox.demoToken)
  })

  it('a pasted cURL fills the form; its token is a one-launch handle, never returned', async () => {
    const { command } = await call('curl:from-launch', { id: first.id, mode: 'placeholders' })
    const pasted = command.replace('$FLOWX_TOKEN', sandbox.demoToken)
    const read = await call('curl:parse', { text: pasted })
    expect(JSON.stringify(read)).not.toContain(sandbox.demoToken)
    expect(read).toMatchObject({
      mode: 'build',
      appId: SANDBOX_IDS.appId,
      processName: '[DOCS]customer_onboarding',
      platform: 'web'
    })
    expect(read.tokenHandle).toMatch(/^[a-f0-9]{32}$/)
    const before = sandbox.requests.length
    const record = await call('launch:start', {
      requestId: 'r6',
      profileId: SANDBOX_PROFILE_ID,
      target: {
        mode: 'build',
        appId: read.appId,
        buildId: read.buildId,
        processName: read.processName
      },
      payload: read.payload,
      tokenHandle: read.tokenHandle,
      allowDuplicate: true
    })
    expect(record.status).toBe('started')
    const start = sandbox.requests.slice(before).find((r) => r.rawPath.endsWith('/start'))
    expect(start?.headers.authorization).toBe(`Bearer ${sandbox.demoToken}`)
    const again = await refused('launch:start', {
      requestId: 'r7',
      profileId: SANDBOX_PROFILE_ID,
      target: {
        mode: 'build',
        appId: read.appId,
        buildId: read.buildId,
        processName: read.processName
      },
      payload: read.payload,
      tokenHandle: read.tokenHandle,
      allowDuplicate: true
    })
    expect(again.code).toBe('TOKEN_MISSING')
  })
})

describe('a protected target', () => {
  it('needs its typed name to replay onto it and to copy a resolved cURL for it', async () => {
    const current = core.profiles.get(staging)
    await core.profiles.save({
      id: staging,
      name: current.name,
      color: current.color,
      baseUrl: current.baseUrl,
      platform: current.platform,
      defaults: current.defaults,
      protected: true
    })
    const before = sandbox.requests.length
    const replay = {
      id: first.id,
      mode: 'to-profile' as const,
      profileId: staging,
      requestId: 'r8'
    }
    expect((await refused('history:replay', replay)).code).toBe('CONFIRMATION_REQUIRED')
    expect(sandbox.requests.length).toBe(before)
    const form = { profileId: staging, target, payload: PAYLOAD, overrides: { amount: '1' } }
    const curl = await refused('curl:from-form', { ...form, mode: 'resolved', confirmed: true })
    expect(curl).toMatchObject({ code: 'CONFIRMATION_REQUIRED' })
    expect(curl.message).toContain('type its name')
    const copiedBefore = copied.length
    const ok = await call('curl:from-form', {
      ...form,
      mode: 'resolved',
      confirmed: true,
      confirmProfileName: 'Staging'
    })
    expect(ok.copied).toBe(true)
    expect(copied.length).toBe(copiedBefore + 1)
    const record = await call('history:replay', {
      ...replay,
      requestId: 'r9',
      confirmProfileName: 'Staging'
    })
    expect(record).toMatchObject({ status: 'started', profileName: 'Staging' })
  })
})
