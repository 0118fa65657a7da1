/** Request-target parsing: prefixes, Spring's firewall, segment decoding and route matching. */

/** Which part of the sandbox a path belongs to, and where its own segments start. */
export type Area =
  | { kind: 'runtime'; offset: number }
  | { kind: 'idp'; offset: number }
  | { kind: 'control' }
  | { kind: 'outside' }

/** Split a request target into the raw path and the query string. */
export function splitTarget(url: string): { rawPath: string; query: string } {
  const at = url.indexOf('?')
  return at < 0
    ? { rawPath: url, query: '' }
    : { rawPath: url.slice(0, at), query: url.slice(at + 1) }
}

/** The raw segments of a path ('/a/b' → ['a', 'b']). */
export function rawSegmentsOf(rawPath: string): string[] {
  return rawPath.split('/').slice(1)
}

/** Route a path by its raw prefix, as the ingress does (flowx-api.md §e.2). */
export function classify(raw: string[], options: { mountRoot: boolean; control: boolean }): Area {
  if (raw[0] === 'realms') return { kind: 'idp', offset: 1 }
  if (raw[0] === 'auth' && raw[1] === 'realms') return { kind: 'idp', offset: 2 }
  if (raw[0] === '__mock' && options.control) return { kind: 'control' }
  if (raw[0] === 'rtm') return { kind: 'runtime', offset: 1 }
  return options.mountRoot ? { kind: 'runtime', offset: 0 } : { kind: 'outside' }
}

// Spring Security's StrictHttpFirewall defaults (flowx-api.md §a, [S28]).
const BLOCKED = ['%2f', '%25', '%3b', ';', '%5c', '\\']
// Characters Tomcat refuses in a request target (besides brackets, which are opt-in here).
const INVALID_CHAR = /[^\x21-\x7e]|["<>^`{|}]/

/** Why the firewall rejects a raw path, or undefined when it passes. */
export function firewallRejection(rawPath: string, strictRawBrackets: boolean): string | undefined {
  const lower = rawPath.toLowerCase()
  for (const blocked of BLOCKED) {
    const at = lower.indexOf(blocked)
    if (at >= 0) {
      const found = rawPath.slice(at, at + blocked.length)
      return `The request was rejected because the URL contained a potentially malicious String "${found}"`
    }
  }
  if (rawPath.includes('//')) {
    return 'The request was rejected because the URL contained a potentially malicious String "//"'
  }
  if (rawSegmentsOf(rawPath).some((s) => s === '.' || s === '..')) {
    return 'The request was rejected because the URL was not normalized.'
  }
  if (INVALID_CHAR.test(rawPath) || (strictRawBrackets && /[[\]]/.test(rawPath))) {
    return (
      'Invalid character found in the request target. ' +
      'The valid characters are defined in RFC 7230 and RFC 3986'
    )
  }
  return undefined
}

/** Percent-decode each segment once; undefined when an escape is invalid. */
export function decodeSegments(raw: string[]): string[] | undefined {
  try {
    return raw.map((s) => decodeURIComponent(s))
  } catch {
    return undefined
  }
}

export type RouteName = 'start-build' | 'start-wks' | 'info-wks' | 'info-app' | 'info-instance'

interface RouteDef {
  name: RouteName
  method: 'GET' | 'POST'
  pattern: string[]
}

/** The runtime routes (flowx-api.md §e.2), relative to the runtime mount. */
const ROUTES: RouteDef[] = [
  {
    name: 'start-build',
    method: 'POST',
    pattern: 'api/runtime/app/:appId/build/:buildId/process-name/:name/start'.split('/')
  },
  {
    name: 'start-wks',
    method: 'POST',
    pattern: 'api/runtime/wks/:wks/app/:appId/process-name/:name/start'.split('/')
  },
  {
    name: 'info-wks',
    method: 'GET',
    pattern: 'api/runtime/wks/:wks/app/:appId/build/info'.split('/')
  },
  { name: 'info-app', method: 'GET', pattern: 'api/runtime/app/:appId/build/info'.split('/') },
  {
    name: 'info-instance',
    method: 'GET',
    pattern: 'api/runtime/process-instance/:uuid/build/info'.split('/')
  }
]

export interface RouteMatch {
  name: RouteName
  params: Record<string, string>
}

export type MatchResult =
  | { kind: 'match'; route: RouteMatch }
  | { kind: 'wrong-method'; allow: string[] }
  | { kind: 'none' }

/** Match a pattern like ['api', ':id'] against decoded segments. */
export function matchPattern(
  pattern: string[],
  segments: string[]
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] as string
    if (part.startsWith(':')) {
      if (segment === '') return undefined
      params[part.slice(1)] = segment
    } else if (part !== segment) return undefined
  }
  return params
}

/** Routes a FlowX 4.x runtime does not have. */
const SINCE_5: ReadonlySet<RouteName> = new Set(['start-wks', 'info-wks'])

/** Find the runtime route for a method and decoded segments (of a 4.x or 5.x runtime). */
export function matchRuntimeRoute(
  method: string,
  segments: string[],
  apiGeneration: 4 | 5 = 5
): MatchResult {
  const allow = new Set<string>()
  for (const def of ROUTES) {
    if (apiGeneration === 4 && SINCE_5.has(def.name)) continue
    const params = matchPattern(def.pattern, segments)
    if (!params) continue
    if (def.method === method) return { kind: 'match', route: { name: def.name, params } }
    allow.add(def.method)
  }
  return allow.size > 0 ? { kind: 'wrong-method', allow: [...allow] } : { kind: 'none' }
}

/** The process name when the segments address a start route, whatever the method. */
export function startProcessName(segments: string[]): string | undefined {
  for (const def of ROUTES) {
    if (def.method !== 'POST') continue
    const params = matchPattern(def.pattern, segments)
    if (params) return params.name
  }
  return undefined
}
