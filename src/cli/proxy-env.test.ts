/**
 * The CLI behind a real forward proxy (Debian's tinyproxy and squid, started here on 127.0.0.1):
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY followed as curl follows them, the proxy password from
 * FLOWX_PROXY_PASSWORD, `check` naming the route, and the password printed nowhere.
 *
 * FlowX is the sandbox behind a TLS front addressed as https://0.0.0.0:PORT: still this computer,
 * but not a loopback name (which the app always reaches directly), in a profile that trusts the
 * front's certificate.
 */
import { writeFileSync } from 'node:fs'
import net from 'node:net'
import { join } from 'node:path'
import tls from 'node:tls'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { makeCertificate } from '../core/launcher/test-servers'

import { startSquid, startTinyproxy, type RealProxy } from '../core/net/real-proxy'
import { SANDBOX_IDS } from '../sandbox'
import { useSandboxFixture } from './test-support'

const fx = useSandboxFixture()
const LOGIN = { username: 'ana', password: 'proxy-pw-7f3c1a9e' }

const PROFILE = 'Behind the proxy'

let running: RealProxy | undefined
let front: { port: number; close(): Promise<void> } | undefined
let skipWhy: string | undefined

/** A TLS front on 127.0.0.1 for the sandbox; the profile trusts its certificate. */
beforeEach(async () => {
  const pair = makeCertificate(['0.0.0.0'])
  if ('skip' in pair) {
    skipWhy = pair.skip
    return
  }
  const server = tls.createServer({ key: pair.key, cert: pair.cert }, (socket) => {
    const upstream = net.connect(new URL(fx.sandbox.url).port as unknown as number, '127.0.0.1')
    socket.pipe(upstream).pipe(socket)
    upstream.on('error', () => socket.destroy())
    socket.on('error', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  front = { port, close: () => new Promise((resolve) => server.close(() => resolve())) }
  const file = join(fx.h.dir, 'profile.json')
  writeFileSync(
    file,
    JSON.stringify({
      format: 'flowx-launcher-profiles',
      version: 1,
      exportedAt: '2026-12-01T00:00:00.000Z',
      profiles: [
        {
          name: PROFILE,
          color: 'teal',
          baseUrl: `https://0.0.0.0:${port}/rtm`,
          platform: 'web',
          defaults: {
            workspaceId: '',
            appId: SANDBOX_IDS.appId,
            buildId: SANDBOX_IDS.committedBuildId
          },
          protected: false,
          auth: { mode: 'bearer' },
          tls: { customCa: pair.cert, allowUntrusted: false },
          proxy: { mode: 'system' },
          secrets: {}
        }
      ],
      secretsRequired: []
    })
  )
  const imported = await fx.h.run(['profiles', 'import', file])
  expect(imported.code).toBe(0)
})

afterEach(async () => {
  await running?.stop()
  await front?.close()
  running = undefined
  front = undefined
})

function startArgs(): string[] {
  return [
    'start',
    '--profile',
    PROFILE,
    '--build',
    SANDBOX_IDS.committedBuildId,
    '--app',
    SANDBOX_IDS.appId,
    '--process',
    '[DOCS]customer_onboarding',
    '--json'
  ]
}

const starts = (): number => fx.sandbox.requests.filter((r) => r.rawPath.endsWith('/start')).length

describe.each([
  ['tinyproxy', startTinyproxy],
  ['squid', startSquid]
])('through %s', (_name, start) => {
  it('follows HTTPS_PROXY with the user in the URL and FLOWX_PROXY_PASSWORD', async (ctx) => {
    if (skipWhy) return ctx.skip(skipWhy)
    const proxy = await start(LOGIN)
    if (typeof proxy === 'string') return ctx.skip(proxy)
    running = proxy
    fx.tokens.push(LOGIN.password)
    const env = {
      HTTPS_PROXY: `http://${LOGIN.username}@127.0.0.1:${proxy.port}`,
      FLOWX_PROXY_PASSWORD: LOGIN.password,
      NO_PROXY: ''
    }

    const before = starts()
    const run = await fx.h.run(startArgs(), { env })
    expect(run.stderr.text).toBe('')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout.text)).toMatchObject({ status: 'started' })
    expect(starts()).toBe(before + 1)
    expect(proxy.log()).toMatch(new RegExp(`CONNECT 0\\.0\\.0\\.0:${front?.port}`))

    const check = await fx.h.run(['check', '--profile', PROFILE], { env })
    expect(check.stdout.text).toContain(
      `Through the proxy 127.0.0.1:${proxy.port} from HTTPS_PROXY.`
    )
  })

  it('without the password: the proxy refuses, nothing reaches FlowX, and the CLI says why', async (ctx) => {
    if (skipWhy) return ctx.skip(skipWhy)
    const proxy = await start(LOGIN)
    if (typeof proxy === 'string') return ctx.skip(proxy)
    running = proxy
    const env = { https_proxy: `http://${LOGIN.username}@127.0.0.1:${proxy.port}` }

    const before = starts()
    const run = await fx.h.run(startArgs(), { env })
    // A network outcome (exit 3): the proxy answered, FlowX never saw the call. tinyproxy answers
    // a CONNECT without valid credentials with 401, squid with 407: both are the proxy's login.
    expect(run.code).toBe(3)
    const outcome = JSON.parse(run.stdout.text)
    expect(outcome.error.message).toMatch(
      new RegExp(
        `The proxy 127\\.0\\.0\\.1:${proxy.port} from https_proxy did not accept the proxy user name and password \\(40[17]\\)`
      )
    )
    expect(outcome.error.hint).toContain('FLOWX_PROXY_PASSWORD')
    expect(starts()).toBe(before)
  })

  it('NO_PROXY sends the call directly', async (ctx) => {
    if (skipWhy) return ctx.skip(skipWhy)
    const proxy = await start()
    if (typeof proxy === 'string') return ctx.skip(proxy)
    running = proxy
    const env = { HTTPS_PROXY: `127.0.0.1:${proxy.port}`, NO_PROXY: 'example.com, 0.0.0.0' }

    const run = await fx.h.run(startArgs(), { env })
    expect(run.code).toBe(0)
    expect(proxy.log()).not.toMatch(/CONNECT 0\.0\.0\.0/)
    const check = await fx.h.run(['check', '--profile', PROFILE], { env })
    expect(check.stdout.text).toContain('Direct connection, no proxy.')
  })
})

describe('proxy variables the CLI cannot use', () => {
  it('a SOCKS proxy is refused by name, never used silently, and its value is not echoed', async () => {
    const env = { HTTPS_PROXY: 'socks5://user:secret-in-url@127.0.0.1:1080', NO_PROXY: '' }
    const run = await fx.h.run(startArgs(), { env })
    expect(run.code).not.toBe(0)
    expect(run.stdout.text + run.stderr.text).toContain('HTTPS_PROXY is not a usable proxy URL')
    expect(run.stdout.text + run.stderr.text).not.toContain('secret-in-url')
  })
})
