/** transportFor and validateNetworkSettings (security.md NET-4, NET-5). */
import { describe, expect, it } from 'vitest'

import type { ProfileProxy, ProfileTls } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { directProxyResolver, type ProxyResolver } from '../ports'
import { transportFor, validateNetworkSettings } from './transport'

const TLS: ProfileTls = { customCa: '', allowUntrusted: false }
const PASSWORD = 'PROXY-PW-canary-41d0'

describe('validateNetworkSettings', () => {
  it.each<[string, ProfileTls, ProfileProxy, string | undefined]>([
    ['defaults', TLS, { mode: 'system' }, undefined],
    ['no proxy', TLS, { mode: 'none' }, undefined],
    [
      'a manual proxy',
      TLS,
      { mode: 'manual', url: 'http://proxy.corp:3128', username: 'alice' },
      undefined
    ],
    ['a CA that is not PEM', { ...TLS, customCa: 'hello' }, { mode: 'none' }, 'not in PEM format'],
    [
      'a proxy URL with credentials',
      TLS,
      { mode: 'manual', url: `http://a:${PASSWORD}@proxy.corp:3128`, username: '' },
      'Do not put credentials in the proxy URL'
    ],
    [
      'a proxy URL without a port',
      TLS,
      { mode: 'manual', url: 'http://proxy.corp', username: '' },
      'needs a port'
    ],
    [
      'a user name with a colon',
      TLS,
      { mode: 'manual', url: 'http://proxy.corp:3128', username: 'a:b' },
      'cannot contain ":"'
    ],
    ['an unknown mode', TLS, { mode: 'pac' } as unknown as ProfileProxy, 'proxy mode'],
    [
      'a non-boolean switch',
      { customCa: '', allowUntrusted: 'yes' } as unknown as ProfileTls,
      { mode: 'none' },
      'allow untrusted'
    ]
  ])('%s', (_, tls, proxy, problem) => {
    const found = validateNetworkSettings(tls, proxy)
    if (problem === undefined) expect(found).toBeUndefined()
    else expect(found).toContain(problem)
    expect(String(found)).not.toContain(PASSWORD)
  })
})

describe('transportFor', () => {
  it('defaults: verified TLS, DIRECT', async () => {
    const transport = await transportFor(
      { tls: TLS, proxy: { mode: 'none' } },
      directProxyResolver,
      'https://flowx.example.com/rtm'
    )
    expect(transport).toMatchObject({ proxy: false, route: 'DIRECT', tlsVerification: 'on' })
  })

  it('a manual proxy with its password, an untrusted-allowed profile', async () => {
    const transport = await transportFor(
      {
        tls: { customCa: '', allowUntrusted: true },
        proxy: { mode: 'manual', url: 'http://proxy.corp:3128', username: 'alice' },
        proxyPassword: PASSWORD
      },
      directProxyResolver,
      'https://flowx.example.com/rtm'
    )
    expect(transport.tlsVerification).toBe('off')
    expect(transport.route).toBe('proxy.corp:3128')
    expect(transport.proxy).toEqual({
      protocol: 'http',
      host: 'proxy.corp',
      port: 3128,
      auth: { username: 'alice', password: PASSWORD }
    })
  })

  it('asks the system resolver for the target URL', async () => {
    const asked: string[] = []
    const resolver: ProxyResolver = {
      resolve: (url) => {
        asked.push(url)
        return Promise.resolve('HTTPS proxy.corp:8443')
      }
    }
    const transport = await transportFor(
      { tls: TLS, proxy: { mode: 'system' } },
      resolver,
      'https://flowx.example.com/rtm'
    )
    expect(asked).toEqual(['https://flowx.example.com/rtm'])
    expect(transport.route).toBe('https://proxy.corp:8443')
  })

  it('throws INVALID_INPUT with the specific message for a bad CA or proxy', async () => {
    const caError = await transportFor(
      { tls: { customCa: 'hello', allowUntrusted: false }, proxy: { mode: 'none' } },
      directProxyResolver,
      'https://flowx.example.com'
    ).catch((e: unknown) => e)
    expect(caError).toBeInstanceOf(AppFailure)
    expect((caError as AppFailure).error.code).toBe('INVALID_INPUT')
    expect((caError as AppFailure).error.message).toContain('not in PEM format')

    const proxyError = await transportFor(
      {
        tls: TLS,
        proxy: { mode: 'manual', url: `http://a:${PASSWORD}@p:1`, username: '' },
        proxyPassword: PASSWORD
      },
      directProxyResolver,
      'https://flowx.example.com'
    ).catch((e: unknown) => e)
    expect((proxyError as AppFailure).error.code).toBe('INVALID_INPUT')
    expect(JSON.stringify((proxyError as AppFailure).error)).not.toContain(PASSWORD)
    expect((proxyError as AppFailure).message).not.toContain(PASSWORD)
  })
})
