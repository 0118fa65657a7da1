/**
 * The identity provider's issuer URL as a profile holds it: `https://kc.example.com/realms/flowx`
 * (Keycloak 17+), `https://x/auth/realms/flowx` (older), or any prefix before `/realms/<realm>`.
 */

/** The outcome of reading an issuer URL the user typed or pasted. */
export type IssuerResult =
  { ok: true; issuer: string; realm: string } | { ok: false; message: string }

const EXAMPLE = 'https://kc.example.com/realms/flowx'
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/** True for the host names that may be reached over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname.toLowerCase())
}

function hasControlOrSlash(text: string): boolean {
  return [...text].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 0x20)
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

/**
 * Check and normalise an issuer URL. Forgiving about what users paste: a token endpoint
 * (`…/protocol/openid-connect/token`), the well-known URL or an account URL is trimmed back to the
 * realm, and trailing slashes go.
 */
export function normalizeIssuer(text: string): IssuerResult {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, message: `Enter the issuer URL, like ${EXAMPLE}` }
  if (!URL.canParse(trimmed)) {
    return { ok: false, message: `The issuer is not a valid URL; it should look like ${EXAMPLE}` }
  }
  const url = new URL(trimmed)
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: 'The issuer must be an https URL.' }
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      message: 'The issuer must be https; plain http is allowed only for localhost.'
    }
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'The issuer URL must not contain a user name or password.' }
  }
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(trimmed)) {
    return {
      ok: false,
      message: 'The issuer URL must not have a query (?…) or fragment (#…).'
    }
  }
  const segments = url.pathname.split('/').filter((s) => s !== '')
  const at = segments.indexOf('realms')
  const rawRealm = at >= 0 ? segments[at + 1] : undefined
  if (rawRealm === undefined) {
    return { ok: false, message: `The issuer URL must name a realm, like ${EXAMPLE}` }
  }
  const realm = decodeSegment(rawRealm)
  if (realm === undefined || realm.trim() === '' || hasControlOrSlash(realm)) {
    return { ok: false, message: `The realm name in the issuer URL is not valid, like ${EXAMPLE}` }
  }
  // Anything after the realm (token endpoint, .well-known, account console) is trimmed away.
  const path = segments.slice(0, at + 2).join('/')
  return { ok: true, issuer: `${url.origin}/${path}`, realm }
}

/** Keycloak's token endpoint for an issuer returned by normalizeIssuer. */
export function defaultTokenEndpoint(issuer: string): string {
  return `${issuer}/protocol/openid-connect/token`
}
