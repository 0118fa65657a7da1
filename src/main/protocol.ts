/**
 * Serves the built renderer from `app://bundle/…` instead of `file://` (security.md WIN-5), so the
 * page gets a real origin, a CSP header, and no file-system reach; that also lets the
 * `grantFileProtocolExtraPrivileges` fuse be turned off (BLD-1).
 */
import { realpathSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, join, sep } from 'node:path'

import type { Protocol } from 'electron'

import { APP_HOST, APP_SCHEME } from './app-url'
import { CONTENT_SECURITY_POLICY } from './csp'

const PREFIX = `${APP_SCHEME}://${APP_HOST}/`

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8'
}

/** Register `app:` as a standard, secure scheme. Must run before `ready`; CSP is never bypassed. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/**
 * Map `app://bundle/<path>` to a real file inside `root`, or null. Rejects other hosts, ports and
 * userinfo, `..` and `.` segments in any encoding, encoded separators and NULs, and anything whose
 * real path (symlinks resolved) is outside the real `root`.
 */
export function resolveRendererAsset(url: string, root: string): string | null {
  if (typeof url !== 'string' || typeof root !== 'string' || !isAbsolute(root)) return null
  if (!url.startsWith(PREFIX)) return null
  const rawPath = url.slice(PREFIX.length).split(/[?#]/, 1)[0] ?? ''
  if (/[\\\0]|%(2f|5c|00)/i.test(rawPath)) return null
  const segments: string[] = []
  for (const raw of rawPath === '' ? ['index.html'] : rawPath.split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return null
    }
    // ':' also stops Windows drive letters and NTFS alternate streams.
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) {
      return null
    }
    segments.push(segment)
  }
  try {
    const realRoot = realpathSync(root)
    const real = realpathSync(join(realRoot, ...segments))
    if (!real.startsWith(realRoot + sep)) return null
    return statSync(real).isFile() ? real : null
  } catch {
    return null
  }
}

/** Headers every `app://` response carries, errors included. */
function baseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache'
  }
}

function status(code: number, text: string): Response {
  return new Response(text, { status: code, headers: baseHeaders('text/plain; charset=utf-8') })
}

/** Answer one `app://` request from `root`. */
export async function serveRendererAsset(
  request: { url: string; method: string },
  root: string
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return status(405, 'Method not allowed')
  if (!request.url.startsWith(PREFIX)) return status(400, 'Bad request')
  const file = resolveRendererAsset(request.url, root)
  if (!file) return status(404, 'Not found')
  const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
  const body = request.method === 'HEAD' ? null : await readFile(file)
  return new Response(body, { status: 200, headers: baseHeaders(type) })
}

/** Serve `out/renderer` on `app://bundle/`. Call after `ready`. */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, (request) =>
    serveRendererAsset(request, root).catch(() => status(500, 'Internal error'))
  )
}
