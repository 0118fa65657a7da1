/**
 * Pure URL helpers for the FlowX start call (flowx-api.md §a, security.md NET-3). Shared with the
 * renderer, so nothing here may import Node.
 */
import type { StartTarget } from './domain'

const MAX_BASE_URL_LENGTH = 2048

/**
 * Encode one path segment. encodeURIComponent covers brackets, spaces, `/`, `?`, `#` and non-ASCII;
 * lone surrogates (which would make it throw) become U+FFFD, and startTargetProblem reports them.
 */
function encodeSegment(value: string): string {
  return encodeURIComponent(value.toWellFormed())
}

/** The start path of the last target built: a run of launches sends the same one each time. */
let lastPath:
  { mode: string; wks: string; app: string; build: string; name: string; path: string } | undefined

/** The start path after the runtime base, every segment encoded on its own. */
export function buildStartPath(target: StartTarget): string {
  const wks = target.mode === 'workspace' ? target.workspaceId : ''
  const build = target.mode === 'build' ? target.buildId : ''
  const last = lastPath
  if (
    last !== undefined &&
    last.mode === target.mode &&
    last.app === target.appId &&
    last.name === target.processName &&
    last.wks === wks &&
    last.build === build
  ) {
    return last.path
  }
  const name = encodeSegment(target.processName)
  const app = encodeSegment(target.appId)
  const path =
    target.mode === 'build'
      ? `/api/runtime/app/${app}/build/${encodeSegment(build)}/process-name/${name}/start`
      : `/api/runtime/wks/${encodeSegment(wks)}/app/${app}/process-name/${name}/start`
  lastPath = { mode: target.mode, wks, app: target.appId, build, name: target.processName, path }
  return path
}

/** Why one path segment cannot be sent, or undefined. */
function segmentProblem(label: string, value: string): string | undefined {
  if (value === '') return `The ${label} is empty.`
  if (value === '.' || value === '..') return `The ${label} cannot be "${value}".`
  if (!value.isWellFormed()) return `The ${label} contains invalid characters.`
  return undefined
}

/**
 * Why a target cannot be sent as a path, or undefined. An empty, `.` or `..` segment would be
 * collapsed by URL normalisation (WHATWG treats `%2e%2e` as `..` too), moving the call elsewhere.
 */
export function startTargetProblem(target: StartTarget): string | undefined {
  if (target.mode === 'build') {
    return (
      segmentProblem('app id', target.appId) ??
      segmentProblem('build id', target.buildId) ??
      segmentProblem('process name', target.processName)
    )
  }
  return (
    segmentProblem('workspace id', target.workspaceId) ??
    segmentProblem('app id', target.appId) ??
    segmentProblem('process name', target.processName)
  )
}

function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true
  // The URL parser has already normalised IPv4 forms such as 127.1 or 2130706433.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/** Check a runtime base URL and return it normalised, without trailing slashes. Never throws. */
export function validateBaseUrl(
  raw: string
): { ok: true; url: string } | { ok: false; message: string } {
  const bad = (message: string): { ok: false; message: string } => ({ ok: false, message })
  try {
    const text = raw.trim()
    if (text === '') return bad('Enter the runtime base URL, e.g. https://admin.example.com/rtm.')
    if (text.length > MAX_BASE_URL_LENGTH) return bad('The URL is longer than 2048 characters.')
    // The URL parser silently drops tabs and newlines; refuse them so what is stored is what is called.
    // eslint-disable-next-line no-control-regex
    if (/[\s\u0000-\u001f\u007f]/.test(text))
      return bad('The URL contains spaces or control characters.')
    if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) {
      return bad('Start the URL with https://, e.g. https://admin.example.com/rtm.')
    }
    let url: URL
    try {
      url = new URL(text)
    } catch {
      return bad('That is not a valid URL, e.g. https://admin.example.com/rtm.')
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return bad(`Use an https:// URL (${url.protocol}// is not supported).`)
    }
    if (url.hostname === '') return bad('The URL has no host name.')
    if (url.username !== '' || url.password !== '' || /^[a-z]+:\/\/[^/]*@/i.test(text)) {
      return bad('Remove the user name and password from the URL; the token is sent separately.')
    }
    if (text.includes('?')) return bad('Remove the query (?…) from the URL.')
    if (text.includes('#')) return bad('Remove the fragment (#…) from the URL.')
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      return bad('Use https://. Plain http:// is allowed only for localhost, 127.x.x.x and [::1].')
    }
    return { ok: true, url: url.origin + url.pathname.replace(/\/+$/, '') }
  } catch {
    return bad('That is not a valid URL, e.g. https://admin.example.com/rtm.')
  }
}

/** Non-blocking remarks about a base URL that is valid but probably not the runtime base. */
export function baseUrlNotes(url: string): string[] {
  let path: string
  try {
    path = new URL(url.trim()).pathname.replace(/\/+$/, '')
  } catch {
    return []
  }
  const notes: string[] = []
  if (/\/api\/runtime(\/|$)/.test(path)) {
    notes.push('Enter only the runtime base: the app adds /api/runtime/… itself.')
  } else if (!path.endsWith('/rtm')) {
    notes.push('The runtime base usually ends in /rtm.')
  }
  return notes
}

/** The full URL the start call goes to: the validated base followed by the encoded path. */
export function previewUrl(baseUrl: string, target: StartTarget): string {
  const checked = validateBaseUrl(baseUrl)
  const base = checked.ok ? checked.url : baseUrl.trim().replace(/\/+$/, '')
  return base + buildStartPath(target)
}

const FIREWALL_CHARACTERS = ['/', '%', ';', '\\']

/** Warnings for process names that FlowX's Spring firewall rejects in a path (flowx-api.md §a). */
export function processNameWarnings(name: string): string[] {
  const warnings: string[] = []
  for (const char of FIREWALL_CHARACTERS) {
    if (name.includes(char)) {
      warnings.push(
        `The name contains "${char}", sent as ${encodeURIComponent(char)}; FlowX's firewall usually rejects such URLs with 400.`
      )
    }
  }
  const trimmed = name.trim()
  if (trimmed === '.' || trimmed === '..') {
    warnings.push(`A process name of "${trimmed}" cannot be sent in a URL path.`)
  }
  return warnings
}
