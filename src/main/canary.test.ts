/**
 * The canary test of security.md LOG-1 / IPC-4 / LOG-2: a random client secret, a random pasted
 * token and every token the identity provider issues go through every path of the app — save,
 * both launches, a 401, a 500 that echoes the Authorization header, a dead port, a timeout, a TLS
 * failure, health check, token status, export, history — and appear in no IPC result, no log
 * line, no file under the data directory and no export, while the sandbox did receive them.
 */
import { randomUUID } from 'node:crypto'
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import https from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { createCore, type Core } from '../core/app'
import { closedPort, makeCertificate } from '../core/launcher/test-servers'
import { createRedactingLogger, Redactor } from '../core/logging/redact'
import { MemoryKeyCipher } from '../core/secrets/memory-key-cipher'
import { confBackend } from '../core/stores/conf-backend'
import { DEFAULT_FIXTURE, SANDBOX_IDS, startSandbox, type Sandbox } from '../sandbox'
import type { Channel, InputOf } from '../shared/contract'
import type { ProfileView } from '../shared/domain'
import type { Result } from '../shared/errors'
import { registerHandlers } from './ipc'

vi.mock('electron', () => import('./test-support/fake-electron'))

const SECRET = `CANARY-${randomUUID()}`
const PASTED = `TOKEN-${randomUUID()}`

let dataDir: string
let exportsDir: string
let sandbox: Sandbox
let tlsServer: https.Server
let tlsUrl: string
let core: Core
const logLines: string[] = []
const results: string[] = []
let invoke: <C extends Channel>(channel: C, input: InputOf<C>) => Promise<Result<unknown>>

/** Every file below `dir`, raw bytes as latin1 so any byte sequence is searchable. */
function everyFile(dir: string): Array<[string, string]> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => [path, readFileSync(path).toString('latin1')])
}

async function ok<C extends Channel>(channel: C, input: InputOf<C>): Promise<unknown> {
  const result = await invoke(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'flowx-canary-'))
  exportsDir = mkdtempSync(join(tmpdir(), 'flowx-canary-exports-'))
  const fixture = structuredClone(DEFAULT_FIXTURE)
  const client = fixture.realms[0]!.clients.find((c) => c.clientId === SANDBOX_IDS.clientId)!
  client.secret = SECRET
  sandbox = await startSandbox({ port: 0, fixture })

  const cert = makeCertificate(['127.0.0.1'])
  if ('skip' in cert) throw new Error(cert.skip)
  tlsServer = https.createServer(cert, (_req, res) => res.end('{}'))
  await new Promise<void>((done) => tlsServer.listen(0, '127.0.0.1', done))
  tlsUrl = `https://127.0.0.1:${(tlsServer.address() as { port: number }).port}/rtm`

  const redactor = new Redactor()
  const logFile = join(dataDir, 'logs', 'main.log')
  const logger = createRedactingLogger((level, message, meta) => {
    const line = `${level} ${message} ${meta ? JSON.stringify(meta) : ''}`
    logLines.push(line)
    appendFileSync(logFile, `${line}\n`)
  }, redactor)
  mkdirSync(join(dataDir, 'logs'))
  core = await createCore({
    dataDir,
    storeBackend: confBackend,
    cipher: new MemoryKeyCipher(),
    logger,
    redactor,
    version: '0.0.0-canary',
    copyText: () => undefined,
    files: {
      saveText: async (name, text) => {
        const path = join(exportsDir, name)
        writeFileSync(path, text)
        return path
      },
      openText: async () => undefined
    },
    startSandbox: async () => sandbox,
    sandboxPort: 0,
    timeouts: { inactivityTimeoutMs: 1_500, deadlineMs: 3_000 }
  })
  const registered = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>()
  registerHandlers(
    {
      handle: (channel: string, fn: (e: unknown, i: unknown) => Promise<unknown>) =>
        void registered.set(channel, fn)
    },
    core.handlers,
    () => true,
    logger,
    { redactor }
  )
  invoke = async (channel, input) => {
    const result = (await registered.get(channel)!({}, input)) as Result<unknown>
    results.push(JSON.stringify(result))
    return result
  }
})

afterAll(async () => {
  await core.close()
  await sandbox.close()
  await new Promise((done) => tlsServer.close(done))
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(exportsDir, { recursive: true, force: true })
})

