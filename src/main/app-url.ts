/**
 * Where the renderer lives and how to recognise it. Navigation guards and the IPC sender check both
 * compare parsed URLs by protocol, host and path: `URL.origin` is the string "null" for custom
 * schemes, and prefix checks are fooled by `app://bundle.evil/` (security.md WIN-3).
 */

/** The privileged scheme that serves the built renderer (security.md WIN-5). */
export const APP_SCHEME = 'app'
/** The only host the scheme answers for. */
export const APP_HOST = 'bundle'
/** The document the window loads in a packaged or previewed build. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

// Both paths serve the same single document (there is no client-side path routing).
const ENTRY_PATHS = new Set(['/', '/index.html'])

/** The renderer's entry: `app://bundle/index.html`, or the electron-vite dev server in development. */
export interface AppEntry {
  /** What the window loads. */
  readonly url: string
  readonly protocol: string
  readonly host: string
}

/** The entry for this run; a dev server URL is used only when one is given (unpackaged runs). */
export function resolveAppEntry(devServerUrl?: string): AppEntry {
  const url = devServerUrl ? new URL(devServerUrl) : new URL(APP_ENTRY_URL)
  if (!['http:', 'https:', `${APP_SCHEME}:`].includes(url.protocol)) {
    throw new Error(`Unsupported renderer URL scheme: ${url.protocol}`)
  }
  return { url: url.href, protocol: url.protocol, host: url.host }
}

/** True only for the app's own entry document: same protocol, host and path, no userinfo. */
export function isAppEntryUrl(candidate: string, entry: AppEntry): boolean {
  const url = parseUrl(candidate)
  if (!url) return false
  return (
    url.protocol === entry.protocol &&
    url.host === entry.host &&
    url.username === '' &&
    url.password === '' &&
    ENTRY_PATHS.has(url.pathname)
  )
}

/** Parse without throwing. */
export function parseUrl(text: unknown): URL | null {
  if (typeof text !== 'string') return null
  try {
    return new URL(text)
  } catch {
    return null
  }
}
