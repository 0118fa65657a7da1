/** The CLI's "system" proxy: the environment variables, read as curl reads them. */
import { describe, expect, it } from 'vitest'

import { bypassed, envProxyFor, envProxyResolver, EnvProxyError } from './env-proxy'
import { proxyConfigFor } from './proxy'
import { proxyAnswerProblem } from './proxy-failure'

describe('envProxyFor', () => {
  it('picks the variable for the scheme, lower-case first, then ALL_PROXY', () => {
    const env = {
      HTTPS_PROXY: 'http://upper:3128',
      https_proxy: 'http://lower:3128',
      HTTP_PROXY: 'plain:8080',
      ALL_PROXY: 'https://all.corp:8443'
    }
    expect(envProxyFor(env, 'https://flowx.example.com/rtm')).toMatchObject({
      source: 'https_proxy',
      host: 'lower',
      port: 3128
    })
    expect(envProxyFor(env, 'http://flowx.example.com/rtm')).toMatchObject({
      source: 'HTTP_PROXY',
      protocol: 'http',
      host: 'plain',
      port: 8080
    })
    expect(envProxyFor({ ALL_PROXY: 'https://all.corp:8443' }, 'https://x.example/')).toMatchObject(
      { source: 'ALL_PROXY', protocol: 'https', port: 8443 }
    )
    expect(envProxyFor({}, 'https://x.example/')).toBeUndefined()
    // curl's default proxy port.
    expect(envProxyFor({ HTTPS_PROXY: 'proxy.corp' }, 'https://x.example/')?.port).toBe(1080)
  })

  it('takes the user from the URL and the password from the URL or FLOWX_PROXY_PASSWORD', () => {
    const url = 'https://x.example/'
    expect(envProxyFor({ HTTPS_PROXY: 'http://ana@p:3128' }, url)).toMatchObject({
      username: 'ana'
    })
    expect(
      envProxyFor({ HTTPS_PROXY: 'http://ana@p:3128', FLOWX_PROXY_PASSWORD: 'pw' }, url)
    ).toMatchObject({ username: 'ana', password: 'pw' })
    expect(
      envProxyFor({ HTTPS_PROXY: 'http://ana:in%40url@p:3128', FLOWX_PROXY_PASSWORD: 'pw' }, url)
    ).toMatchObject({ password: 'in@url' })
  })

  it('refuses a variable it cannot use, naming the variable and never its value', () => {
    for (const value of ['socks5://u:hush-1@p:1080', 'http://', 'ftp://p:21']) {
      let caught: unknown
      try {
        envProxyFor({ HTTPS_PROXY: value }, 'https://x.example/')
      } catch (error) {
        caught = error
      }
      expect(caught).toBeInstanceOf(EnvProxyError)
      expect((caught as Error).message).toMatch(/^HTTPS_PROXY is not a usable proxy URL/)
      expect((caught as Error).message).not.toContain('hush-1')
    }
  })
})

describe('NO_PROXY', () => {
  it.each([
    ['*', 'flowx.example.com', 443, true],
    ['example.com', 'example.com', 443, true],
    ['example.com', 'flowx.example.com', 443, true],
    ['.example.com', 'flowx.example.com', 443, true],
    ['*.example.com', 'flowx.example.com', 443, true],
    ['example.com', 'badexample.com', 443, false],
    ['flowx.example.com:8443', 'flowx.example.com', 443, false],
    ['flowx.example.com:8443', 'flowx.example.com', 8443, true],
    ['10.0.0.0/8, other', '10.20.30.40', 443, true],
    ['10.0.0.0/8', '11.0.0.1', 443, false],
    ['192.168.1.7', '192.168.1.7', 443, true],
    ['[::1]', '[::1]', 443, true],
    ['fd00::/8', 'fd12::5', 443, true],
    ['  a.test  b.test ', 'b.test', 443, true],
    ['', 'example.com', 443, false]
  ])('%j, %s:%i → %s', (list, host, port, expected) => {
    expect(bypassed({ NO_PROXY: list }, host, port)).toBe(expected)
    expect(bypassed({ no_proxy: list, NO_PROXY: '' }, host, port)).toBe(expected)
  })

  it('sends a listed host directly', () => {
    const env = { HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'internal.corp' }
    expect(envProxyFor(env, 'https://flowx.internal.corp/rtm')).toBeUndefined()
    expect(envProxyFor(env, 'https://flowx.example.com/rtm')).toBeDefined()
  })
})

describe('the resolver in core', () => {
  it('gives the route its source and the proxy its login', async () => {
    const resolver = envProxyResolver({
      HTTPS_PROXY: 'http://ana@proxy.corp:3128',
      FLOWX_PROXY_PASSWORD: 'pw-9'
    })
    const choice = await proxyConfigFor(
      { mode: 'system' },
      undefined,
      resolver,
      'https://flowx.example.com/rtm'
    )
    expect(choice.route).toBe('proxy.corp:3128 from HTTPS_PROXY')
    expect(choice.proxy).toMatchObject({
      host: 'proxy.corp',
      port: 3128,
      auth: { username: 'ana', password: 'pw-9' }
    })
    expect(choice.route).not.toContain('pw-9')
  })

  it('turns an unusable variable into a NETWORK failure that names it', async () => {
    const resolver = envProxyResolver({ HTTPS_PROXY: 'socks5://p:1080' })
    await expect(
      proxyConfigFor({ mode: 'system' }, undefined, resolver, 'https://flowx.example.com/rtm')
    ).rejects.toMatchObject({
      error: { code: 'NETWORK', message: expect.stringMatching(/^HTTPS_PROXY/) }
    })
  })
})

describe('a proxy refusing a CONNECT', () => {
  const ctx = {
    route: 'p:3128',
    targetHost: 'flowx:443',
    hasCredentials: false,
    inactivityTimeoutMs: 1
  }
  it('401 on CONNECT is proxy authentication, like 407', () => {
    expect(proxyAnswerProblem(401, 'Unauthorized', ctx, true).message).toBe(
      'The proxy p:3128 asks for a user name and password (401).'
    )
    expect(proxyAnswerProblem(407, '', ctx, true).hint).toContain('FLOWX_PROXY_PASSWORD')
    // Other refusals stay what they are.
    expect(proxyAnswerProblem(403, 'Forbidden', ctx, true).message).toBe(
      'The proxy p:3128 would not connect to flowx:443 (403 Forbidden).'
    )
  })
})
