/** Proxy settings as axios's proxy option (security.md NET-5). */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { AppFailure } from '../../shared/errors'
import type { ProxyResolver } from '../ports'
import { SOCKS_NOT_SUPPORTED } from './pac'
import { isLoopbackTarget, proxyConfigFor, validateProxyUrl } from './proxy'

const PASSWORD = 'PROXY-PW-canary-8c1e'
const TARGET = 'https://flowx.example.com/rtm'

function answering(text: string): ProxyResolver & { asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    resolve: (url) => {
      asked.push(url)
      return Promise.resolve(text)
    }
  }
}

async function failureOf(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(AppFailure)
  return error as AppFailure
}

describe('validateProxyUrl', () => {
  it.each([
    ['http://proxy.corp:3128', { protocol: 'http', host: 'proxy.corp', port: 3128 }],
    ['https://proxy.corp:443/', { protocol: 'https', host: 'proxy.corp', port: 443 }],
    [' http://10.0.0.1:80 ', { protocol: 'http', host: '10.0.0.1', port: 80 }],
    ['http://[::1]:8080', { protocol: 'http', host: '[::1]', port: 8080 }]
  ])('%s is accepted', (text, address) => {
    expect(validateProxyUrl(text)).toEqual({ ok: true, address })
  })

  it.each([
    ['', 'Enter the proxy URL.'],
    ['proxy.corp:3128', 'must start with http:// or https://'],
    ['socks5://proxy.corp:1080', 'SOCKS proxies are not supported'],
    ['ftp://proxy.corp:21', 'must start with http:// or https://'],
    [`http://user:${PASSWORD}@proxy.corp:3128`, 'Do not put credentials in the proxy URL'],
    ['http://user@proxy.corp:3128', 'Do not put credentials in the proxy URL'],
    ['http://proxy.corp', 'needs a port'],
    ['http://proxy.corp:3128/path', 'must not have a path, query or fragment'],
    ['http://proxy.corp:3128?x=1', 'must not have a path, query or fragment'],
    ['http://proxy.corp:3128#f', 'must not have a path, query or fragment'],
    ['http://proxy.corp:0', 'between 1 and 65535'],
    ['http://proxy.corp:70000', 'is not valid'],
    ['http://', 'is not valid']
  ])('%j is refused: %s', (text, message) => {
    const result = validateProxyUrl(text)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(message)
    expect(JSON.stringify(result)).not.toContain(PASSWORD)
  })

  it('never throws and never repeats what it refused', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true }), fc.anything()),
        (text) => {
          const result = validateProxyUrl(text)
          if (result.ok) return ['http', 'https'].includes(result.address.protocol)
          return (
            typeof text !== 'string' ||
            text.trim().length < 4 ||
            !result.message.includes(text.trim())
          )
        }
      )
    )
  })
})

describe('isLoopbackTarget', () => {
  it.each([
    ['http://127.0.0.1:8080/rtm', true],
    ['http://localhost:8080', true],
    ['http://[::1]:8080', true],
    ['http://127.1.2.3', true],
    ['https://flowx.example.com', false],
    ['https://127.0.0.1.example.com', false],
    ['not a url', false]
  ])('%s: %s', (url, loopback) => {
    expect(isLoopbackTarget(url)).toBe(loopback)
  })
})

