/**
 * The "system" proxy outside the app: the environment variables every command-line tool follows,
 * read the way curl reads them.
 *
 * - `https_proxy` / `HTTPS_PROXY` for https URLs, `http_proxy` / `HTTP_PROXY` for http URLs, then
 *   `all_proxy` / `ALL_PROXY`; the lower-case form wins when both are set.
 * - `no_proxy` / `NO_PROXY`: comma- or space-separated; `*` for every host; `example.com` or
 *   `.example.com` for the domain and its subdomains; an IP address; a CIDR range (`10.0.0.0/8`);
 *   `host:port` to match one port only.
 * - A proxy URL without a scheme is http. A user name may sit in the URL (`http://ana@proxy:3128`);
 *   the password comes from the URL or, better, FLOWX_PROXY_PASSWORD (never a flag).
 */
import { BlockList, isIP } from 'node:net'

import type { ProxyResolver } from '../ports'

export type Env = Readonly<Record<string, string | undefined>>

/** The environment variable holding the proxy password for the CLI. */
export const PROXY_PASSWORD_ENV = 'FLOWX_PROXY_PASSWORD'

/** A proxy from the environment, as its variable gave it. */
export interface EnvProxy {
  /** The variable it came from, e.g. HTTPS_PROXY. */
  source: string
  protocol: 'http' | 'https'
  /** Host as in a URL (IPv6 in brackets). */
  host: string
  port: number
  username?: string
  password?: string
}

/** Why a proxy variable cannot be used; the message never repeats its value (it may hold a password). */
export class EnvProxyError extends Error {
  constructor(
    readonly variable: string,
    reason: string
  ) {
    super(`${variable} is not a usable proxy URL: ${reason}.`)
    this.name = 'EnvProxyError'
  }
}

/** The first set variable of `names` (lower-case first, as curl) and its name. */
function pick(env: Env, names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim()
    if (value) return { name, value }
  }
  return undefined
}

function parseProxy(source: string, text: string, env: Env): EnvProxy {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`
  if (!URL.canParse(withScheme)) throw new EnvProxyError(source, 'it is not a URL')
  const url = new URL(withScheme)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EnvProxyError(source, `only http:// and https:// proxies are supported`)
  }
  if (url.hostname === '') throw new EnvProxyError(source, 'it has no host name')
  const protocol = url.protocol === 'https:' ? 'https' : 'http'
  const port = url.port === '' ? (protocol === 'https' ? 443 : 1080) : Number(url.port)
  const username = url.username === '' ? undefined : decodeURIComponent(url.username)
  const fromUrl = url.password === '' ? undefined : decodeURIComponent(url.password)
  const password = fromUrl ?? (env[PROXY_PASSWORD_ENV] ? env[PROXY_PASSWORD_ENV] : undefined)
  return {
    source,
    protocol,
    host: url.hostname,
    port,
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {})
  }
}

/**
 * The proxy for `targetUrl`, undefined for a direct connection. Throws EnvProxyError for a
 * variable that is set but unusable (rather than silently going direct).
 */
export function envProxyFor(env: Env, targetUrl: string): EnvProxy | undefined {
  const target = new URL(targetUrl)
  const scheme = target.protocol === 'https:' ? 'https' : 'http'
  const chosen = pick(env, [
    `${scheme}_proxy`,
    `${scheme.toUpperCase()}_PROXY`,
    'all_proxy',
    'ALL_PROXY'
  ])
  if (!chosen) return undefined
  const port = target.port === '' ? (scheme === 'https' ? 443 : 80) : Number(target.port)
  if (bypassed(env, target.hostname, port)) return undefined
  return parseProxy(chosen.name, chosen.value, env)
}

/** Whether NO_PROXY / no_proxy names this host (and port). */
export function bypassed(env: Env, hostname: string, port: number): boolean {
  const list = pick(env, ['no_proxy', 'NO_PROXY'])?.value
  if (!list) return false
  const host = hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
  for (const raw of list.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase()
    if (entry === '') continue
    if (entry === '*') return true
    const { name, entryPort } = splitPort(entry)
    if (entryPort !== undefined && entryPort !== port) continue
    if (matchesHost(host, name)) return true
  }
  return false
}

function splitPort(entry: string): { name: string; entryPort?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
  if (bracketed) return { name: bracketed[1] as string, entryPort: portOf(bracketed[2]) }
  const hostPort = /^([^:]+):(\d+)$/.exec(entry)
  if (hostPort) return { name: hostPort[1] as string, entryPort: portOf(hostPort[2]) }
  return { name: entry }
}

function portOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text)
}

function matchesHost(host: string, name: string): boolean {
  const cidr = /^(.+)\/(\d{1,3})$/.exec(name)
  if (cidr) {
    const [, network, bits] = cidr as unknown as [string, string, string]
    const family = isIP(network)
    const hostFamily = isIP(host)
    if (family === 0 || hostFamily !== family) return false
    const list = new BlockList()
    list.addSubnet(network, Number(bits), family === 6 ? 'ipv6' : 'ipv4')
    return list.check(host, family === 6 ? 'ipv6' : 'ipv4')
  }
  if (isIP(name) !== 0 || isIP(host) !== 0) return name === host
  const domain = name.replace(/^\*?\./, '').replace(/\.$/, '')
  return host === domain || host.endsWith(`.${domain}`)
}

/**
 * A ProxyResolver over the environment: answers in PAC form ("PROXY host:port", "HTTPS host:port"
 * or "DIRECT") and gives the proxy's source and credentials to core for the route and the login.
 */
export function envProxyResolver(env: Env): ProxyResolver {
  const chosen = new Map<string, EnvProxy>()
  return {
    resolve(url: string): Promise<string> {
      try {
        const proxy = envProxyFor(env, url)
        if (!proxy) return Promise.resolve('DIRECT')
        const hostPort = `${proxy.host}:${proxy.port}`
        chosen.set(hostPort, proxy)
        return Promise.resolve(`${proxy.protocol === 'https' ? 'HTTPS' : 'PROXY'} ${hostPort}`)
      } catch (error) {
        return Promise.reject(error)
      }
    },
    proxyDetails(hostPort: string) {
      const proxy = chosen.get(hostPort)
      if (!proxy) return undefined
      return {
        source: proxy.source,
        ...(proxy.username !== undefined
          ? { username: proxy.username, password: proxy.password ?? '' }
          : {})
      }
    }
  }
}
