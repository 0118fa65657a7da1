/** A profile's network settings turned into the transport for one call (security.md NET-4, NET-5). */
import type { ProfileProxy, ProfileTls } from '../../shared/domain'
import type { ProxyResolver } from '../ports'
import { agentsFor, caProblem } from './agents'
import { proxyConfigFor, proxyUsernameProblem, validateProxyUrl } from './proxy'
import type { NetTransport } from './types'

/** The network part of a profile, with the proxy password secret when there is one. */
export interface NetworkSettings {
  tls: ProfileTls
  proxy: ProfileProxy
  proxyPassword?: string
}

/**
 * The first problem with a profile's TLS and proxy settings, or undefined. Checked when a profile
 * is saved, so a launch never meets a setting that cannot work.
 */
export function validateNetworkSettings(tls: ProfileTls, proxy: ProfileProxy): string | undefined {
  if (typeof tls !== 'object' || tls === null) return 'The TLS settings are missing.'
  if (typeof tls.allowUntrusted !== 'boolean') {
    return 'The "allow untrusted certificate" setting must be on or off.'
  }
  const ca = caProblem(tls.customCa)
  if (ca) return ca
  if (typeof proxy !== 'object' || proxy === null) return 'The proxy settings are missing.'
  switch (proxy.mode) {
    case 'system':
    case 'none':
      return undefined
    case 'manual': {
      const url = validateProxyUrl(proxy.url)
      return url.ok ? proxyUsernameProblem(proxy.username) : url.message
    }
    default:
      return 'The proxy mode is not one of system, manual or none.'
  }
}

/**
 * Fresh agents and the proxy for one call to `targetUrl` with a profile's settings. Throws
 * AppFailure: INVALID_INPUT for a CA bundle or proxy setting that cannot be used, NETWORK when the
 * system proxy cannot be read or is not supported.
 */
export async function transportFor(
  settings: NetworkSettings,
  resolver: ProxyResolver,
  targetUrl: string
): Promise<NetTransport> {
  const agents = agentsFor(settings.tls)
  const { proxy, route } = await proxyConfigFor(
    settings.proxy,
    settings.proxyPassword,
    resolver,
    targetUrl
  )
  // Added to the agents' object, not spread from it: spreading would build the https agent now.
  return Object.assign(agents, { proxy, route })
}