describe('proxyConfigFor', () => {
  it("'none' goes DIRECT without asking the system", async () => {
    const resolver = answering('PROXY a:1')
    expect(await proxyConfigFor({ mode: 'none' }, undefined, resolver, TARGET)).toEqual({
      proxy: false,
      route: 'DIRECT'
    })
    expect(resolver.asked).toEqual([])
  })

  it("'system' asks the resolver for the target URL and uses its answer", async () => {
    const resolver = answering('PROXY proxy.corp:3128; DIRECT')
    const choice = await proxyConfigFor({ mode: 'system' }, undefined, resolver, TARGET)
    expect(choice).toEqual({
      proxy: { protocol: 'http', host: 'proxy.corp', port: 3128 },
      route: 'proxy.corp:3128'
    })
    expect(resolver.asked).toEqual([TARGET])
  })

  it("'system' with an https proxy, and with DIRECT", async () => {
    expect(
      await proxyConfigFor({ mode: 'system' }, undefined, answering('HTTPS [::1]:8443'), TARGET)
    ).toEqual({
      proxy: { protocol: 'https', host: '::1', port: 8443 },
      route: 'https://[::1]:8443'
    })
    expect(
      await proxyConfigFor({ mode: 'system' }, undefined, answering('DIRECT'), TARGET)
    ).toEqual({ proxy: false, route: 'DIRECT' })
  })

  it("'system' with SOCKS: a specific NETWORK failure", async () => {
    const failure = await failureOf(
      proxyConfigFor({ mode: 'system' }, undefined, answering('SOCKS5 c:3'), TARGET)
    )
    expect(failure.error).toMatchObject({ code: 'NETWORK', message: SOCKS_NOT_SUPPORTED })
  })

  it("'system' when the resolver fails: a message without its details", async () => {
    const resolver: ProxyResolver = { resolve: () => Promise.reject(new Error(`boom ${PASSWORD}`)) }
    const failure = await failureOf(proxyConfigFor({ mode: 'system' }, undefined, resolver, TARGET))
    expect(failure.error.message).toBe('The system proxy settings could not be read.')
    expect(JSON.stringify(failure.error)).not.toContain(PASSWORD)
  })

  it("'manual' sends the user name and password as proxy auth, never in the route", async () => {
    const choice = await proxyConfigFor(
      { mode: 'manual', url: 'http://proxy.corp:3128', username: 'alice' },
      PASSWORD,
      answering('DIRECT'),
      TARGET
    )
    expect(choice).toEqual({
      proxy: {
        protocol: 'http',
        host: 'proxy.corp',
        port: 3128,
        auth: { username: 'alice', password: PASSWORD }
      },
      route: 'proxy.corp:3128'
    })
    expect(choice.route).not.toContain(PASSWORD)
  })

  it("'manual' without a user name sends no auth", async () => {
    const choice = await proxyConfigFor(
      { mode: 'manual', url: 'https://proxy.corp:8443', username: '' },
      undefined,
      answering('DIRECT'),
      TARGET
    )
    expect(choice).toEqual({
      proxy: { protocol: 'https', host: 'proxy.corp', port: 8443 },
      route: 'https://proxy.corp:8443'
    })
  })

  it("'manual' with a bad URL or user name: INVALID_INPUT without the password", async () => {
    const bad = await failureOf(
      proxyConfigFor(
        { mode: 'manual', url: `http://bob:${PASSWORD}@proxy.corp:3128`, username: 'bob' },
        PASSWORD,
        answering('DIRECT'),
        TARGET
      )
    )
    expect(bad.error.code).toBe('INVALID_INPUT')
    expect(JSON.stringify(bad.error) + bad.message).not.toContain(PASSWORD)
    const user = await failureOf(
      proxyConfigFor(
        { mode: 'manual', url: 'http://proxy.corp:3128', username: 'a:b' },
        PASSWORD,
        answering('DIRECT'),
        TARGET
      )
    )
    expect(user.error).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'The proxy user name cannot contain ":".'
    })
  })

  it.each(['http://127.0.0.1:8080/rtm', 'http://localhost:9000', 'http://[::1]:8080'])(
    'a loopback target %s always goes DIRECT',
    async (target) => {
      const manual = { mode: 'manual' as const, url: 'http://proxy.corp:3128', username: 'a' }
      expect(await proxyConfigFor(manual, PASSWORD, answering('PROXY a:1'), target)).toEqual({
        proxy: false,
        route: 'DIRECT'
      })
      const resolver = answering('PROXY a:1')
      expect(await proxyConfigFor({ mode: 'system' }, undefined, resolver, target)).toEqual({
        proxy: false,
        route: 'DIRECT'
      })
      expect(resolver.asked).toEqual([])
    }
  )
})
