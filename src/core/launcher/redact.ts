/**
 * Last line of defence for error texts: servers may echo the Authorization header or the token in
 * their error bodies (security.md LOG-1), so every text we produce passes through here.
 */
import type { AppError } from '../../shared/errors'

const MASK = '••••'
/** Shorter values would mask ordinary words; a real bearer token is far longer. */
const MIN_SECRET_LENGTH = 8

/** Mask the given secret values, any `Bearer <credential>` and anything shaped like a JWT. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(MASK)
  }
  return out
    .replace(/\b(bearer)(\s+|%20|\+)(?!••••)[^\s"'<>,;]+/gi, `$1$2${MASK}`)
    .replace(/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, MASK)
}

/** The error with message, detail and hint redacted. */
export function redactError(error: AppError, secrets: readonly string[]): AppError {
  const out: AppError = { ...error, message: redactText(error.message, secrets) }
  if (error.detail !== undefined) out.detail = redactText(error.detail, secrets)
  if (error.hint !== undefined) out.hint = redactText(error.hint, secrets)
  return out
}
