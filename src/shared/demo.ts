/**
 * Demo mode's masking, pure: what a presenter's screen may show of hosts, base URLs, tokens and
 * ids. Host names, IP addresses and URL origins are hidden, tokens (JWTs, bearer values, token
 * fields) are hidden, uuids are cut to their first 8 characters. Masking only ever takes away: a
 * value hidden in the normal view stays hidden. Profile names and colours are left alone.
 */

export const HIDDEN_HOST = '‹host›'
export const HIDDEN_TOKEN = '‹token hidden›'

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi
const URL_ORIGIN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#"'<>]+/gi
const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g
/** `Bearer <value>` and `Basic <value>` in headers, cURL commands and messages. */
const AUTH_VALUE = /\b(Bearer|Basic)(\s+)(?!‹)[A-Za-z0-9\-._~+/]+=*/g
/** `"access_token": "…"`, `token=…`, `client_secret: …` and the like. */
const SECRET_FIELD =
  /(\b(?:access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|password|api[_-]?key|token|secret)\b["']?\s*[:=]\s*["']?)(?!‹)([^"'&\s,;}]+)/gi
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g
const IPV6 = /\[[0-9a-f:]+\](?::\d{1,5})?/gi
const LOCALHOST = /\blocalhost(?::\d{1,5})?\b/gi
/** A dotted name whose last label looks like a top-level domain (file extensions excepted). */
const DOMAIN = /\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})(?::\d{1,5})?\b/gi
const NOT_TLDS = new Set([
  'json',
  'md',
  'html',
  'htm',
  'csv',
  'txt',
  'pem',
  'crt',
  'png',
  'js',
  'ts',
  'vue',
  'ndjson',
  'pdf',
  'log',
  'db',
  'yml',
  'yaml',
  'xml',
  'zip',
  'gz'
])

/** Uuids cut to their first 8 characters (and an ellipsis); other text unchanged. */
export function shortenUuids(text: string): string {
  return text.replace(UUID, (u) => `${u.slice(0, 8)}…`)
}

/** Every token and host in a text hidden, uuids shortened; `secrets` are hidden wherever they are. */
export function maskText(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(HIDDEN_TOKEN)
  }
  out = out
    .replace(JWT, HIDDEN_TOKEN)
    .replace(AUTH_VALUE, (_m, scheme: string, space: string) => `${scheme}${space}${HIDDEN_TOKEN}`)
    .replace(SECRET_FIELD, (_m, key: string) => `${key}${HIDDEN_TOKEN}`)
    .replace(URL_ORIGIN, HIDDEN_HOST)
    .replace(IPV6, HIDDEN_HOST)
    .replace(IPV4, HIDDEN_HOST)
    .replace(LOCALHOST, HIDDEN_HOST)
    .replace(DOMAIN, (m, tld: string) => (NOT_TLDS.has(tld.toLowerCase()) ? m : HIDDEN_HOST))
  return shortenUuids(out)
}

/** The demo-mode masks by kind of value, as the screens use them. */
export const maskForDemo = {
  /** Free text (messages, payloads, claims, cURL): hosts, tokens and uuids masked. */
  text: (value: string): string => maskText(value),
  /** A URL: its origin hidden, its path kept with uuids shortened and tokens hidden. */
  url: (value: string): string => maskText(value),
  /** A host name or base URL shown alone: hidden entirely. */
  host: (value: string): string => (value === '' ? '' : HIDDEN_HOST),
  /** An id: cut to 8 characters when it is a uuid. */
  uuid: (value: string): string => shortenUuids(value),
  /** A token or secret value: never shown. */
  token: (value: string): string => (value === '' ? '' : HIDDEN_TOKEN)
} as const

export type DemoMaskKind = keyof typeof maskForDemo