describe('no secret leaves main (LOG-1 canary)', () => {
  it('goes through every path, then finds neither canary nor any issued token anywhere', async () => {
    const defaults = {
      workspaceId: SANDBOX_IDS.workspaceId,
      appId: SANDBOX_IDS.appId,
      buildId: SANDBOX_IDS.committedBuildId
    }
    const save = (input: InputOf<'profiles:save'>) =>
      ok('profiles:save', input) as Promise<ProfileView>
    const account = (name: string, baseUrl: string): InputOf<'profiles:save'> => ({
      name,
      color: 'blue',
      baseUrl,
      platform: 'web',
      defaults,
      auth: { mode: 'client-credentials', issuer: sandbox.issuer, clientId: SANDBOX_IDS.clientId },
      secrets: { clientSecret: { action: 'set', value: SECRET } }
    })
    const service = await save(account('Service account', sandbox.baseUrl))
    const pasted = await save({
      name: 'Pasted',
      color: 'amber',
      baseUrl: sandbox.baseUrl,
      platform: 'web',
      defaults,
      auth: { mode: 'bearer' },
      secrets: { token: { action: 'set', value: PASTED } }
    })
    const dead = await save(account('Dead port', `http://127.0.0.1:${await closedPort()}/rtm`))
    const untrusted = await save(account('Self-signed', tlsUrl))
    await ok('profiles:list', undefined)

    let n = 0
    const start = (profileId: string, mode: 'build' | 'workspace', payload = `{"n":${++n}}`) =>
      invoke('launch:start', {
        requestId: `canary-${n}-${mode}`,
        profileId,
        payload,
        target:
          mode === 'build'
            ? {
                mode,
                appId: SANDBOX_IDS.appId,
                buildId: SANDBOX_IDS.committedBuildId,
                processName: '[DOCS]customer_onboarding'
              }
            : {
                mode,
                workspaceId: SANDBOX_IDS.workspaceId,
                appId: SANDBOX_IDS.appId,
                processName: '[DOCS]customer_onboarding'
              }
      })

    expect(await start(service.id, 'build')).toMatchObject({
      ok: true,
      value: { status: 'started' }
    })
    expect(await start(service.id, 'workspace')).toMatchObject({
      ok: true,
      value: { status: 'started' }
    })
    // A 401 with renewal (the runtime's clock jumps past the token), and a plain 401 (pasted).
    sandbox.setClockOffset(400)
    expect(await start(service.id, 'build')).toMatchObject({
      ok: true,
      value: { retriedAfter401: true }
    })
    expect(await start(pasted.id, 'build')).toMatchObject({ ok: true, value: { httpStatus: 401 } })
    // A 500 whose body echoes the Authorization header.
    sandbox.setFaults({ failStatus: 500, echoAuthorization: true })
    const echoed = await start(service.id, 'workspace')
    expect(echoed).toMatchObject({ ok: true, value: { httpStatus: 500 } })
    sandbox.setFaults({ hang: true })
    expect(await start(service.id, 'build')).toMatchObject({
      ok: true,
      value: { status: 'unknown' }
    })
    sandbox.setFaults(undefined)
    expect(await start(dead.id, 'build')).toMatchObject({
      ok: true,
      value: { status: 'failed', error: { code: 'NETWORK' } }
    })
    expect(await start(untrusted.id, 'build')).toMatchObject({
      ok: true,
      value: { status: 'failed', error: { code: 'TLS' } }
    })

    for (const id of [service.id, pasted.id, dead.id, untrusted.id]) {
      await ok('profiles:check', { id })
      await ok('auth:status', { profileId: id })
      await invoke('auth:renew', { profileId: id })
      await invoke('build:info', { profileId: id })
    }
    // Check connection on unsaved form values, with the secret typed in the form.
    await ok('profiles:check-draft', account('Draft', sandbox.baseUrl))
    const exported = (await ok('profiles:export', {})) as { path: string }
    const page = (await ok('history:search', { limit: 100 })) as { items: Array<{ id: string }> }
    for (const item of page.items) await ok('history:get', { id: item.id })
    for (const format of ['md', 'html'] as const) {
      await ok('reports:create', { format, ids: page.items.map((item) => item.id) })
    }
    await ok('app:get-state', undefined)

    // Positive control: the secrets really went where they belong.
    const tokenCalls = sandbox.requests.filter((r) => r.rawPath.endsWith('/openid-connect/token'))
    expect(
      tokenCalls.some((r) => r.body.includes(encodeURIComponent(SECRET)) || r.body.includes(SECRET))
    ).toBe(true)
    const bearers = [
      ...new Set(
        sandbox.requests
          .map((r) => /^Bearer (.+)$/.exec(r.headers.authorization ?? '')?.[1])
          .filter((t): t is string => t !== undefined)
      )
    ]
    expect(bearers).toContain(PASTED)
    expect(bearers.length).toBeGreaterThanOrEqual(3)
    expect(JSON.stringify(echoed)).toContain('status')

    const needles = [SECRET, ...bearers]
    const places: Array<[string, string]> = [
      ...results.map((r, i): [string, string] => [`IPC result ${i}`, r]),
      ...logLines.map((l, i): [string, string] => [`log line ${i}`, l]),
      ...everyFile(dataDir),
      ['export', readFileSync(exported.path, 'latin1')]
    ]
    expect(places.length).toBeGreaterThan(30)
    const leaks = places.flatMap(([where, text]) =>
      needles
        .filter((needle) => text.includes(needle))
        .map((needle) => `${where} holds ${needle.slice(0, 12)}…`)
    )
    expect(leaks).toEqual([])
  })
})
