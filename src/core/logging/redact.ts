/**
 * The one redactor every log line passes through (security.md LOG-1). It masks by value (every
 * secret and token main currently holds), by pattern (bearer credentials, JWTs, `key=value` pairs
 * with secret-like names) and by key at any depth. It never mutates its input and never throws.
 */
import type { Logger } from '../ports'

/** What a masked value becomes. */
export const MASK = '••••'

/** Shorter values would mask ordinary words; the vault never holds secrets this short. */
const MIN_SECRET_LENGTH = 6
const MAX_DEPTH = 24
const MAX_NODES = 5_000
const MAX_PASSES = 6

// Keys compared lower-cased with `-` and `_` removed, so `Client-Secret` and `client_secret` match.
const SENSITIVE_KEYS = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'password',
  'passwd',
  'secret',
  'clientsecret',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'apikey',
  'xapikey',
  'privatekey',
  'credentials'
])
const SENSITIVE_SUFFIXES = ['token', 'secret', 'password', 'apikey']

const BEARER = /\b(Bearer|Basic)(\s+)[^\s"',;]+/gi
// A JWT's header is base64url JSON, so it always starts with `eyJ` ("{"").
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g
const KEY_VALUE =
  /(\b(?:client[_-]?secret|access[_-]?token|refresh[_-]?token|id[_-]?token|password|api[_-]?key|token)\b["']?\s*[:=]\s*["']?)([^"'&\s,;}]+)/gi

/** True when a field with this name holds a credential. */
export function isSensitiveKey(key: string): boolean {
  const normal = key.toLowerCase().replace(/[-_]/g, '')
  return SENSITIVE_KEYS.has(normal) || SENSITIVE_SUFFIXES.some((suffix) => normal.endsWith(suffix))
}

/** Masks secrets in text and in nested values. */
export class Redactor {
  // Counted, so clearing one profile's token keeps masking it while another profile holds it too.
  private readonly secrets = new Map<string, number>()
  private sorted: string[] = []

  /** Start masking a value (and its URL-encoded form) wherever it appears. */
  add(secret: string): void {
    for (const form of forms(secret)) this.secrets.set(form, (this.secrets.get(form) ?? 0) + 1)
    this.resort()
  }

  /** Stop masking a value once nothing holds it any more. */
  delete(secret: string): void {
    for (const form of forms(secret)) {
      const count = this.secrets.get(form) ?? 0
      if (count <= 1) this.secrets.delete(form)
      else this.secrets.set(form, count - 1)
    }
    this.resort()
  }

  /** Mask every registered secret and credential-looking pattern in a string. */
  redactText(text: string): string {
    if (typeof text !== 'string') return text
    let out = text
    for (let pass = 0; pass < MAX_PASSES; pass += 1) {
      out = out
        .replace(BEARER, (_m, scheme: string, space: string) => `${scheme}${space}${MASK}`)
        .replace(JWT, MASK)
        .replace(KEY_VALUE, (_m, prefix: string) => `${prefix}${MASK}`)
      for (const secret of this.sorted) out = out.split(secret).join(MASK)
      // Masking can join the text around a secret into another secret: repeat until none is left.
      if (!this.containsSecret(out)) return out
    }
    return MASK
  }

  /** A deep copy of `value` with secrets masked by value, pattern and key. Cycles become `[Circular]`. */
  redact<T>(value: T): T {
    const walker = { seen: new WeakSet<object>(), nodes: 0 }
    try {
      return this.walk(value, 0, walker) as T
    } catch {
      return MASK as T
    }
  }

  private walk(
    value: unknown,
    depth: number,
    w: { seen: WeakSet<object>; nodes: number }
  ): unknown {
    if (typeof value === 'string') return this.redactText(value)
    if (typeof value === 'symbol') return this.redactText(value.toString())
    if (typeof value === 'function') return '[function]'
    if (value === null || typeof value !== 'object') return value
    if (w.seen.has(value)) return '[Circular]'
    w.nodes += 1
    if (depth >= MAX_DEPTH || w.nodes > MAX_NODES) return '[…]'
    w.seen.add(value)
    try {
      return this.walkObject(value, depth, w)
    } finally {
      // Only ancestors count as cycles: the same object twice side by side is redacted twice.
      w.seen.delete(value)
    }
  }

