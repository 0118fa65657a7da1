/**
 * node:https and node:tls on first use. Loading them brings Node's TLS layer (about 15 ms of a
 * one-shot CLI start on our machines), which a call to a plain http:// URL never uses; the
 * transports therefore build their https agent only when something reads it.
 */
import type https from 'node:https'
import type tls from 'node:tls'

/** node:https, loaded the first time it is asked for. */
export function httpsModule(): typeof https {
  return process.getBuiltinModule('node:https')
}

/** node:tls, loaded the first time it is asked for. */
export function tlsModule(): typeof tls {
  return process.getBuiltinModule('node:tls')
}

/**
 * `target` with an `httpsAgent` built by `make` the first time it is read (then always the same
 * agent). Enumerable, so spreading the transport copies the agent as before.
 */
export function withLazyHttpsAgent<T extends object>(
  target: T,
  make: () => https.Agent
): T & { readonly httpsAgent: https.Agent } {
  let agent: https.Agent | undefined
  return Object.defineProperty(target, 'httpsAgent', {
    enumerable: true,
    get: () => (agent ??= make())
  }) as T & { readonly httpsAgent: https.Agent }
}
