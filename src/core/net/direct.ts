/** The transport for a profile with default settings: verified TLS, no proxy. */
import http from 'node:http'

import { httpsModule, withLazyHttpsAgent } from './lazy-tls'
import type { NetTransport } from './types'

/** Fresh agents each time: keepAlive off, certificates verified, DIRECT. The https one on first use. */
export function directTransport(): NetTransport {
  return withLazyHttpsAgent(
    {
      httpAgent: new http.Agent({ keepAlive: false }),
      proxy: false as const,
      tlsVerification: 'on' as const,
      route: 'DIRECT'
    },
    () => new (httpsModule().Agent)({ keepAlive: false })
  )
}
