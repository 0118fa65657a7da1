/**
 * A profile's TLS trust as Node agents (security.md NET-4). This is the only file that may turn
 * certificate checks off, and only on the agent of the one profile that asks for it.
 */
import { X509Certificate } from 'node:crypto'
import http from 'node:http'
import type https from 'node:https'

import type { ProfileTls, TlsVerification } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { httpsModule, tlsModule, withLazyHttpsAgent } from './lazy-tls'

/** The agents for one profile and how they check certificates. */
export interface TlsAgents {
  httpAgent: http.Agent
  httpsAgent: https.Agent
  tlsVerification: TlsVerification
}

/** One certificate of a custom CA bundle, for the health check. */
export interface CaCertificateSummary {
  subject: string
  issuer: string
  /** ISO 8601. */
  validTo: string
  expired: boolean
}

/** Longest custom CA bundle accepted (a large corporate bundle is well under this). */
const MAX_CA_LENGTH = 512 * 1024

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]{1,40})-----([\s\S]*?)-----END \1-----/g

/** The PEM blocks in a text, with their labels. */
function pemBlocks(pem: string): { label: string; text: string }[] {
  return [...pem.matchAll(PEM_BLOCK)].map((match) => ({ label: match[1], text: match[0] }))
}

/** Why a custom CA bundle cannot be used, or undefined when it can (an empty one is fine). */
export function caProblem(pem: string): string | undefined {
  if (typeof pem !== 'string') return 'The custom CA must be text.'
  if (pem.trim() === '') return undefined
  if (pem.length > MAX_CA_LENGTH) return 'The custom CA is larger than 512 KB.'
  const blocks = pemBlocks(pem)
  if (blocks.length === 0) {
    return pem.includes('-----BEGIN')
      ? 'The custom CA is incomplete: a -----BEGIN line has no matching -----END line.'
      : 'The custom CA is not in PEM format: paste the certificate text starting with -----BEGIN CERTIFICATE-----.'
  }
  const other = blocks.find((block) => block.label !== 'CERTIFICATE')
  if (other) {
    return other.label.includes('PRIVATE KEY')
      ? 'The custom CA contains a private key; paste only the CA certificate, and keep the key secret.'
      : `The custom CA contains a ${other.label} block; only CERTIFICATE blocks are accepted.`
  }
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block.text)
    } catch {
      const which = blocks.length === 1 ? 'The certificate' : `Certificate ${index + 1}`
      return `${which} in the custom CA could not be read; copy it again from its .pem or .crt file.`
    }
  }
  return undefined
}

/** The certificates of a custom CA bundle as PEM texts; [] when empty. Check caProblem first. */
export function certificatesFromPem(pem: string): string[] {
  return pemBlocks(pem).map((block) => block.text)
}

/** Subject, issuer and expiry of each certificate in a valid custom CA bundle. */
export function describeCa(pem: string, now: Date = new Date()): CaCertificateSummary[] {
  if (caProblem(pem) !== undefined) return []
  return certificatesFromPem(pem).map((text) => {
    const cert = new X509Certificate(text)
    const validTo = new Date(cert.validTo)
    return {
      subject: cert.subject.replaceAll('\n', ', '),
      issuer: cert.issuer.replaceAll('\n', ', '),
      validTo: Number.isNaN(validTo.getTime()) ? cert.validTo : validTo.toISOString(),
      expired: validTo.getTime() < now.getTime()
    }
  })
}

/** How a profile's certificates are checked. */
export function tlsVerificationOf(settings: ProfileTls): TlsVerification {
  if (settings.allowUntrusted === true) return 'off'
  return settings.customCa.trim() !== '' ? 'custom-ca' : 'on'
}

/**
 * Fresh agents for one profile: keepAlive off, and the profile's own trust. A custom CA is added
 * to Node's default roots; "allow untrusted" switches checks off on this agent only. Throws
 * AppFailure('INVALID_INPUT') for a CA bundle that cannot be used. The https agent (and Node's TLS
 * layer with it) is built the first time it is read: a call to an http:// URL never reads it.
 */
export function agentsFor(settings: ProfileTls): TlsAgents {
  const problem = caProblem(settings.customCa)
  if (problem) throw new AppFailure('INVALID_INPUT', problem)
  const tlsVerification = tlsVerificationOf(settings)
  const extra = certificatesFromPem(settings.customCa)
  return withLazyHttpsAgent(
    { httpAgent: new http.Agent({ keepAlive: false }), tlsVerification },
    () => {
      const options: https.AgentOptions = { keepAlive: false }
      if (extra.length > 0) options.ca = [...tlsModule().getCACertificates('default'), ...extra]
      const { Agent } = httpsModule()
      return tlsVerification === 'off'
        ? new Agent({ ...options, rejectUnauthorized: false })
        : new Agent(options)
    }
  )
}