  private walkObject(
    value: object,
    depth: number,
    w: { seen: WeakSet<object>; nodes: number }
  ): unknown {
    const next = (child: unknown): unknown => this.walk(child, depth + 1, w)
    if (Array.isArray(value)) return value.map(next)
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
      return `[binary ${value.byteLength} bytes]`
    }
    if (value instanceof Date) return new Date(value.getTime())
    if (value instanceof Error) return this.walkError(value, next)
    if (value instanceof Map) {
      return new Map([...value].map(([k, v]) => [next(k), this.byKey(k, v, next)]))
    }
    if (value instanceof Set) return new Set([...value].map(next))
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key]
      // defineProperty: a `__proto__` key stays a plain key and never becomes a prototype.
      Object.defineProperty(out, this.uniqueKey(out, this.redactText(key)), {
        value: this.byKey(key, child, next),
        enumerable: true,
        writable: true,
        configurable: true
      })
    }
    return out
  }

  private walkError(error: Error, next: (child: unknown) => unknown): Record<string, unknown> {
    // Whitelisted fields only: axios errors carry request configs (headers) and sockets.
    const fields = error as Error & { code?: unknown; status?: unknown }
    const out: Record<string, unknown> = {
      name: this.redactText(String(error.name)),
      message: this.redactText(String(error.message))
    }
    if (fields.code !== undefined) out.code = next(fields.code)
    if (fields.status !== undefined) out.status = next(fields.status)
    if (error.stack) out.stack = this.redactText(error.stack)
    if (error.cause !== undefined) out.cause = next(error.cause)
    return out
  }

  private byKey(key: unknown, child: unknown, next: (child: unknown) => unknown): unknown {
    if (typeof key === 'string' && isSensitiveKey(key) && isMaskable(child)) return MASK
    return next(child)
  }

  private uniqueKey(target: Record<string, unknown>, key: string): string {
    let unique = key
    for (let n = 2; Object.prototype.hasOwnProperty.call(target, unique); n += 1) {
      unique = `${key}#${n}`
    }
    return unique
  }

  private containsSecret(text: string): boolean {
    return this.sorted.some((secret) => text.includes(secret))
  }

  private resort(): void {
    // Longest first, so a secret that contains another is masked whole.
    this.sorted = [...this.secrets.keys()].sort((a, b) => b.length - a.length)
  }
}

/** A boolean or empty value under a sensitive key says nothing secret (e.g. `hasToken: true`). */
function isMaskable(value: unknown): boolean {
  return value !== null && value !== undefined && typeof value !== 'boolean'
}

function forms(secret: string): string[] {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) return []
  let encoded = secret
  try {
    encoded = encodeURIComponent(secret)
  } catch {
    // A lone surrogate cannot be URL-encoded, so it cannot appear encoded either.
  }
  return encoded === secret ? [secret] : [secret, encoded]
}

/** A log-safe summary of anything thrown; still pass it through a redactor before writing. */
export function serializeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const { code } = error as Error & { code?: unknown }
    return {
      name: error.name,
      message: error.message,
      ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
      ...(error.stack ? { stack: error.stack } : {})
    }
  }
  return { name: 'NonError', message: typeof error === 'string' ? error : typeof error }
}

/** The levels the app logs at. */
export type LogLevel = 'info' | 'warn' | 'error'
/** Where redacted lines go (electron-log's file transport in the app). */
export type LogSink = (level: LogLevel, message: string, meta?: Record<string, unknown>) => void

/** A Logger whose every message and meta object is redacted before it reaches the sink. */
export function createRedactingLogger(sink: LogSink, redactor: Redactor): Logger {
  const write =
    (level: LogLevel) =>
    (message: string, meta?: Record<string, unknown>): void => {
      try {
        sink(level, redactor.redactText(String(message)), meta && redactor.redact(meta))
      } catch {
        // Logging must never take the app down.
      }
    }
  return { info: write('info'), warn: write('warn'), error: write('error') }
}
