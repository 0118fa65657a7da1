import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { BUILTIN_NAMES, type BuiltinSource } from './builtins'
import { resolveLaunch } from './launch'
import {
  TemplateError,
  TemplateResolver,
  asJsonLiteral,
  promptLabels,
  type TemplateScope
} from './resolve'

const fixed: BuiltinSource = {
  random: () => 0.5,
  now: () => new Date('2026-03-04T05:06:07.890Z'),
  uuid: () => '11111111-2222-4333-8444-555555555555'
}

function resolveJson(text: string, scope: TemplateScope = {}): string {
  return new TemplateResolver({ builtins: fixed, ...scope }).resolve(text, { json: true })
}

const noPlaceholder = (text: string): boolean => !text.includes('{{')

function failure(run: () => unknown): TemplateError {
  try {
    run()
  } catch (error) {
    if (error instanceof TemplateError) return error
    throw error
  }
  throw new Error('expected a TemplateError')
}

describe('resolution order', () => {
  const scope: TemplateScope = {
    overrides: { a: 'override' },
    batchRow: { a: 'row', b: 'row' },
    savedDefaults: { a: 'saved', b: 'saved', c: 'saved' },
    profileVariables: {
      a: 'profile',
      b: 'profile',
      c: 'profile',
      d: 'profile',
      appId: 'from-vars'
    },
    profileDefaults: { workspaceId: 'ws-default', appId: 'app-default', buildId: '' }
  }

  it('takes overrides, then the batch row, saved defaults, profile variables, default ids', () => {
    const resolver = new TemplateResolver(scope)
    const text = resolver.resolve('{{a}} {{b}} {{c}} {{d}} {{workspaceId}} {{appId}}', {
      json: false
    })
    expect(text).toBe('override row saved profile ws-default from-vars')
    expect(resolver.variables.map((v) => [v.name, v.source])).toEqual([
      ['a', 'override'],
      ['b', 'batch'],
      ['c', 'saved'],
      ['d', 'profile'],
      ['workspaceId', 'profile-default'],
      ['appId', 'profile']
    ])
  })

  it('does not offer an empty default id: {{buildId}} stays unresolved', () => {
    const error = failure(() => new TemplateResolver(scope).resolve('{{buildId}}', { json: false }))
    expect(error.kind).toBe('unresolved')
    expect(error.variable).toBe('buildId')
  })

  it('lets a layer replace a built-in (an override of $uuid replays a value)', () => {
    expect(resolveJson('"{{$uuid}}"', { overrides: { $uuid: 'fixed' } })).toBe('"fixed"')
  })
})

