/** How one profile's requests reach the network: TLS trust and proxy (security.md NET-4, NET-5). */
import type http from 'node:http'
import type https from 'node:https'

import type { AxiosProxyConfig } from 'axios'

import type { TlsVerification } from '../../shared/domain'

/** Everything axios needs to send one request the way the profile says. */
export interface NetTransport {
  /** keepAlive off: a stale pooled socket that resets after the write would look like 'unknown'. */
  httpAgent: http.Agent
  httpsAgent: https.Agent
  /** Always explicit: false means DIRECT, never "whatever the environment says". */
  proxy: AxiosProxyConfig | false
  tlsVerification: TlsVerification
  /** Shown in health checks and errors, never with credentials: "DIRECT", "proxy.corp:3128". */
  route: string
}
