/** A profile's TLS trust as agents (security.md NET-4). */
import tls from 'node:tls'

import { describe, expect, it } from 'vitest'

import { AppFailure } from '../../shared/errors'
import { makeCertificate } from '../launcher/test-servers'
import { agentsFor, caProblem, certificatesFromPem, describeCa } from './agents'

const certificate = makeCertificate(['flowx.test', '127.0.0.1'])
const second = makeCertificate(['other.test'])

const BODY = 'MIIBszCCAVmgAwIBAgIUQk'

describe('caProblem', () => {
  it.each([
    ['', 'empty'],
    ['  \n', 'blank']
  ])('%j (%s) is fine', (pem) => {
    expect(caProblem(pem)).toBeUndefined()
  })

  it.each([
    ['hello', 'not in PEM format'],
    [`-----BEGIN CERTIFICATE-----\n${BODY}\n`, 'incomplete'],
    [`-----BEGIN PRIVATE KEY-----\n${BODY}\n-----END PRIVATE KEY-----`, 'contains a private key'],
    [`-----BEGIN PUBLIC KEY-----\n${BODY}\n-----END PUBLIC KEY-----`, 'PUBLIC KEY block'],
    [`-----BEGIN CERTIFICATE-----\n${BODY}\n-----END CERTIFICATE-----`, 'could not be read'],
    ['x'.repeat(600 * 1024), 'larger than 512 KB']
  ])('%#: %s', (pem, message) => {
    expect(caProblem(pem)).toContain(message)
  })
})

describe.skipIf('skip' in certificate || 'skip' in second)('with real certificates', () => {
  const cert = (certificate as { cert: string }).cert
  const other = (second as { cert: string }).cert

  it('a certificate, and a bundle with comments between certificates, are fine', () => {
    expect(caProblem(cert)).toBeUndefined()
    const bundle = `# corporate root\n${cert}\nsubject=CN=other.test\n${other}`
    expect(caProblem(bundle)).toBeUndefined()
    expect(certificatesFromPem(bundle)).toHaveLength(2)
  })

  it('names which certificate of a bundle is broken', () => {
    const broken = `-----BEGIN CERTIFICATE-----\n${BODY}\n-----END CERTIFICATE-----`
    expect(caProblem(`${cert}\n${broken}`)).toBe(
      'Certificate 2 in the custom CA could not be read; copy it again from its .pem or .crt file.'
    )
  })

  it('describes subjects and expiry', () => {
    const [summary] = describeCa(cert)
    expect(summary.subject).toBe('CN=flowx.test')
    expect(summary.expired).toBe(false)
    expect(Date.parse(summary.validTo)).toBeGreaterThan(Date.now())
    expect(describeCa(cert, new Date(Date.now() + 10 * 86_400_000))[0].expired).toBe(true)
    expect(describeCa('not pem')).toEqual([])
  })

  it('a custom CA is added to the default roots, for this agent only', () => {
    const { httpsAgent, httpAgent, tlsVerification } = agentsFor({
      customCa: cert,
      allowUntrusted: false
    })
    expect(tlsVerification).toBe('custom-ca')
    const ca = httpsAgent.options.ca as string[]
    expect(ca).toHaveLength(tls.getCACertificates('default').length + 1)
    expect(ca.at(-1)).toBe(cert.trim())
    expect(httpsAgent.options.rejectUnauthorized).toBeUndefined()
    expect(httpsAgent.options.keepAlive).toBe(false)
    expect(httpAgent).toMatchObject({ keepAlive: false })
  })
})

describe('agentsFor', () => {
  it('defaults: verified, no extra CA, fresh agents each time', () => {
    const a = agentsFor({ customCa: '', allowUntrusted: false })
    const b = agentsFor({ customCa: '', allowUntrusted: false })
    expect(a.tlsVerification).toBe('on')
    expect(a.httpsAgent.options.ca).toBeUndefined()
    expect(a.httpsAgent.options.rejectUnauthorized).toBeUndefined()
    expect(a.httpsAgent).not.toBe(b.httpsAgent)
  })

  it('"allow untrusted" switches checks off on that agent only', () => {
    const off = agentsFor({ customCa: '', allowUntrusted: true })
    const on = agentsFor({ customCa: '', allowUntrusted: false })
    expect(off.tlsVerification).toBe('off')
    expect(off.httpsAgent.options.rejectUnauthorized).toBe(false)
    expect(on.httpsAgent.options.rejectUnauthorized).toBeUndefined()
  })

  it('a bad CA is an INVALID_INPUT failure with the specific message', () => {
    expect(() => agentsFor({ customCa: 'hello', allowUntrusted: false })).toThrow(AppFailure)
    try {
      agentsFor({ customCa: 'hello', allowUntrusted: false })
    } catch (error) {
      expect((error as AppFailure).error).toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('not in PEM format')
      })
    }
  })
})