describe('JSON quoting', () => {
  const vars = {
    profileVariables: {
      name: 'O"Brien \\ $x `y`\nz ț',
      n: '42',
      big: '9007199254740993',
      obj: '{"k": [1, 2]}',
      word: 'alice',
      t: 'true'
    }
  }

  it('escapes a value inside a string, whole or part of it', () => {
    const out = resolveJson('{"a": "{{name}}", "b": "Dear {{name}}!"}', vars)
    expect(JSON.parse(out)).toEqual({
      a: 'O"Brien \\ $x `y`\nz ț',
      b: 'Dear O"Brien \\ $x `y`\nz ț!'
    })
  })

  it('inserts a bare value as a JSON literal, keeping big integers exactly', () => {
    const out = resolveJson('{"n": {{n}}, "big": {{big}}, "obj": {{obj}}, "t": {{t}}}', vars)
    expect(out).toBe('{"n": 42, "big": 9007199254740993, "obj": {"k": [1, 2]}, "t": true}')
  })

  it('inserts a bare value that is not JSON as a string', () => {
    expect(resolveJson('{"w": {{word}}}', vars)).toBe('{"w": "alice"}')
    expect(asJsonLiteral('007')).toBe('"007"')
    expect(asJsonLiteral('{not json')).toBe('"{not json"')
    expect(asJsonLiteral('"quoted"')).toBe('"quoted"')
    expect(asJsonLiteral(' -1.5e3 ')).toBe('-1.5e3')
  })

  it('inserts plain text unquoted outside JSON (ids, process names)', () => {
    const r = new TemplateResolver({ profileVariables: { p: 'a "b"' } })
    expect(r.resolve('x-{{p}}', { json: false })).toBe('x-a "b"')
  })

  it('never turns valid templated JSON into invalid JSON', () => {
    const value = fc
      .oneof(
        fc.string(),
        fc.string({ unit: 'binary' }),
        fc.constantFrom('1', '-0.5', 'null', '{"a":1}', '[', '"', '\\', '}}', ' 12 ', '\u2028')
      )
      .filter(noPlaceholder)
    const leaf = fc.oneof(
      fc.constant({ kind: 'bare' as const }),
      fc.constant({ kind: 'string' as const }),
      fc
        .string()
        .filter(noPlaceholder)
        .map((prefix) => ({ kind: 'mixed' as const, prefix })),
      fc
        .jsonValue()
        .filter((json) => noPlaceholder(JSON.stringify(json)))
        .map((json) => ({ kind: 'plain' as const, json }))
    )
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string().filter(noPlaceholder), leaf), { maxLength: 12 }),
        fc.array(value, { minLength: 12, maxLength: 12 }),
        (entries, values) => {
          const variables = Object.fromEntries(values.map((v, i) => [`v${i}`, v]))
          const members = entries.map(([key, l], i) => {
            const k = JSON.stringify(key)
            if (l.kind === 'bare') return `${k}: {{v${i}}}`
            if (l.kind === 'string') return `${k}: "{{v${i}}}"`
            if (l.kind === 'mixed')
              return `${k}: ${JSON.stringify(l.prefix).slice(0, -1)}{{ v${i} }}"`
            return `${k}: ${JSON.stringify(l.json)}`
          })
          members.push('"nested": [{"deep": {"x": "{{v0}}", "y": [{{v1}}]}}]')
          const template = `{${members.join(',\n')}}`
          const resolved = resolveJson(template, { profileVariables: variables })
          expect(() => JSON.parse(resolved)).not.toThrow()
        }
      ),
      { numRuns: 300 }
    )
  })

  it('a string placeholder always reads back as the exact value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (v) => {
        expect(JSON.parse(resolveJson('{"a": "{{v}}"}', { overrides: { v } })).a).toBe(v)
      })
    )
  })
})

describe('nesting', () => {
  it('resolves variables whose values refer to other variables', () => {
    const r = new TemplateResolver({
      builtins: fixed,
      overrides: { ref: 'cust-{{id}}' },
      profileVariables: { id: '{{prefix}}-{{$randomInt}}', prefix: 'ro' }
    })
    expect(r.resolve('{"c": "{{ref}}"}', { json: true })).toBe('{"c": "cust-ro-500"}')
    expect(r.values()).toEqual({
      ref: 'cust-ro-500',
      id: 'ro-500',
      prefix: 'ro',
      $randomInt: '500'
    })
  })

  it('refuses a variable that refers to itself, naming the chain', () => {
    const error = failure(() =>
      new TemplateResolver({ overrides: { a: 'x{{b}}', b: '{{a}}' } }).resolve('{{a}}', {
        json: false
      })
    )
    expect(error.kind).toBe('cycle')
    expect(error.message).toBe('The variable {{a}} refers to itself ({{a}} → {{b}} → {{a}}).')
  })

  it('resolves placeholders at any depth of the JSON', () => {
    const out = resolveJson('{"a": [[{"b": {"c": [{{n}}, "{{n}}"]}}]]}', { overrides: { n: '7' } })
    expect(JSON.parse(out)).toEqual({ a: [[{ b: { c: [7, '7'] } }]] })
  })
})

