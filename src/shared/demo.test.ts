import { randomBytes, randomUUID } from 'node:crypto'

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { HIDDEN_HOST, HIDDEN_TOKEN, maskForDemo, maskText, shortenUuids } from './demo'

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** Fresh canaries: a host, a JWT, an opaque token, a client secret and a uuid never seen before. */
function canaries(): { host: string; jwt: string; opaque: string; secret: string; uuid: string } {
  const tag = randomBytes(4).toString('hex')
  return {
    host: `rtm-${tag}.bank-${tag}.example.com`,
    jwt: `${b64url({ alg: 'RS256' })}.${b64url({ sub: `canary-${tag}` })}.${randomBytes(16).toString('base64url')}`,
    opaque: `opq${randomBytes(18).toString('hex')}`,
    secret: `s3cr3t-${randomBytes(8).toString('hex')}`,
    uuid: randomUUID()
  }
}

describe('demo mode masking (canary)', () => {
  it('hides every host, token and full uuid wherever a screen may show them', () => {
    const c = canaries()
    const screens = [
      `https://${c.host}/rtm`,
      `${c.host}:8443`,
      `POST https://${c.host}/rtm/api/runtime/wks/${c.uuid}/app/${c.uuid}/process-name/x/start`,
      `curl -X POST 'https://${c.host}/rtm/api/x' -H 'Authorization: Bearer ${c.opaque}' -H 'Flowx-Platform: web'`,
      `Authorization: Bearer ${c.jwt}`,
      `{"access_token": "${c.opaque}", "client_secret": "${c.secret}", "instance": "${c.uuid}"}`,
      `token=${c.opaque}&client_secret=${c.secret}`,
      `The identity provider at https://${c.host}/realms/flowx rejected the client secret.`,
      `connect ECONNREFUSED 10.20.30.40:443 (${c.host})`,
      `Issued for service-account; token ${c.jwt}`,
      `http://localhost:47210/rtm and http://[::1]:8080/x and 127.0.0.1`
    ]
    for (const screen of screens) {
      const shown = maskText(screen)
      for (const value of [c.host, c.jwt, c.opaque, c.secret, c.uuid, '10.20.30.40', 'localhost']) {
        expect(shown, `${screen} → ${shown}`).not.toContain(value)
      }
      expect(shown).not.toContain('::1')
    }
    expect(maskText(`https://${c.host}/rtm`)).toBe(`${HIDDEN_HOST}/rtm`)
    expect(maskText(`Authorization: Bearer ${c.opaque}`)).toBe(
      `Authorization: Bearer ${HIDDEN_TOKEN}`
    )
  })

  it('hides a secret given by value, whatever its shape', () => {
    const c = canaries()
    expect(maskText(`pasted ${c.secret} by mistake`, [c.secret])).not.toContain(c.secret)
  })

  it('shortens uuids to their first 8 characters and leaves names and words alone', () => {
    const c = canaries()
    expect(shortenUuids(`instance ${c.uuid} started`)).toBe(
      `instance ${c.uuid.slice(0, 8)}… started`
    )
    expect(maskText('Staging EU — [DOCS]customer_onboarding, payload.json, 3 tokens')).toBe(
      'Staging EU — [DOCS]customer_onboarding, payload.json, 3 tokens'
    )
    expect(maskForDemo.uuid(c.uuid)).toBe(`${c.uuid.slice(0, 8)}…`)
    expect(maskForDemo.host(`https://${c.host}/rtm`)).toBe(HIDDEN_HOST)
    expect(maskForDemo.token(c.opaque)).toBe(HIDDEN_TOKEN)
    expect(maskForDemo.token('')).toBe('')
  })

  it('hides any host name in any URL (property)', () => {
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/)
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('com', 'io', 'ai', 'internal', 'example', 'ro', 'cloud'),
        fc.constantFrom('https', 'http'),
        fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
        fc.uuid(),
        (labels, tld, scheme, port, uuid) => {
          const host = `${labels.join('.')}.${tld}`
          const text = `${scheme}://${host}${port ? `:${port}` : ''}/rtm/api/runtime/process-instance/${uuid}/build/info`
          const shown = maskText(text)
          expect(shown).not.toContain(host)
          expect(shown).not.toContain(uuid)
          expect(maskText(`reached ${host} in 20 ms`)).not.toContain(host)
        }
      )
    )
  })
})
