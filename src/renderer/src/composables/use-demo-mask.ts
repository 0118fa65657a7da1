/**
 * The one place demo mode masks what the screen shows. Every component that shows a host, a URL,
 * a token or a uuid renders it through these functions; when demo mode is off they return the
 * value unchanged. Masking never reveals more than the normal view: it only takes away.
 */
import { storeToRefs } from 'pinia'
import type { Ref } from 'vue'

import { useDemoStore } from '../stores/demo'

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi
const URL_ORIGIN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#"'<>]+/gi
const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g
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

export const HIDDEN_HOST = '‹host›'
export const HIDDEN_TOKEN = '‹token hidden›'

/** A uuid cut to its first 8 characters; other ids unchanged. */
export function shortenUuids(text: string): string {
  return text.replace(UUID, (u) => `${u.slice(0, 8)}…`)
}

/** Every host name, IP address and URL origin in a text replaced; uuids shortened; JWTs hidden. */
export function maskText(text: string): string {
  return shortenUuids(
    text
      .replace(JWT, HIDDEN_TOKEN)
      .replace(URL_ORIGIN, HIDDEN_HOST)
      .replace(IPV6, HIDDEN_HOST)
      .replace(IPV4, HIDDEN_HOST)
      .replace(LOCALHOST, HIDDEN_HOST)
      .replace(DOMAIN, (m, tld: string) => (NOT_TLDS.has(tld.toLowerCase()) ? m : HIDDEN_HOST))
  )
}

export interface DemoMask {
  /** Demo mode is on. */
  on: Ref<boolean>
  /** Free text (messages, payloads, claims): hosts, URLs, tokens and uuids masked. */
  text(value: string | undefined): string
  /** A URL: its origin hidden, its path kept with uuids shortened. */
  url(value: string | undefined): string
  /** A host name or base URL alone: hidden entirely. */
  host(value: string | undefined): string
  /** A uuid or other id: cut to 8 characters when it is a uuid. */
  uuid(value: string | undefined): string
  /** A token or secret value: never shown in demo mode. */
  token(value: string | undefined): string
}

/** Masking functions that follow demo mode; use them in templates for every sensitive value. */
export function useDemoMask(): DemoMask {
  const { enabled: on } = storeToRefs(useDemoStore())
  const when =
    (mask: (v: string) => string) =>
    (value: string | undefined): string => {
      const v = value ?? ''
      return on.value && v ? mask(v) : v
    }
  return {
    on,
    text: when(maskText),
    url: when(maskText),
    host: when(() => HIDDEN_HOST),
    uuid: when(shortenUuids),
    token: when(() => HIDDEN_TOKEN)
  }
}
