/**
 * HTTPS through an http(s) proxy with CONNECT (security.md NET-5): the proxy sees only
 * "CONNECT host:port" and Proxy-Authorization; the request, the bearer token and the payload travel
 * inside TLS with FlowX, checked with the profile's own trust.
 *
 * axios 1.21 can tunnel too, with https-proxy-agent 5, but a proxy that never answers the CONNECT
 * leaves that socket open after the call has timed out, and a refused CONNECT comes back as if it
 * were FlowX's answer. This agent ends the CONNECT with the call's inactivity timeout and reports a
 * refusal as an error of its own.
 */
import type http from 'node:http'
import type https from 'node:https'
import net from 'node:net'
import type { Duplex } from 'node:stream'
import type tls from 'node:tls'

import type { AxiosProxyConfig } from 'axios'

import { httpsModule, tlsModule } from './lazy-tls'
import type { NetTransport } from './types'

/** Error code of a CONNECT the proxy answered with something other than 200. */
export const PROXY_CONNECT_REFUSED = 'ERR_PROXY_CONNECT_REFUSED'

/** The proxy would not open a tunnel; carries its status, never its headers or credentials. */
export class ProxyConnectError extends Error {
  readonly code = PROXY_CONNECT_REFUSED
  constructor(
    readonly proxyStatus: number,
    readonly proxyStatusText: string
  ) {
    super(`The proxy answered the CONNECT with ${proxyStatus}.`)
    this.name = 'ProxyConnectError'
  }
}

/** Longest CONNECT answer head we read. */
const MAX_HEAD_BYTES = 16 * 1024

function codedError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code })
}

function bracketed(host: string): string {
  return net.isIPv6(host) ? `[${host}]` : host
}

/** An https.Agent whose connections are CONNECT tunnels through one proxy. keepAlive is off. */
export type ProxyTunnelAgent = https.Agent

/** The tunnel agent's class, built on first use (it extends https.Agent: node:https loads then). */
export type ProxyTunnelAgentClass = new (
  proxy: AxiosProxyConfig,
  options?: https.AgentOptions
) => ProxyTunnelAgent

let tunnelAgentClass: ProxyTunnelAgentClass | undefined

/** The CONNECT tunnel agent's class; the first call loads node:https and node:tls. */
export function proxyTunnelAgentClass(): ProxyTunnelAgentClass {
  tunnelAgentClass ??= buildTunnelAgentClass()
  return tunnelAgentClass
}

