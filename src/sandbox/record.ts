/** The request log: what the sandbox received, optionally with secrets masked. */
import type { IncomingMessage } from 'node:http'

import type { BodyResult } from './http'
import type { SandboxState } from './state'
import type { RecordedRequest } from './types'

const MASK = '••••'
const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie']
const SECRET_FIELDS = ['password', 'client_secret', 'refresh_token']

/** Decode each segment once, keeping a segment raw when its escapes are invalid. */
function decodeEach(raw: string[]): string[] {
  return raw.map((segment) => {
    try {
      return decodeURIComponent(segment)
    } catch {
      return segment
    }
  })
}

/** Keep the scheme ("Bearer", "Basic") so the log still says how the caller authenticated. */
function maskCredential(value: string): string {
  const space = value.indexOf(' ')
  return space > 0 ? `${value.slice(0, space)} ${MASK}` : MASK
}

function maskForm(body: string): string {
  const form = new URLSearchParams(body)
  for (const field of SECRET_FIELDS) if (form.has(field)) form.set(field, MASK)
  return form.toString()
}

/** Build the log entry for a request whose body has been read. */
export function recordOf(
  state: SandboxState,
  req: IncomingMessage,
  target: { rawPath: string; query: string; rawSegments: string[] },
  read: BodyResult
): RecordedRequest {
  const redact = state.options.redact
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    const text = Array.isArray(value) ? value.join(', ') : value
    headers[name] = redact && SECRET_HEADERS.includes(name) ? maskCredential(text) : text
  }
  let body = read.tooLarge ? '' : read.body.toString('utf8')
  const isForm = (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
  if (redact && isForm) body = maskForm(body)
  return {
    method: req.method ?? 'GET',
    rawPath: target.rawPath,
    query: target.query,
    segments: decodeEach(target.rawSegments),
    headers,
    body,
    bodyBytes: read.size,
    time: state.now()
  }
}
