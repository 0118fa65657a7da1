/** The zod-free launch rules refuse and accept exactly what the app's schemas do, in the same words. */
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'

import { checkBearerToken, checkPlatformValue, variableIssue, type Checked } from './launch-rules'
import { BearerTokenSchema, PlatformSchema, VariablesSchema } from './launch-schemas'

function bySchema(schema: z.ZodType<string>, value: string): Checked {
  const parsed = schema.safeParse(value)
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: parsed.error.issues[0]?.message ?? '' }
}

describe('launch rules without zod', () => {
  it('check a bearer token as BearerTokenSchema does', () => {
    const tokens = ['', '   ', 'abc.def-ghi', '  padded.token  ', 'two words', 'tab\there']
    tokens.push('x'.repeat(16384), 'x'.repeat(16385), `${'y '.repeat(9000)}`, 'é-not-ascii')
    for (const token of tokens) {
      expect(checkBearerToken(token), JSON.stringify(token.slice(0, 20))).toEqual(
        bySchema(BearerTokenSchema, token)
      )
    }
    expect(checkBearerToken('')).toEqual({
      ok: false,
      message: 'Paste a token or choose to keep the current one.'
    })
  })

  it('check a platform as PlatformSchema does', () => {
    for (const platform of [
      'web',
      ' web ',
      'android',
      'a.b_c-d',
      '',
      'two words',
      'x'.repeat(33)
    ]) {
      expect(checkPlatformValue(platform), platform).toEqual(bySchema(PlatformSchema, platform))
    }
    expect(checkPlatformValue('two words')).toEqual({
      ok: false,
      message: 'The platform is one short word, e.g. web.'
    })
  })

  it('check one variable as VariablesSchema does, its value first', () => {
    const cases: [string, string][] = [
      ['customerId', '42'],
      ['_private', ''],
      ['order.total', 'x'],
      ['1st', 'x'],
      ['has space', 'x'],
      ['a'.repeat(64), 'x'],
      ['a'.repeat(65), 'x'],
      ['ok', 'v'.repeat(100_000)],
      ['ok', 'v'.repeat(100_001)],
      ['bad name', 'v'.repeat(100_001)]
    ]
    for (const [name, value] of cases) {
      const parsed = VariablesSchema.safeParse({ [name]: value })
      expect(variableIssue(name, value), name.slice(0, 20)).toBe(
        parsed.success ? undefined : parsed.error.issues[0]?.message
      )
    }
  })
})
