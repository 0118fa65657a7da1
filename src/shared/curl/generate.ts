/**
 * A cURL command for a start call, runnable in bash. Every argument is single-quoted, which keeps
 * quotes, newlines, `$`, backticks and non-ASCII exactly (a `'` inside becomes `'\''`). Pure.
 *
 * The Authorization header depends on the mode: 'placeholders' writes `Bearer $FLOWX_TOKEN` in
 * double quotes so bash fills it in; 'redacted' writes `Bearer ••••`; 'resolved' the real token.
 */
import type { CurlMode } from '../workbench'

export const REDACTED_BEARER = '••••'

/** One bash word that stands for `text` exactly. */
export function shellQuote(text: string): string {
  if (text.includes('\u0000')) throw new Error('A shell argument cannot hold a NUL character.')
  return `'${text.replace(/'/g, `'\\''`)}'`
}

export interface CurlParts {
  url: string
  platform: string
  payload: string
  mode: CurlMode
  /** Whether the profile sends a token at all. */
  authenticated: boolean
  /** The token itself, only for 'resolved'. */
  token?: string
}

/** The command, one option per line with bash line continuations. */
export function curlCommand(parts: CurlParts): string {
  const lines = [
    `curl -X POST ${shellQuote(parts.url)}`,
    `-H ${shellQuote('Content-Type: application/json')}`,
    `-H ${shellQuote('Accept: application/json')}`,
    `-H ${shellQuote(`Flowx-Platform: ${parts.platform}`)}`
  ]
  if (parts.authenticated) {
    if (parts.mode === 'placeholders') lines.push('-H "Authorization: Bearer $FLOWX_TOKEN"')
    else if (parts.mode === 'redacted' || parts.token === undefined) {
      lines.push(`-H ${shellQuote(`Authorization: Bearer ${REDACTED_BEARER}`)}`)
    } else lines.push(`-H ${shellQuote(`Authorization: Bearer ${parts.token}`)}`)
  }
  lines.push(`--data-raw ${shellQuote(parts.payload)}`)
  return lines.join(' \\\n  ')
}
