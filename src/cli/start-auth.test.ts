import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { Socket } from 'node:net'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { SANDBOX_IDS } from '../sandbox'
import type { ProfileAuth } from '../shared/domain'
import { oneJson, useSandboxFixture, type CliHarness } from './test-support'

const fx = useSandboxFixture({ withToken: false })
const { appId, committedBuildId } = SANDBOX_IDS
const SECRET = SANDBOX_IDS.clientSecret

/** Every file under the data directory, raw bytes as text, recursively. */
function dataFiles(h: CliHarness): string {
  const read = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? read(join(dir, entry.name))
        : [readFileSync(join(dir, entry.name)).toString('latin1')]
    )
  return read(h.dataDir).join('\n')
}

const issuer = (): string => `${fx.sandbox.url}/realms/flowx`
const target = ['--build', committedBuildId, '--app', appId, '--process', 'loan request']
const payload = ['--data', '{"customerId":"c","amount":1}']
const adHoc = (): string[] => ['start', '--base-url', fx.sandbox.baseUrl, ...target, ...payload]
const clientFlags = (): string[] => ['--issuer', issuer(), '--client-id', SANDBOX_IDS.clientId]
const startRequests = (): number =>
  fx.sandbox.requests.filter((r) => r.rawPath.endsWith('/start')).length

/** The bearer the sandbox received with the last start. */
function lastBearer(): string {
  const request = fx.sandbox.requests.filter((r) => r.rawPath.endsWith('/start')).at(-1)
  const bearer = request?.headers.authorization?.replace(/^Bearer /, '')
  if (!bearer) throw new Error('no start with a bearer')
  return bearer
}

/** A profile named Staging on the sandbox, saved by the app with these secrets. */
function saveStaging(auth: ProfileAuth, secrets: Record<string, string>): Promise<void> {
  return fx.saveProfile('Staging', {
    auth,
    secrets: Object.fromEntries(
      Object.entries(secrets).map(([name, value]) => [name, { action: 'set', value }])
    )
  })
}

