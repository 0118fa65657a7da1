/**
 * The launch's field rules without zod (platform, bearer token, `{{variable}}` names and values),
 * beside limits.ts's ids and process names: a one-shot CLI start and the launcher check their
 * input with these, and launch-schemas.ts builds the app's zod schemas from the same values, so
 * both refuse the same input with the same words. Each check trims as the schemas do and gives
 * the first problem in the schema's order; no message quotes a token.
 */

/** The Flowx-Platform header value: a short word (web, mobile, android, ios…). */
export const PLATFORM_PATTERN = /^[A-Za-z0-9._-]{1,32}$/
export const PLATFORM_MESSAGE = 'The platform is one short word, e.g. web.'

export const TOKEN_MAX = 16384
export const TOKEN_REQUIRED = 'Paste a token or choose to keep the current one.'
export const TOKEN_TOO_LONG = 'That token is too long.'
/** A bearer token as pasted: printable ASCII. */
export const TOKEN_PATTERN = /^[\x21-\x7e]+$/
export const TOKEN_CHARACTERS = 'A token has no spaces or special characters.'

/** A `{{variable}}` name as a variables table or `--var` gives it. */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_$][A-Za-z0-9_.-]{0,63}$/
export const VARIABLE_NAME_MESSAGE =
  'A variable name is letters, digits, _ - . (a letter or _ first), at most 64 characters.'
export const VARIABLE_VALUE_MAX = 100_000
export const VARIABLE_VALUE_TOO_LONG = 'A variable value is at most 100,000 characters.'
export const VARIABLES_MAX = 500
export const VARIABLES_TOO_MANY = 'At most 500 variables.'

/** What a variables table says of a name that is not one (it quotes the name). */
export function variableNameInTable(name: string): string {
  return `“${name}” is not a variable name: use letters, digits, _ - . (a letter or _ first), at most 64 characters.`
}

/** A checked value (trimmed) or the reason it is refused. */
export type Checked = { ok: true; value: string } | { ok: false; message: string }

/** The platform, trimmed, or why it is refused. */
export function checkPlatformValue(value: string): Checked {
  const platform = value.trim()
  return PLATFORM_PATTERN.test(platform)
    ? { ok: true, value: platform }
    : { ok: false, message: PLATFORM_MESSAGE }
}

/** The bearer token, trimmed, or why it is refused (never quoting it). */
export function checkBearerToken(value: string): Checked {
  const token = value.trim()
  if (token.length < 1) return { ok: false, message: TOKEN_REQUIRED }
  if (token.length > TOKEN_MAX) return { ok: false, message: TOKEN_TOO_LONG }
  if (!TOKEN_PATTERN.test(token)) return { ok: false, message: TOKEN_CHARACTERS }
  return { ok: true, value: token }
}

/** Why one entry of a variables table is refused (its value first, as the table's schema). */
export function variableIssue(name: string, value: string): string | undefined {
  if (value.length > VARIABLE_VALUE_MAX) return VARIABLE_VALUE_TOO_LONG
  if (!VARIABLE_NAME_PATTERN.test(name)) return variableNameInTable(name)
  return undefined
}
