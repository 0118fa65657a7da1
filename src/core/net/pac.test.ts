/** The PAC result parser (security.md NET-5). */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { PAC_UNREADABLE, parsePacResult, SOCKS_NOT_SUPPORTED } from './pac'

describe('parsePacResult', () => {
  it.each([
    ['DIRECT', { kind: 'direct' }],
    ['  direct ; ', { kind: 'direct' }],
    ['PROXY a:1; DIRECT', { kind: 'proxy', protocol: 'http', host: 'a', port: 1 }],
    ['PROXY proxy.corp:3128', { kind: 'proxy', protocol: 'http', host: 'proxy.corp', port: 3128 }],
    ['HTTPS b:2', { kind: 'proxy', protocol: 'https', host: 'b', port: 2 }],
    ['PROXY proxy.corp', { kind: 'proxy', protocol: 'http', host: 'proxy.corp', port: 80 }],
    ['HTTPS [::1]:8443', { kind: 'proxy', protocol: 'https', host: '[::1]', port: 8443 }],
    [
      'PROXY 10.0.0.1:8080;PROXY 10.0.0.2:8080',
      { kind: 'proxy', protocol: 'http', host: '10.0.0.1', port: 8080 }
    ],
    ['PROXY bad:host:1; DIRECT', { kind: 'direct' }],
    ['SOCKS5 c:3; PROXY d:4', { kind: 'proxy', protocol: 'http', host: 'd', port: 4 }]
  ])('%s', (text, route) => {
    expect(parsePacResult(text)).toEqual({ ok: true, route })
  })

  it.each(['SOCKS5 c:3', 'SOCKS c:3', 'SOCKS4 c:3; SOCKS5 d:4'])(
    '%s: SOCKS is not supported',
    (text) => {
      expect(parsePacResult(text)).toEqual({ ok: false, message: SOCKS_NOT_SUPPORTED })
      expect(SOCKS_NOT_SUPPORTED).toContain('set a manual http proxy or none')
    }
  )

  it.each([
    '',
    ';',
    'garbage',
    'PROXY',
    'PROXY a:99999',
    'PROXY a:0',
    'PROXY a b',
    'DIRECT x',
    'PROXY user:pw@host:1'
  ])('%j: unreadable', (text) => {
    expect(parsePacResult(text)).toEqual({ ok: false, message: PAC_UNREADABLE })
  })

  it('never repeats the answer it could not read', () => {
    const outcome = parsePacResult('PROXY secret-user:secret-pw@proxy:1')
    expect(JSON.stringify(outcome)).not.toContain('secret')
  })

  it('never throws, and any route it returns is usable', () => {
    const keyword = fc.constantFrom(
      'DIRECT',
      'PROXY',
      'HTTPS',
      'SOCKS',
      'SOCKS5',
      'proxy',
      'QUIC',
      ''
    )
    const entry = fc.tuple(keyword, fc.string({ maxLength: 30 })).map(([k, rest]) => `${k} ${rest}`)
    const text = fc.oneof(
      fc.string(),
      fc.array(entry, { maxLength: 5 }).map((entries) => entries.join(';')),
      fc.anything()
    )
    fc.assert(
      fc.property(text, (input) => {
        const outcome = parsePacResult(input)
        if (!outcome.ok) return [PAC_UNREADABLE, SOCKS_NOT_SUPPORTED].includes(outcome.message)
        const { route } = outcome
        if (route.kind === 'direct') return true
        return (
          Number.isInteger(route.port) &&
          route.port >= 1 &&
          route.port <= 65535 &&
          route.host.length > 0 &&
          !/[\s;@/]/.test(route.host)
        )
      })
    )
  })
})
