/** The transport for a profile with default settings: verified TLS, no proxy. */
import http from 'node:http'
import https from 'node:https'

import type { NetTransport } from './types'

/** Fresh agents each time: keepAlive off, certificates verified, DIRECT. */
export function directTransport(): NetTransport {
  return {
    httpAgent: new http.Agent({ keepAlive: false }),
    httpsAgent: new https.Agent({ keepAlive: false }),
    proxy: false,
    tlsVerification: 'on',
    route: 'DIRECT'
  }
}