describe('start with client credentials', () => {
  it('fetches a token ad hoc and starts; neither secret nor token is printed or stored', async () => {
    const { code, stdout, stderr } = await fx.h.run([...adHoc(), ...clientFlags(), '--json'], {
      env: { FLOWX_CLIENT_SECRET: SECRET }
    })

    expect(stderr.text).toBe('')
    expect(code).toBe(0)
    expect(oneJson(stdout).status).toBe('started')
    const token = lastBearer()
    fx.tokens.push(SECRET, token)
    expect(fx.sandbox.requests.some((r) => r.rawPath.endsWith('/openid-connect/token'))).toBe(true)
    const files = dataFiles(fx.h)
    expect(files).not.toContain(SECRET)
    expect(files).not.toContain(token)
    expect(files).not.toContain(token.split('.')[2])
  })

  it('starts with a password grant as --username', async () => {
    const args = [...adHoc(), '--issuer', issuer(), '--username', 'demo', '--json']
    const { code, stdout } = await fx.h.run(args, { env: { FLOWX_PASSWORD: 'demo' } })

    expect(code).toBe(0)
    expect(oneJson(stdout).status).toBe('started')
    const tokenCall = fx.sandbox.requests.filter((r) => r.rawPath.endsWith('/token')).at(-1)
    expect(new URLSearchParams(tokenCall?.body).get('grant_type')).toBe('password')
    expect(tokenCall?.body).toContain(`client_id=${SANDBOX_IDS.publicClientId}`)
    fx.tokens.push(lastBearer())
  })

  it('refuses a wrong client secret: the message and hint, exit 2, nothing started', async () => {
    const starts = startRequests()
    const { code, stdout, stderr } = await fx.h.run([...adHoc(), ...clientFlags()], {
      env: { FLOWX_CLIENT_SECRET: 'not-the-secret-123' }
    })

    expect(code).toBe(2)
    expect(stdout.text).toBe('')
    expect(stderr.lines()).toHaveLength(1)
    expect(stderr.text).toContain(`rejected the client secret of '${SANDBOX_IDS.clientId}'`)
    expect(stderr.text).toContain('Credentials')
    expect(stderr.text).not.toContain('not-the-secret-123')
    expect(startRequests()).toBe(starts)
    expect(fx.h.recordCount()).toBe(0)
  })

  it('refuses a wrong password with its own message', async () => {
    const args = [...adHoc(), '--issuer', issuer(), '--username', 'demo']
    const { code, stderr } = await fx.h.run(args, { env: { FLOWX_PASSWORD: 'wrong-password' } })

    expect(code).toBe(2)
    expect(stderr.text).toContain("rejected the user name 'demo' or its password")
    expect(stderr.text).not.toContain('wrong-password')
    expect(fx.h.recordCount()).toBe(0)
  })

  it('refuses when the identity provider is down: exit 2, nothing started', async () => {
    fx.sandbox.setFaults({ idpDown: true })
    const starts = startRequests()
    const { code, stderr } = await fx.h.run([...adHoc(), ...clientFlags()], {
      env: { FLOWX_CLIENT_SECRET: SECRET }
    })

    expect(code).toBe(2)
    expect(stderr.lines()).toHaveLength(1)
    expect(stderr.text).toContain('identity provider')
    expect(startRequests()).toBe(starts)
    expect(fx.h.recordCount()).toBe(0)
  })

  it('cancels a token fetch on SIGINT: exit 130, nothing started or recorded', async () => {
    const sockets = new Set<Socket>()
    let arrived = (): void => undefined
    const reached = new Promise<void>((resolve) => (arrived = resolve))
    // An identity provider that accepts the request and never answers.
    const server = createServer(() => arrived())
    server.on('connection', (socket) => sockets.add(socket))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    try {
      const starts = startRequests()
      const running = fx.h.spawn(
        [...adHoc(), '--issuer', `http://127.0.0.1:${port}/realms/flowx`, '--client-id', 'c'],
        { env: { FLOWX_CLIENT_SECRET: SECRET } }
      )
      await reached
      running.signals.emit('SIGINT')

      expect(await running.done).toBe(130)
      expect(running.stderr.text).toContain('Cancelled')
      expect(running.signals.listenerCount('SIGINT')).toBe(0)
      expect(startRequests()).toBe(starts)
      expect(fx.h.recordCount()).toBe(0)
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it.each([
    ['--client-secret', ['--client-secret', 'sandbox-secret'], 'set FLOWX_CLIENT_SECRET'],
    ['--client-secret=', ['--client-secret=sandbox-secret'], 'set FLOWX_CLIENT_SECRET'],
    ['--password', ['--password=hunter2-hunter2'], 'set FLOWX_PASSWORD']
  ])('refuses a %s flag before anything else: exit 2', async (_label, extra, message) => {
    const sent = fx.sandbox.requests.length
    const { code, stdout, stderr } = await fx.h.run([...adHoc(), ...clientFlags(), ...extra])

    expect(code).toBe(2)
    expect(stdout.text).toBe('')
    expect(stderr.lines()).toHaveLength(1)
    expect(stderr.text).toContain(message)
    expect(stderr.text).not.toContain('sandbox-secret')
    expect(stderr.text).not.toContain('hunter2')
    expect(fx.sandbox.requests.length).toBe(sent)
  })

  it.each([
    ['no FLOWX_CLIENT_SECRET', clientFlags, {}, 'FLOWX_CLIENT_SECRET is not set'],
    [
      'no FLOWX_PASSWORD',
      () => ['--issuer', issuer(), '--username', 'demo'],
      {},
      'FLOWX_PASSWORD is not set'
    ],
    [
      'an issuer without a realm',
      () => ['--issuer', fx.sandbox.url, '--client-id', 'c'],
      { FLOWX_CLIENT_SECRET: SECRET },
      '--issuer: The issuer URL must name a realm'
    ],
    [
      'plain http to a remote issuer',
      () => ['--issuer', 'http://kc.example.com/realms/x', '--client-id', 'c'],
      { FLOWX_CLIENT_SECRET: SECRET },
      '--issuer: The issuer must be https'
    ],
    [
      '--client-id without --issuer',
      () => ['--client-id', 'c'],
      { FLOWX_CLIENT_SECRET: SECRET },
      'Pass --issuer URL'
    ],
    [
      '--issuer alone',
      () => ['--issuer', issuer()],
      { FLOWX_CLIENT_SECRET: SECRET },
      'Pass --client-id ID'
    ]
  ])('refuses %s: exit 2, nothing sent', async (_label, flags, env, message) => {
    const sent = fx.sandbox.requests.length
    const { code, stderr } = await fx.h.run([...adHoc(), ...flags()], { env })

    expect(code).toBe(2)
    expect(stderr.lines()).toHaveLength(1)
    expect(stderr.text).toContain(message)
    expect(fx.sandbox.requests.length).toBe(sent)
    expect(fx.h.recordCount()).toBe(0)
  })
})

describe('start --profile with a stored sign-in', () => {
  const auth: ProfileAuth = {
    mode: 'client-credentials',
    issuer: '',
    clientId: SANDBOX_IDS.clientId
  }
  const args = ['start', '--profile', 'Staging', '--process', 'loan request', ...payload, '--json']

  it('takes the client secret from FLOWX_CLIENT_SECRET and the rest from the profile', async () => {
    await saveStaging({ ...auth, issuer: issuer() }, { clientSecret: SECRET })
    const { code, stdout } = await fx.h.run(args, { env: { FLOWX_CLIENT_SECRET: SECRET } })

    expect(code).toBe(0)
    expect(oneJson(stdout)).toMatchObject({ status: 'started', profile: 'Staging' })
    fx.tokens.push(SECRET, lastBearer())
  })

  it('names FLOWX_CLIENT_SECRET when it is missing: exit 2, nothing sent', async () => {
    await saveStaging({ ...auth, issuer: issuer() }, { clientSecret: SECRET })
    const sent = fx.sandbox.requests.length
    const { code, stderr } = await fx.h.run(args)

    expect(code).toBe(2)
    expect(stderr.lines()).toHaveLength(1)
    expect(stderr.text).toContain('FLOWX_CLIENT_SECRET is not set')
    expect(stderr.text).toContain(SANDBOX_IDS.clientId)
    expect(fx.sandbox.requests.length).toBe(sent)
  })

  it('lets the auth flags override the profile: a password grant on a bearer profile', async () => {
    await saveStaging({ mode: 'bearer' }, { token: 'stored-by-the-app-0123456789' })
    fx.tokens.push('stored-by-the-app-0123456789')
    const { code, stdout } = await fx.h.run(
      [...args, '--issuer', issuer(), '--username', 'tester'],
      { env: { FLOWX_PASSWORD: 'tester' } }
    )

    expect(code).toBe(0)
    expect(oneJson(stdout).status).toBe('started')
    fx.tokens.push(lastBearer())
  })

  it('refuses auth flags with the Local sandbox, which signs in by itself', async () => {
    const { code, stderr } = await fx.h.run(
      ['start', '--profile', 'Local sandbox', '--process', 'p', ...clientFlags()],
      { env: { FLOWX_CLIENT_SECRET: SECRET } }
    )
    expect(code).toBe(2)
    expect(stderr.text).toContain('The Local sandbox signs in by itself')
  })
})
