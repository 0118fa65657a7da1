/**
 * Reading a PAC result string, the system proxy's answer for one URL (security.md NET-5), e.g.
 * "DIRECT", "PROXY proxy.corp:3128; DIRECT", "HTTPS proxy.corp:443", "SOCKS5 socks.corp:1080".
 */

/** Where a request should go. */
export type PacRoute =
  { kind: 'direct' } | { kind: 'proxy'; protocol: 'http' | 'https'; host: string; port: number }

/** The route to use, or why there is none we can use. */
export type PacOutcome = { ok: true; route: PacRoute } | { ok: false; message: string }

/** Shown when the system proxy is a SOCKS proxy and nothing else is offered. */
export const SOCKS_NOT_SUPPORTED =
  'The system proxy is a SOCKS proxy. SOCKS proxies are not supported; set a manual http proxy or none in the profile.'

/** Shown when the system's answer cannot be read. */
export const PAC_UNREADABLE =
  'The system proxy settings gave an answer this app cannot read; set a manual proxy or none in the profile.'

const MAX_PAC_LENGTH = 4096
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_-]{1,63})*\.?$/
const IPV6 = /^\[[0-9A-Fa-f:.]{2,45}\]$/

/** host:port of one entry, or undefined. IPv6 hosts come in brackets and stay bracketed. */
function hostPort(text: string, defaultPort: number): { host: string; port: number } | undefined {
  const match = /^(\[[^\]]*\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(text)
  if (!match) return undefined
  const host = match[1]
  if (!HOST_NAME.test(host) && !IPV6.test(host)) return undefined
  const port = match[2] === undefined ? defaultPort : Number(match[2])
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined
  return { host, port }
}

type Entry = PacRoute | 'socks' | undefined

function parseEntry(entry: string): Entry {
  const [keyword = '', address, ...rest] = entry.split(/\s+/)
  if (rest.length > 0) return undefined
  switch (keyword.toUpperCase()) {
    case 'DIRECT':
      return address === undefined ? { kind: 'direct' } : undefined
    case 'PROXY':
    case 'HTTP': {
      const target = address === undefined ? undefined : hostPort(address, 80)
      return target ? { kind: 'proxy', protocol: 'http', ...target } : undefined
    }
    case 'HTTPS': {
      const target = address === undefined ? undefined : hostPort(address, 443)
      return target ? { kind: 'proxy', protocol: 'https', ...target } : undefined
    }
    case 'SOCKS':
    case 'SOCKS4':
    case 'SOCKS5':
      return 'socks'
    default:
      return undefined
  }
}

/**
 * The route for a PAC result string. Entries are tried in order and the first one we can use wins
 * (a SOCKS entry is passed over for a later DIRECT or http(s) proxy, as a browser would fall back).
 * Never throws.
 */
export function parsePacResult(text: unknown): PacOutcome {
  if (typeof text !== 'string' || text.length > MAX_PAC_LENGTH) {
    return { ok: false, message: PAC_UNREADABLE }
  }
  const entries = text
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  let socks = false
  for (const entry of entries) {
    const parsed = parseEntry(entry)
    if (parsed === 'socks') socks = true
    else if (parsed !== undefined) return { ok: true, route: parsed }
  }
  return { ok: false, message: socks ? SOCKS_NOT_SUPPORTED : PAC_UNREADABLE }
}
