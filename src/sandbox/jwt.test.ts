import { randomBytes } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import { decodeJwt, mintJwt, signJwt, verifyJwt, type JwtClaims } from './jwt'

const key = randomBytes(32)
const token = mintJwt(
  {
    issuer: 'http://127.0.0.1:1/realms/flowx',
    sub: 'demo',
    clientId: 'flowx-platform-authenticate',
    roles: ['FLOWX_ROLE'],
    nowSec: 1_000,
    lifetimeSec: 300
  },
  key
)

describe('jwt', () => {
  it('signs HS256 tokens with the Keycloak-like claims', () => {
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as unknown
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT' })
    const result = verifyJwt(token, key)
    expect(result.ok && result.claims).toMatchObject({
      iss: 'http://127.0.0.1:1/realms/flowx',
      sub: 'demo',
      azp: 'flowx-platform-authenticate',
      typ: 'Bearer',
      iat: 1_000,
      exp: 1_300,
      roles: ['FLOWX_ROLE'],
      realm_access: { roles: ['FLOWX_ROLE'] }
    })
  })

  it('rejects another key, a changed payload and alg "none"', () => {
    expect(verifyJwt(token, randomBytes(32))).toEqual({ ok: false, reason: 'signature' })
    const claims = decodeJwt(token) as JwtClaims
    const forged = signJwt({ ...claims, roles: ['FLOWX_ADMIN'] }, randomBytes(32))
    const spliced = [token.split('.')[0], forged.split('.')[1], token.split('.')[2]].join('.')
    expect(verifyJwt(spliced, key)).toEqual({ ok: false, reason: 'signature' })
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')
    const unsigned = `${none}.${token.split('.')[1]}.`
    expect(verifyJwt(unsigned, key)).toEqual({ ok: false, reason: 'malformed' })
    expect(verifyJwt('a.b', key)).toEqual({ ok: false, reason: 'malformed' })
    expect(decodeJwt('nonsense')).toBeUndefined()
  })
})