describe('errors', () => {
  it('names an unresolved variable and where it is', () => {
    const error = failure(() => resolveJson('{\n  "id": "{{customerId}}"\n}'))
    expect(error.kind).toBe('unresolved')
    expect(error.variable).toBe('customerId')
    expect(error.message).toBe(
      "The variable {{customerId}} in the payload at line 2, column 10 has no value: give it one for this launch, in the saved launch's defaults or in the profile's variables."
    )
  })

  it('suggests a built-in for a mistyped one', () => {
    const error = failure(() => resolveJson('"{{$UUID}}"'))
    expect(error.kind).toBe('unknown-builtin')
    expect(error.message).toBe(
      '{{$UUID}} in the payload at line 1, column 2 is not a built-in; did you mean {{$uuid}}?'
    )
  })

  it('reports an unterminated placeholder with its offset', () => {
    const error = failure(() => resolveJson('{"a": "{{x"}'))
    expect(error.kind).toBe('syntax')
    expect(error.offset).toBe(7)
    expect(error.message).toBe(
      'In the payload at line 1, column 8: the placeholder opened at line 1, column 8 is never closed with }}.'
    )
  })

  it('asks for every unanswered prompt at once', () => {
    const error = failure(() =>
      resolveJson('{"a": "{{?Customer id}}", "b": "{{?Reason}}"}', { prompts: { Reason: 'x' } })
    )
    expect(error.kind).toBe('prompt')
    expect(error.prompts).toEqual(['Customer id'])
    expect(resolveJson('{"a": "{{?Customer id}}"}', { prompts: { 'Customer id': 'C-9' } })).toBe(
      '{"a": "C-9"}'
    )
  })

  it('lists prompt labels across fields', () => {
    expect(
      promptLabels([
        { text: '{{?A}}', json: false },
        { text: '"{{?B}} {{?A}}"', json: true }
      ])
    ).toEqual(['A', 'B'])
  })
})

