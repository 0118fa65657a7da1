/**
 * The keep-alive connections starts reuse: one pooled agent per protocol and TLS trust, for direct
 * connections (no TCP and TLS handshake per launch). node:https loads only for an https pool.
 */
import { createHash } from 'node:crypto'
import http from 'node:http'
import type https from 'node:https'

import { httpsModule } from '../net/lazy-tls'
import type { NetTransport } from '../net/types'

/**
 * How long an idle connection is kept for the next launch: under the 5 s keep-alive of Node
 * servers and far under nginx's 75 s, so a server does not close it just as we reuse it. A
 * server's own `Keep-Alive: timeout=` hint shortens it further (Node's agent reads it).
 */
export const IDLE_SOCKET_MS = 4000

/**
 * The TCP keep-alive delay axios sets on every request's socket. The pool sets the same, so a
 * reused connection is not switched between two delays (eight setsockopt calls) per launch.
 */
export const TCP_KEEPALIVE_MS = 60_000

/** Pooled keep-alive agents for direct connections, one per protocol and TLS trust. */
const pools = new Map<string, http.Agent>()
const MAX_POOLS = 32

/**
 * The agent to send through. Direct connections reuse a keep-alive pool (no TCP and TLS handshake
 * per launch); connections through a proxy keep the transport's own fresh agents.
 */
export function pooledAgent(transport: NetTransport, secure: boolean): http.Agent | undefined {
  if (transport.proxy !== false) return undefined
  const base: https.AgentOptions = secure ? transport.httpsAgent.options : {}
  const fingerprint = secure ? trustFingerprint(base) : 'http'
  let agent = pools.get(fingerprint)
  if (!agent) {
    if (pools.size >= MAX_POOLS) {
      const [oldest, evicted] = pools.entries().next().value as [string, http.Agent]
      pools.delete(oldest)
      evicted.destroy()
    }
    const options = {
      keepAlive: true,
      keepAliveMsecs: TCP_KEEPALIVE_MS,
      timeout: IDLE_SOCKET_MS,
      maxFreeSockets: 64,
      scheduling: 'lifo' as const
    }
    agent = secure ? new (httpsModule().Agent)({ ...base, ...options }) : new http.Agent(options)
    pools.set(fingerprint, agent)
  }
  return agent
}

/** Fingerprints already computed, per agent options object (hashing a CA bundle per launch costs). */
const fingerprints = new WeakMap<https.AgentOptions, string>()

/** What tells one TLS trust from another: CA, client certificate, verification, server name. */
function trustFingerprint(options: https.AgentOptions): string {
  let fingerprint = fingerprints.get(options)
  if (fingerprint === undefined) {
    const { ca, cert, key, rejectUnauthorized, servername } = options
    fingerprint = createHash('sha256')
      .update(
        JSON.stringify([
          ca ?? null,
          cert ?? null,
          key ?? null,
          rejectUnauthorized ?? true,
          servername ?? null
        ])
      )
      .digest('hex')
    fingerprints.set(options, fingerprint)
  }
  return fingerprint
}

/**
 * Close every pooled connection (tests and benches: an idle pooled socket never holds a process
 * open, Node unrefs it).
 */
export function closePooledConnections(): void {
  for (const agent of pools.values()) agent.destroy()
  pools.clear()
}
