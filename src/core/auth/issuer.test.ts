/** Reading the issuer URL users type or paste. */
import { describe, expect, it } from 'vitest'

import { defaultTokenEndpoint, normalizeIssuer } from './issuer'

describe('normalizeIssuer: accepted forms', () => {
  it.each([
    ['https://kc.example.com/realms/flowx', 'https://kc.example.com/realms/flowx', 'flowx'],
    ['https://x.example/auth/realms/flowx', 'https://x.example/auth/realms/flowx', 'flowx'],
    ['  https://kc.example.com/realms/flowx///  ', 'https://kc.example.com/realms/flowx', 'flowx'],
    ['https://KC.Example.com:443/realms/flowx', 'https://kc.example.com/realms/flowx', 'flowx'],
    [
      'https://kc.example.com:8443/id/sso/realms/org-1',
      'https://kc.example.com:8443/id/sso/realms/org-1',
      'org-1'
    ],
    [
      'https://kc.example.com/realms/flowx/protocol/openid-connect/token',
      'https://kc.example.com/realms/flowx',
      'flowx'
    ],
    [
      'https://x.example/auth/realms/flowx/.well-known/openid-configuration',
      'https://x.example/auth/realms/flowx',
      'flowx'
    ],
    [
      'https://kc.example.com/realms/flowx/account/',
      'https://kc.example.com/realms/flowx',
      'flowx'
    ],
    ['http://localhost:8080/realms/flowx', 'http://localhost:8080/realms/flowx', 'flowx'],
    [
      'http://127.0.0.1:9000/auth/realms/flowx/',
      'http://127.0.0.1:9000/auth/realms/flowx',
      'flowx'
    ],
    ['http://[::1]:9000/realms/flowx', 'http://[::1]:9000/realms/flowx', 'flowx'],
    [
      'https://kc.example.com/realms/00000002-0002-4002-8002-000000000002',
      'https://kc.example.com/realms/00000002-0002-4002-8002-000000000002',
      '00000002-0002-4002-8002-000000000002'
    ],
    [
      'https://kc.example.com/realms/my%20realm',
      'https://kc.example.com/realms/my%20realm',
      'my realm'
    ]
  ])('%s → %s', (input, issuer, realm) => {
    expect(normalizeIssuer(input)).toEqual({ ok: true, issuer, realm })
  })
})

describe('normalizeIssuer: rejected forms', () => {
  it.each([
    ['', 'Enter the issuer URL'],
    ['kc.example.com/realms/flowx', 'not a valid URL'],
    ['http://kc.example.com/realms/flowx', 'The issuer must be https'],
    ['http://10.0.0.5/realms/flowx', 'The issuer must be https'],
    ['ftp://kc.example.com/realms/flowx', 'The issuer must be an https URL'],
    ['https://admin:pw@kc.example.com/realms/flowx', 'must not contain a user name or password'],
    ['https://kc.example.com/realms/flowx?x=1', 'must not have a query'],
    ['https://kc.example.com/realms/flowx#top', 'must not have a query (?…) or fragment'],
    ['https://kc.example.com/realms/flowx?', 'must not have a query'],
    [
      'https://kc.example.com/',
      'The issuer URL must name a realm, like https://kc.example.com/realms/flowx'
    ],
    ['https://kc.example.com/auth/realms/', 'The issuer URL must name a realm'],
    ['https://kc.example.com/admin/master/console', 'The issuer URL must name a realm'],
    ['https://kc.example.com/realms/%E0%A4%A', 'realm name in the issuer URL is not valid'],
    ['https://kc.example.com/realms/a%2Fb', 'realm name in the issuer URL is not valid']
  ])('%s', (input, message) => {
    const result = normalizeIssuer(input)
    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.message).toContain(message)
  })

  it('never echoes a password typed into the URL', () => {
    const result = normalizeIssuer('https://admin:hunter2-secret@kc.example.com/realms/flowx')
    expect(JSON.stringify(result)).not.toContain('hunter2-secret')
  })
})

describe('defaultTokenEndpoint', () => {
  it("is Keycloak's OpenID Connect token path under the issuer", () => {
    expect(defaultTokenEndpoint('https://x.example/auth/realms/flowx')).toBe(
      'https://x.example/auth/realms/flowx/protocol/openid-connect/token'
    )
  })
})
