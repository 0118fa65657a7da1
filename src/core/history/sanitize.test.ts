import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { ERROR_CODES } from '../../shared/errors'
import { MAX_DETAIL_CHARS, sanitizeError, sanitizeInstance } from './sanitize'

/**
 * The shapes the ledger kept before the sanitizers were written out by hand: the hand-written
 * ones must keep exactly the same of any input.
 */
const optionalText = z.string().optional().catch(undefined)
const ReferenceToken = z.object({
  id: z.string(),
  state: z.string().catch(''),
  statusCurrentNode: z.string().catch(''),
  parentTokenId: optionalText
})
const ReferenceInstance = z.object({
  uuid: optionalText,
  state: optionalText,
  processInstanceId: optionalText,
  processDefinitionName: optionalText,
  applicationId: optionalText,
  buildId: optionalText,
  buildStatusAtStart: optionalText,
  tokens: z
    .array(z.unknown())
    .catch([])
    .transform((items) =>
      items.flatMap((item) => {
        const token = ReferenceToken.safeParse(item)
        return token.success ? [withoutUndefined(token.data)] : []
      })
    )
})
const ReferenceError = z.object({
  code: z.enum(ERROR_CODES).catch('INTERNAL'),
  message: z.string(),
  hint: optionalText,
  httpStatus: z.number().int().optional().catch(undefined),
  detail: optionalText.transform((detail) =>
    detail !== undefined && detail.length > MAX_DETAIL_CHARS
      ? detail.slice(0, MAX_DETAIL_CHARS) + '\n… (truncated)'
      : detail
  )
})

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

function reference<T extends object>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value)
  return parsed.success ? withoutUndefined(parsed.data) : undefined
}

/** Values of every JSON type, and the fields' own names with values of any type. */
const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined)
)
const token = fc.oneof(
  fc.record(
    {
      id: anyValue,
      state: anyValue,
      statusCurrentNode: anyValue,
      parentTokenId: anyValue,
      extra: anyValue
    },
    { requiredKeys: [] }
  ),
  anyValue,
  fc.array(anyValue)
)
const instance = fc.oneof(
  fc.record(
    {
      uuid: anyValue,
      state: anyValue,
      processInstanceId: anyValue,
      processDefinitionName: anyValue,
      applicationId: anyValue,
      buildId: anyValue,
      buildStatusAtStart: anyValue,
      tokens: fc.oneof(fc.array(token), anyValue),
      secret: anyValue
    },
    { requiredKeys: [] }
  ),
  anyValue,
  fc.array(anyValue)
)
const error = fc.oneof(
  fc.record(
    {
      code: fc.oneof(fc.constantFrom(...ERROR_CODES), anyValue),
      message: anyValue,
      hint: anyValue,
      httpStatus: fc.oneof(fc.integer({ min: 100, max: 599 }), anyValue),
      detail: fc.oneof(anyValue, fc.string({ minLength: MAX_DETAIL_CHARS + 1 })),
      stack: anyValue,
      config: fc.record({ headers: fc.record({ authorization: fc.string() }) })
    },
    { requiredKeys: [] }
  ),
  anyValue
)

describe('what of an answer the ledger keeps', () => {
  it('keeps of any instance exactly what the former schema kept', () => {
    fc.assert(
      fc.property(instance, (value) => {
        expect(sanitizeInstance(value)).toStrictEqual(reference(ReferenceInstance, value))
      })
    )
  })

  it('keeps of any error exactly what the former schema kept', () => {
    fc.assert(
      fc.property(error, (value) => {
        expect(sanitizeError(value)).toStrictEqual(reference(ReferenceError, value))
      }),
      { numRuns: 200 }
    )
  })

  it('never keeps fields it does not know, such as a thrown error’s config and headers', () => {
    const kept = sanitizeError({
      code: 'NETWORK',
      message: 'Connection refused',
      stack: 'Error: at …',
      config: { headers: { Authorization: 'Bearer secret' } }
    })
    expect(kept).toStrictEqual({ code: 'NETWORK', message: 'Connection refused' })
  })

  it('drops unreadable tokens one by one and keeps the readable ones', () => {
    const kept = sanitizeInstance({
      uuid: 'u-1',
      tokens: [{ id: 't-1', state: 'ACTIVE' }, { state: 'no id' }, 'text', { id: 't-2', state: 3 }]
    })
    expect(kept).toStrictEqual({
      uuid: 'u-1',
      tokens: [
        { id: 't-1', state: 'ACTIVE', statusCurrentNode: '' },
        { id: 't-2', state: '', statusCurrentNode: '' }
      ]
    })
  })
})