describe('built-ins', () => {
  const shapes: Record<string, RegExp> = {
    $guid: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    $uuid: /^[0-9a-f-]{36}$/,
    $randomUUID: /^[0-9a-f-]{36}$/,
    $timestamp: /^\d{10}$/,
    $isoTimestamp: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
    $randomInt: /^\d{1,4}$/,
    $randomBoolean: /^(true|false)$/,
    $randomAlphaNumeric: /^[a-z0-9]$/,
    $randomHexColor: /^#[0-9a-f]{6}$/,
    $randomAbbreviation: /^[A-Z]{3}$/,
    $randomIP: /^\d{1,3}(\.\d{1,3}){3}$/,
    $randomIPV6: /^[0-9a-f]{4}(:[0-9a-f]{4}){7}$/,
    $randomMACAddress: /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/,
    $randomPassword: /^[A-Za-z0-9]{15}$/,
    $randomSemver: /^\d+\.\d+\.\d+$/,
    $randomFullName: /^\S+ \S+$/,
    $randomUserName: /^[a-z]+_[a-z]+\d+$/,
    $randomEmail: /^[a-z]+\.[a-z]+\d+@[a-z]+\.[a-z]+$/,
    $randomExampleEmail: /^[a-z]+\.[a-z]+\d+@example\.(com|net|org)$/,
    $randomPhoneNumber: /^\d{3}-\d{3}-\d{4}$/,
    $randomPhoneNumberExt: /^\d{1,2}-\d{3}-\d{3}-\d{4}$/,
    $randomStreetAddress: /^\d+ .+$/,
    $randomCountryCode: /^[A-Z]{2}$/,
    $randomLatitude: /^-?\d+\.\d{4}$/,
    $randomLongitude: /^-?\d+\.\d{4}$/,
    $randomBankAccount: /^\d{8}$/,
    $randomBankAccountIban: /^[A-Z]{2}\d{2}[A-Z0-9]+$/,
    $randomIban: /^[A-Z]{2}\d{2}[A-Z0-9]+$/,
    $randomBankAccountBic: /^[A-Z]{8}$/,
    $randomCreditCardMask: /^\d{4}$/,
    $randomCurrencyCode: /^[A-Z]{3}$/,
    $randomPrice: /^\d+\.\d{2}$/,
    $randomDomainName: /^[a-z]+\.[a-z]+$/,
    $randomUrl: /^https:\/\/[a-z]+\.[a-z]+$/,
    $randomDateFuture: /^\d{4}-\d\d-\d\dT/,
    $randomDatePast: /^\d{4}-\d\d-\d\dT/,
    $randomDateRecent: /^\d{4}-\d\d-\d\dT/,
    $randomBirthDate: /^\d{4}-\d\d-\d\d$/,
    $randomLoremSentence: /^[A-Z][a-z ]+\.$/
  }

  it.each(BUILTIN_NAMES)(
    '%s gives a non-empty value of the right shape, inside JSON too',
    (name) => {
      for (let run = 0; run < 20; run++) {
        const r = new TemplateResolver()
        const value = r.resolve(`{{${name}}}`, { json: false })
        expect(value.trim()).not.toBe('')
        if (shapes[name]) expect(value).toMatch(shapes[name])
        expect(
          JSON.parse(
            new TemplateResolver({ overrides: { [name]: value } }).resolve(`{"v": "{{${name}}}"}`, {
              json: true
            })
          ).v
        ).toBe(value)
      }
    }
  )

  it('gives Unix seconds for $timestamp and an ISO time for $isoTimestamp, as Postman does', () => {
    expect(resolveJson('[{{$timestamp}}, "{{$isoTimestamp}}"]')).toBe(
      '[1772600767, "2026-03-04T05:06:07.890Z"]'
    )
  })

  it('keeps $randomInt within 0–1000', () => {
    const ends = [0, 0.999999].map((x) =>
      new TemplateResolver({ builtins: { ...fixed, random: () => x } }).resolve('{{$randomInt}}', {
        json: false
      })
    )
    expect(ends).toEqual(['0', '1000'])
  })

  it('gives IBAN-shaped values whose check digits pass ISO 7064 mod 97', () => {
    for (let run = 0; run < 50; run++) {
      const iban = new TemplateResolver().resolve('{{$randomBankAccountIban}}', { json: false })
      const moved = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (c) =>
        String(c.charCodeAt(0) - 55)
      )
      let rest = 0
      for (const d of moved) rest = (rest * 10 + Number(d)) % 97
      expect(rest).toBe(1)
    }
  })

  it('gives one value per name per launch, and new values on the next launch', () => {
    const first = new TemplateResolver()
    const text = first.resolve('{{$uuid}} {{$uuid}}', { json: false })
    const [a, b] = text.split(' ')
    expect(a).toBe(b)
    expect(new TemplateResolver().resolve('{{$uuid}}', { json: false })).not.toBe(a)
  })
})

describe('resolveLaunch', () => {
  it('resolves the ids the mode uses, then the payload, in one scope', () => {
    const resolved = resolveLaunch(
      {
        mode: 'build',
        workspaceId: '{{never}}',
        appId: '{{appId}}',
        buildId: ' {{build}} ',
        processName: 'onboard_{{$randomInt}}',
        payload: '{"n": {{$randomInt}}}'
      },
      { builtins: fixed, profileDefaults: { appId: 'app-1' }, overrides: { build: 'b-2' } }
    )
    expect(resolved).toMatchObject({
      appId: 'app-1',
      buildId: 'b-2',
      processName: 'onboard_500',
      payload: '{"n": 500}',
      workspaceId: '{{never}}',
      templated: true
    })
    expect(resolved.variables.map((v) => v.name)).toEqual(['appId', 'build', '$randomInt'])
  })

  it('names the field of an unresolved id', () => {
    const error = failure(() =>
      resolveLaunch(
        {
          mode: 'workspace',
          workspaceId: '{{ws}}',
          appId: 'a',
          buildId: '',
          processName: 'p',
          payload: '{}'
        },
        {}
      )
    )
    expect(error.message).toContain(
      'The variable {{ws}} in the workspace id at line 1, column 1 has no value'
    )
  })
})
