/**
 * The renderer's Content-Security-Policy (security.md WIN-2). `src/renderer/index.html` carries the
 * same directives in a meta tag; the `app://` protocol also sends them as a header, which is the
 * only place `frame-ancestors` takes effect.
 */

/** Directives a meta tag can carry. Must equal the meta CSP in src/renderer/index.html. */
export const META_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'"
].join('; ')

/** The header sent with every `app://` response. */
export const CONTENT_SECURITY_POLICY = `${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`

/** Split a policy into a directive → sources map, for comparisons that ignore spacing and order. */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) directives.set(name.toLowerCase(), sources)
  }
  return directives
}
