/**
 * Field rules and size limits as plain values and functions, without zod: the renderer's first
 * screen checks ids and process names with these, and schemas.ts builds its zod schemas from
 * the same values, so both sides refuse the same input with the same words.
 */

/** Largest payload we send: FlowX's ingress rejects bodies above 1 MB (flowx-api.md §a). */
export const MAX_PAYLOAD_BYTES = 1024 * 1024

/** Largest custom CA bundle a profile may hold. */
export const MAX_CA_PEM_BYTES = 256 * 1024

/** A FlowX id (workspace, app, build): a UUID or a plain token of safe characters. */
export const ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/
export const ID_MESSAGE = 'Use only letters, digits, dot, dash and underscore (at most 128).'

export const PROCESS_NAME_MAX = 200
export const PROCESS_NAME_REQUIRED = 'Enter the process name.'
export const PROCESS_NAME_TOO_LONG = 'A process name is at most 200 characters.'
// eslint-disable-next-line no-control-regex
export const PROCESS_NAME_PATTERN = /^[^\u0000-\u001f\u007f]+$/
export const PROCESS_NAME_CONTROL = 'The process name contains control characters.'

/** Why a FlowX id (trimmed) is refused, or undefined when it is fine. */
export function flowxIdIssue(value: string): string | undefined {
  return ID_PATTERN.test(value.trim()) ? undefined : ID_MESSAGE
}

/** Why a process name (trimmed) is refused, or undefined when it is fine. */
export function processNameIssue(value: string): string | undefined {
  const name = value.trim()
  if (name.length < 1) return PROCESS_NAME_REQUIRED
  if (name.length > PROCESS_NAME_MAX) return PROCESS_NAME_TOO_LONG
  if (!PROCESS_NAME_PATTERN.test(name)) return PROCESS_NAME_CONTROL
  return undefined
}
