/**
 * What of a launch's answer reaches the disk: the known fields of an instance and of an error,
 * nothing else the caller held (no stack, config or headers from a thrown error). Written out by
 * hand rather than as schemas: it runs once per completion, and the one-shot CLI start loads no
 * schema library for it.
 */
import type { ProcessInstance, ProcessToken } from '../../shared/domain'
import { ERROR_CODES, type AppError, type ErrorCode } from '../../shared/errors'

/** Longest error detail kept (a stripped HTML error page can be large; security.md STO-6). */
export const MAX_DETAIL_CHARS = 64 * 1024
const TRUNCATED = '\n… (truncated)'

const INSTANCE_TEXT_FIELDS = [
  'uuid',
  'state',
  'processInstanceId',
  'processDefinitionName',
  'applicationId',
  'buildId',
  'buildStatusAtStart'
] as const

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES)

type Fields = Record<string, unknown>

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** A token with an id; an unreadable state reads as empty, anything else is dropped. */
function sanitizeToken(value: unknown): ProcessToken | undefined {
  if (!isObject(value) || typeof value.id !== 'string') return undefined
  const token: ProcessToken = {
    id: value.id,
    state: text(value.state) ?? '',
    statusCurrentNode: text(value.statusCurrentNode) ?? ''
  }
  const parent = text(value.parentTokenId)
  if (parent !== undefined) token.parentTokenId = parent
  return token
}

/**
 * Keep only the known fields of an instance: a field of the wrong type is left out, unreadable
 * tokens are dropped one by one, and a missing token list reads as empty.
 */
export function sanitizeInstance(value: unknown): ProcessInstance | undefined {
  if (!isObject(value)) return undefined
  const instance: Partial<ProcessInstance> = {}
  for (const field of INSTANCE_TEXT_FIELDS) {
    const kept = text(value[field])
    if (kept !== undefined) instance[field] = kept
  }
  const tokens: ProcessToken[] = []
  if (Array.isArray(value.tokens)) {
    for (const item of value.tokens as unknown[]) {
      const token = sanitizeToken(item)
      if (token) tokens.push(token)
    }
  }
  instance.tokens = tokens
  return instance as ProcessInstance
}

/**
 * Keep only the fields of an AppError: an error without a message is not kept, an unknown code
 * reads as INTERNAL, and a long detail is cut.
 */
export function sanitizeError(value: unknown): AppError | undefined {
  if (!isObject(value) || typeof value.message !== 'string') return undefined
  const code =
    typeof value.code === 'string' && KNOWN_CODES.has(value.code) ? value.code : 'INTERNAL'
  const error: AppError = { code: code as ErrorCode, message: value.message }
  const hint = text(value.hint)
  if (hint !== undefined) error.hint = hint
  if (typeof value.httpStatus === 'number' && Number.isSafeInteger(value.httpStatus)) {
    error.httpStatus = value.httpStatus
  }
  const detail = text(value.detail)
  if (detail !== undefined) {
    error.detail =
      detail.length > MAX_DETAIL_CHARS ? detail.slice(0, MAX_DETAIL_CHARS) + TRUNCATED : detail
  }
  return error
}
