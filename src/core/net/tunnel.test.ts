/** Which agents and proxy axios gets, and the CONNECT tunnel agent (security.md NET-5). */
import { describe, expect, it } from 'vitest'

import { agentsFor } from './agents'
import { directTransport } from './direct'
import { axiosNetOptions, ProxyConnectError, proxyTunnelAgentClass } from './tunnel'
import type { NetTransport } from './types'

const PROXY = {
  protocol: 'http',
  host: 'proxy.corp',
  port: 3128,
  auth: { username: 'alice', password: 'PROXY-PW-canary-5b2e' }
}

function proxied(allowUntrusted = false): NetTransport {
  return {
    ...agentsFor({ customCa: '', allowUntrusted }),
    proxy: PROXY,
    route: 'proxy.corp:3128'
  }
}

describe('axiosNetOptions', () => {
  it('DIRECT: the transport as it is, proxy false', () => {
    const transport = directTransport()
    expect(axiosNetOptions(transport, 'https://flowx.example.com/rtm')).toEqual({
      proxy: false,
      httpAgent: transport.httpAgent,
      httpsAgent: transport.httpsAgent
    })
  })

  it('a plain http target: axios sends it to the proxy itself', () => {
    const transport = proxied()
    const options = axiosNetOptions(transport, 'http://127.0.0.1:8080/rtm')
    expect(options.proxy).toBe(PROXY)
    expect(options.httpAgent).toBe(transport.httpAgent)
  })

  it('an https target: our tunnel agent with the profile’s TLS options, axios proxy off', () => {
    const transport = proxied(true)
    const options = axiosNetOptions(transport, 'https://flowx.example.com/rtm')
    expect(options.proxy).toBe(false)
    expect(options.httpsAgent).toBeInstanceOf(proxyTunnelAgentClass())
    expect(options.httpsAgent.options).toMatchObject({
      keepAlive: false,
      rejectUnauthorized: transport.httpsAgent.options.rejectUnauthorized
    })
    // The profile's own agent is left as it was.
    expect(transport.httpsAgent).not.toBe(options.httpsAgent)
  })

  it('a refused CONNECT carries the status only', () => {
    const error = new ProxyConnectError(407, 'Proxy Authentication Required')
    expect(error).toMatchObject({ code: 'ERR_PROXY_CONNECT_REFUSED', proxyStatus: 407 })
    expect(JSON.stringify(error) + error.message).not.toContain('PROXY-PW')
  })
})
