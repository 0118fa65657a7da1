/**
 * Turning an error response into the server's own words, in the order of flowx-api.md §c:
 * problem+json, Spring's default body, OAuth errors, HTML or text, then the status line and
 * WWW-Authenticate for empty bodies.
 */
import { STATUS_CODES } from 'node:http'

/** Longest `detail` kept for the details view. */
export const MAX_DETAIL_LENGTH = 2000
const MAX_MESSAGE_LENGTH = 300

/** What the server said about a failed call. */
export interface ProblemInput {
  status: number
  /** The reason phrase; many servers (Tomcat, Undertow) send none. */
  statusText?: string
  contentType?: string
  wwwAuthenticate?: string
  body: string
}

/** One sentence to show and, where there is more, a longer text for a details view. */
export interface Problem {
  message: string
  detail?: string
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function clean(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const text = value.replace(/\s+/g, ' ').trim()
  return text === '' ? undefined : text
}

/** The status line as text, e.g. "404 Not Found". */
export function statusLine(status: number, statusText?: string): string {
  const reason = clean(statusText) ?? STATUS_CODES[status]
  return reason ? `${status} ${reason}` : `HTTP ${status}`
}

/** error_description (or error) from a `WWW-Authenticate: Bearer …` challenge (RFC 6750). */
export function parseAuthChallenge(header: string | undefined): string | undefined {
  if (!header) return undefined
  const params = new Map<string, string>()
  for (const match of header.matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params.set(match[1].toLowerCase(), (match[2] ?? match[3]).replace(/\\(.)/g, '$1'))
  }
  return clean(params.get('error_description')) ?? clean(params.get('error'))
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…'
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole
    const code =
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

/** The visible text of an HTML page, one block per line, without empty lines. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(br|hr)\b[^>]*>|<\/(p|div|h[1-6]|title|li|tr|center|pre|body|table)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n')
}

/** An error key such as "error.validation.process_instance.x" rather than a sentence. */
function isErrorKey(text: string): boolean {
  return /^error\.[\w.-]+$/.test(text)
}

function fromJson(body: Record<string, unknown>, reason: string): Problem | undefined {
  const title = clean(body.title)
  const detail = clean(body.detail)
  const defaultMessage = clean(body.defaultMessage)
  let message = clean(body.message)
  let errorKey = clean(body.errorKey)
  if (message && isErrorKey(message)) {
    errorKey ??= message
    message = undefined
  }
  const error = clean(body.error)
  const description = clean(body.error_description)

  let main: string | undefined
  let extra: (string | undefined)[] = []
  if (title || detail || defaultMessage || errorKey) {
    // Problem details (FlowX 5.9 or JHipster). A title that only repeats the status adds nothing.
    const genericTitle = !title || title.toLowerCase() === reason.toLowerCase()
    main = genericTitle ? (detail ?? defaultMessage ?? message ?? title) : withDetail(title, detail)
    extra = [detail, defaultMessage, message, errorKey && `Error key: ${errorKey}`]
  } else if (error && (message || 'path' in body || 'timestamp' in body)) {
    // Spring Boot's default {timestamp, status, error, message, path}.
    main = message && message !== 'No message available' ? message : error
    extra = [error]
  } else if (description || error) {
    // OAuth 2 {error, error_description}.
    main = description ?? error
    extra = [error && `OAuth error: ${error}`]
  } else if (message) {
    main = message
  }
  if (!main) return undefined
  const shown = main
  const details = [...new Set(extra.filter((t): t is string => !!t && !shown.includes(t)))]
  return { message: main, ...(details.length ? { detail: details.join('\n') } : {}) }
}

/** "Entity not found." alone says little: a short, one-line detail belongs in the message. */
function withDetail(title: string | undefined, detail: string | undefined): string | undefined {
  if (!title || !detail || detail === title || detail.length > 300 || detail.includes('\n')) {
    return title
  }
  return `${/[.!?]$/.test(title) ? title : `${title}.`} ${detail}`
}

function fromText(body: string, contentType: string): Problem | undefined {
  const html = /html/i.test(contentType) || /^\s*</.test(body)
  const text = html ? htmlToText(body) : body.trim()
  const lines = text.split(/\r?\n/).map((line) => line.trim())
  const first = lines.find((line) => /[\p{L}\p{N}]/u.test(line))
  if (!first) return undefined
  // Tomcat's error report (Spring's firewall rejections among them) titles the page with the
  // status and gives the reason on a "Message …" line.
  const reason = /^HTTP Status \d{3}\b/.test(first)
    ? lines.find((line) => /^Message \S/.test(line))?.slice('Message '.length)
    : undefined
  const detail = html || text.length > first.length ? truncate(text, MAX_DETAIL_LENGTH) : undefined
  return { message: reason ?? first, ...(detail ? { detail } : {}) }
}

function parseJsonObject(body: string): Record<string, unknown> | undefined {
  if (!/^\s*\{/.test(body)) return undefined
  try {
    const value: unknown = JSON.parse(body)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** The server's own message for an error response, with a longer detail when there is one. */
export function describeProblem(input: ProblemInput): Problem {
  const line = statusLine(input.status, input.statusText)
  const reason = line.replace(/^\d+ /, '')
  const json = parseJsonObject(input.body)
  const fromBody = json ? fromJson(json, reason) : fromText(input.body, input.contentType ?? '')
  const challenge = parseAuthChallenge(input.wwwAuthenticate)

  let problem: Problem
  if (challenge && (input.status === 401 || !fromBody)) {
    // Spring's resource server puts the precise reason ("Jwt expired at …") only in the header.
    const bodyText = fromBody && [fromBody.message, fromBody.detail].filter(Boolean).join('\n')
    problem = { message: challenge, ...(bodyText ? { detail: bodyText } : {}) }
  } else {
    problem = fromBody ?? { message: line }
  }
  return {
    message: truncate(problem.message, MAX_MESSAGE_LENGTH),
    ...(problem.detail ? { detail: truncate(problem.detail, MAX_DETAIL_LENGTH) } : {})
  }
}
