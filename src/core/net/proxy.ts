/**
 * A profile's proxy setting as axios's `proxy` option (security.md NET-5). Always explicit: false
 * means DIRECT, never "whatever the environment says". Proxy credentials never appear in a route
 * or a message.
 */
import type { AxiosProxyConfig } from 'axios'

import type { ProfileProxy } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import type { ProxyResolver } from '../ports'
import { EnvProxyError } from './env-proxy'
import { parsePacResult, type PacRoute } from './pac'

/** An http(s) proxy address. `host` keeps IPv6 brackets. */
export interface ProxyAddress {
  protocol: 'http' | 'https'
  host: string
  port: number
}

/** What axios gets, and the route shown in health checks and errors (never with credentials). */
export interface ProxyChoice {
  proxy: AxiosProxyConfig | false
  route: string
}

const MAX_PROXY_URL_LENGTH = 2048
const MAX_USERNAME_LENGTH = 256

/** A checked proxy URL, or a message that never repeats the text (it might hold a password). */
export function validateProxyUrl(
  text: unknown
): { ok: true; address: ProxyAddress } | { ok: false; message: string } {
  const fail = (message: string): { ok: false; message: string } => ({ ok: false, message })
  if (typeof text !== 'string' || text.trim() === '') return fail('Enter the proxy URL.')
  const trimmed = text.trim()
  if (trimmed.length > MAX_PROXY_URL_LENGTH) return fail('The proxy URL is too long.')
  if (!URL.canParse(trimmed)) {
    return fail('The proxy URL is not valid; use the form http://proxy.example.com:3128.')
  }
  const url = new URL(trimmed)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail(
      url.protocol.startsWith('socks')
        ? 'SOCKS proxies are not supported; use an http or https proxy.'
        : 'The proxy URL must start with http:// or https://.'
    )
  }
  if (url.username !== '' || url.password !== '') {
    return fail(
      'Do not put credentials in the proxy URL; use the proxy user name and password fields.'
    )
  }
  if (url.hostname === '') return fail('The proxy URL has no host name.')
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]/.test(trimmed)) {
    return fail('The proxy URL must not have a path, query or fragment.')
  }
  // The URL parser drops a default port (80 for http, 443 for https): check the text itself.
  if (!/:\d{1,5}\/?$/.test(trimmed)) {
    return fail('The proxy URL needs a port, e.g. http://proxy.example.com:3128.')
  }
  const port = url.port === '' ? (url.protocol === 'http:' ? 80 : 443) : Number(url.port)
  if (port < 1) return fail('The proxy port must be between 1 and 65535.')
  return {
    ok: true,
    address: { protocol: url.protocol === 'http:' ? 'http' : 'https', host: url.hostname, port }
  }
}

/** Why a proxy user name cannot be used, or undefined. */
export function proxyUsernameProblem(username: unknown): string | undefined {
  if (typeof username !== 'string') return 'The proxy user name must be text.'
  if (username.length > MAX_USERNAME_LENGTH) return 'The proxy user name is too long.'
  if (username.includes(':')) return 'The proxy user name cannot contain ":".'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(username)) {
    return 'The proxy user name contains control characters.'
  }
  return undefined
}

/** Whether a URL's host is this computer: such calls never go through a proxy. */
export function isLoopbackTarget(targetUrl: string): boolean {
  if (!URL.canParse(targetUrl)) return false
  const host = new URL(targetUrl).hostname.toLowerCase()
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  )
}

/** "proxy.corp:3128" for an http proxy, "https://proxy.corp:443" for an https one. */
export function routeOf(address: ProxyAddress): string {
  const hostPort = `${address.host}:${address.port}`
  return address.protocol === 'https' ? `https://${hostPort}` : hostPort
}

function configFor(
  address: ProxyAddress,
  credentials?: { username: string; password: string }
): AxiosProxyConfig {
  return {
    protocol: address.protocol,
    // axios and Node want IPv6 literals without brackets.
    host: address.host.replace(/^\[(.*)\]$/, '$1'),
    port: address.port,
    ...(credentials && credentials.username !== '' ? { auth: { ...credentials } } : {})
  }
}

const DIRECT: ProxyChoice = { proxy: false, route: 'DIRECT' }

function fromPac(route: PacRoute, resolver: ProxyResolver): ProxyChoice {
  if (route.kind === 'direct') return { ...DIRECT }
  const address: ProxyAddress = { protocol: route.protocol, host: route.host, port: route.port }
  const details = resolver.proxyDetails?.(`${route.host}:${route.port}`)
  const credentials =
    details?.username !== undefined
      ? { username: details.username, password: details.password ?? '' }
      : undefined
  // "proxy.corp:3128 from HTTPS_PROXY": says which setting chose the route.
  const from = details?.source ? ` from ${details.source}` : ''
  return { proxy: configFor(address, credentials), route: `${routeOf(address)}${from}` }
}

/**
 * The proxy for one call to `targetUrl`. 'none' and loopback targets go DIRECT; 'system' asks the
 * resolver (Chromium's, in the app) and reads its PAC answer; 'manual' uses the profile's URL
 * with the user name and the password secret. Throws AppFailure with a specific message.
 */
export async function proxyConfigFor(
  profileProxy: ProfileProxy,
  password: string | undefined,
  resolver: ProxyResolver,
  targetUrl: string
): Promise<ProxyChoice> {
  if (isLoopbackTarget(targetUrl)) return { ...DIRECT }
  switch (profileProxy.mode) {
    case 'none':
      return { ...DIRECT }
    case 'manual': {
      const checked = validateProxyUrl(profileProxy.url)
      if (!checked.ok) throw new AppFailure('INVALID_INPUT', checked.message)
      const usernameProblem = proxyUsernameProblem(profileProxy.username)
      if (usernameProblem) throw new AppFailure('INVALID_INPUT', usernameProblem)
      const credentials = { username: profileProxy.username, password: password ?? '' }
      return { proxy: configFor(checked.address, credentials), route: routeOf(checked.address) }
    }
    case 'system': {
      let answer: string
      try {
        answer = await resolver.resolve(targetUrl)
      } catch (error) {
        const message =
          error instanceof EnvProxyError
            ? error.message
            : 'The system proxy settings could not be read.'
        throw new AppFailure('NETWORK', message, {
          hint: 'Set a manual proxy or none in the profile.'
        })
      }
      const parsed = parsePacResult(answer)
      if (!parsed.ok) throw new AppFailure('NETWORK', parsed.message)
      return fromPac(parsed.route, resolver)
    }
    default:
      throw new AppFailure('INVALID_INPUT', 'The proxy mode is not one of system, manual or none.')
  }
}