function buildTunnelAgentClass(): ProxyTunnelAgentClass {
  const tls = tlsModule()
  return class ProxyTunnelAgent extends httpsModule().Agent {
    readonly #proxy: AxiosProxyConfig
    constructor(proxy: AxiosProxyConfig, options: https.AgentOptions = {}) {
      super({ ...options, keepAlive: false })
      this.#proxy = proxy
    }

    override createConnection(
      options: http.ClientRequestArgs,
      callback?: (err: Error | null, stream: Duplex) => void
    ): Duplex | null | undefined {
      const done = callback ?? (() => undefined)
      this.#openTunnel(options as tls.ConnectionOptions & http.ClientRequestArgs).then(
        (socket) => done(null, socket),
        (error: Error) => done(error, undefined as unknown as Duplex)
      )
      return undefined
    }

    #openTunnel(options: tls.ConnectionOptions & http.ClientRequestArgs): Promise<tls.TLSSocket> {
      const proxy = this.#proxy
      const host = String(options.hostname ?? options.host ?? 'localhost').replace(
        /^\[(.*)\]$/,
        '$1'
      )
      const port = Number(options.port ?? 443)
      const authority = `${bracketed(host)}:${port}`
      const secureProxy = proxy.protocol === 'https' || proxy.protocol === 'https:'
      return new Promise((resolve, reject) => {
        const socket: net.Socket = secureProxy
          ? tls.connect({
              host: proxy.host,
              port: proxy.port,
              ...(net.isIP(proxy.host) ? {} : { servername: proxy.host }),
              ...(options.ca ? { ca: options.ca } : {}),
              rejectUnauthorized: options.rejectUnauthorized !== false,
              ALPNProtocols: ['http/1.1']
            })
          : net.connect({ host: proxy.host, port: proxy.port })
        let settled = false
        const fail = (error: Error): void => {
          if (settled) return
          settled = true
          socket.destroy()
          reject(error)
        }
        socket.once('error', fail)
        socket.once('close', () =>
          fail(codedError('The proxy closed the connection.', 'ECONNRESET'))
        )
        const timeoutMs = typeof options.timeout === 'number' ? options.timeout : 0
        if (timeoutMs > 0) {
          socket.setTimeout(timeoutMs, () =>
            fail(codedError('No tunnel through the proxy in time.', 'ETIMEDOUT'))
          )
        }
        socket.once(secureProxy ? 'secureConnect' : 'connect', () => {
          const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`]
          const auth = proxy.auth
          if (auth && (auth.username || auth.password)) {
            const basic = Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString(
              'base64'
            )
            lines.push(`Proxy-Authorization: Basic ${basic}`)
          }
          socket.write(`${lines.join('\r\n')}\r\n\r\n`)
        })
        let head = Buffer.alloc(0)
        const onData = (chunk: Buffer): void => {
          head = Buffer.concat([head, chunk])
          const end = head.indexOf('\r\n\r\n')
          if (end < 0) {
            if (head.length > MAX_HEAD_BYTES)
              fail(codedError('The proxy answer is too long.', 'EPROTO'))
            return
          }
          socket.off('data', onData)
          const match = /^HTTP\/1\.[01] (\d{3}) ?([^\r\n]*)/.exec(
            head.subarray(0, end).toString('latin1')
          )
          if (!match) return fail(codedError('The proxy answer is not HTTP.', 'EPROTO'))
          const status = Number(match[1])
          if (status !== 200) return fail(new ProxyConnectError(status, match[2].slice(0, 100)))
          if (end + 4 < head.length) {
            return fail(codedError('The proxy sent data before the tunnel opened.', 'EPROTO'))
          }
          settled = true
          socket.setTimeout(0)
          socket.removeAllListeners('close')
          socket.removeListener('error', fail)
          // The request's own TLS options (the profile's CA, or its "allow untrusted" switch) apply
          // to FlowX inside the tunnel; Node's https checks the host name as usual.
          const { timeout: _timeout, ...tlsOptions } = options
          const secure = tls.connect({
            ...tlsOptions,
            socket,
            host,
            ...(net.isIP(host) ? {} : { servername: options.servername || host })
          } as tls.ConnectionOptions)
          socket.on('error', (error: Error) => secure.destroy(error))
          resolve(secure)
        }
        socket.on('data', onData)
      })
    }
  }
}

/**
 * The agents and proxy to give axios for one call. For an https target behind a proxy the tunnel
 * is this module's agent and axios gets `proxy: false`; otherwise axios gets the transport's own
 * agents and proxy (a plain http target is sent to the proxy as an absolute URL).
 */
export function axiosNetOptions(
  transport: NetTransport,
  targetUrl: string
): { proxy: AxiosProxyConfig | false; httpAgent: http.Agent; httpsAgent: https.Agent } {
  const secureTarget = URL.canParse(targetUrl) && new URL(targetUrl).protocol === 'https:'
  if (secureTarget && transport.proxy !== false) {
    return {
      proxy: false,
      httpAgent: transport.httpAgent,
      httpsAgent: new (proxyTunnelAgentClass())(transport.proxy, transport.httpsAgent.options)
    }
  }
  return {
    proxy: transport.proxy,
    httpAgent: transport.httpAgent,
    httpsAgent: transport.httpsAgent
  }
}
