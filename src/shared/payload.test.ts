import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { canonicalPayload, formatPayload, MAX_PAYLOAD_DEPTH, parsePayload } from './payload'
import { MAX_PAYLOAD_BYTES } from './schemas'

function errorOf(text: string): { code: string; message: string } {
  const result = parsePayload(text)
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`)
  return result.error
}

describe('parsePayload', () => {
  it.each(['', '   ', '\n\t '])('treats blank text %j as {}', (text) => {
    expect(parsePayload(text)).toEqual({ ok: true, text: '{}', bytes: 2 })
  })

  it('accepts an object and counts the UTF-8 bytes of the text sent as written', () => {
    const text = '{\n  "name": "Ștefan",\n  "amount": 25000\n}'
    expect(parsePayload(text)).toEqual({ ok: true, text, bytes: Buffer.byteLength(text, 'utf8') })
  })

  it.each([
    ['{"a":}', 'line 1, column 6: expected a value but found "}"'],
    ['{"a":1,}', 'line 1, column 8: remove the trailing comma before "}"'],
    ['[1,]', 'line 1, column 4: remove the trailing comma before "]"'],
    ['{\n  "a": 1\n  "b": 2\n}', 'line 3, column 3: expected "," or "}"'],
    ['[1 2]', 'line 1, column 4: expected "," or "]"'],
    ['{"a": /* x */ 1}', 'line 1, column 7: comments are not allowed in JSON'],
    ['{\n  "a": 1,\n', 'line 3, column 1: the text ends early: "}" is missing'],
    ["{'a': 1}", 'line 1, column 2: expected a property name in double quotes'],
    ['{"a": \'x\'}', 'line 1, column 7: strings use double quotes (")'],
    ['{"a" 1}', 'line 1, column 6: expected ":" after the property name'],
    ['{"a": "x\ny"}', 'line 1, column 7: line breaks inside a string must be written as \\n'],
    ['{"a": "x\ty"}', 'line 1, column 7: line breaks, tabs and control characters inside a string'],
    ['{"a": "\\q"}', 'line 1, column 7: invalid escape sequence'],
    ['{"a": "open}', 'line 1, column 7: this string is never closed'],
    ['{} x', 'line 1, column 4: unexpected text after the end of the JSON value'],
    ['{"a": undefined}', 'line 1, column 7: expected a value but found "u"'],
    ['{"a": 01}', 'line 1, column 8: expected "," or "}"']
  ])('reports where %j is broken', (text, message) => {
    const error = errorOf(text)
    expect(error.code).toBe('INVALID_PAYLOAD')
    expect(error.message).toContain(`Invalid JSON at ${message}`)
  })

  it.each([
    ['[]', 'an array'],
    ['[{"a":1}]', 'an array'],
    ['"text"', 'a string'],
    ['42', 'a number'],
    ['true', 'a boolean'],
    ['null', 'null']
  ])('refuses %j: the payload must be a JSON object', (text, kind) => {
    const error = errorOf(text)
    expect(error.code).toBe('INVALID_PAYLOAD')
    expect(error.message).toBe(`The payload must be a JSON object ({ … }), not ${kind}.`)
  })

  it.each([
    ['{"__proto__": {"admin": true}}', '"__proto__"', 'line 1, column 2'],
    ['{"a": {"b": [{"constructor": 1}]}}', '"constructor"', 'line 1, column 15'],
    ['{"a": {\n "prototype": null}}', '"prototype"', 'line 2, column 2'],
    ['{"\\u005f_proto__": 1}', '"\\u005f_proto__"', 'line 1, column 2']
  ])('refuses the prototype key in %j', (text, key, at) => {
    const error = errorOf(text)
    expect(error.code).toBe('INVALID_PAYLOAD')
    expect(error.message).toBe(`At ${at}: the key ${key} is not allowed in a payload.`)
  })

  it('checks escaped text and text with those words in full: only a real prototype key is refused', () => {
    expect(parsePayload('{"name": "Ren\\u00e9e", "note": "a \\"quoted\\" word"}').ok).toBe(true)
    expect(parsePayload('{"a": {"prototype_id": 1, "b": "constructor"}}').ok).toBe(true)
    expect(errorOf('{"a": 1, "b": {"c\\u006fnstructor": 2}}').message).toBe(
      'At line 1, column 16: the key "c\\u006fnstructor" is not allowed in a payload.'
    )
  })

  it('property: any JSON object is accepted as written unless it holds a prototype key', () => {
    const forbidden = new Set(['__proto__', 'constructor', 'prototype'])
    const holdsForbidden = (value: unknown): boolean =>
      typeof value === 'object' &&
      value !== null &&
      Object.entries(value).some(([key, inner]) => forbidden.has(key) || holdsForbidden(inner))
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(fc.string(), fc.constantFrom('constructor', 'prototype', 'ok')),
          fc.jsonValue()
        ),
        fc.constantFrom(0, 2),
        (value, indent) => {
          const text = JSON.stringify(value, null, indent)
          const result = parsePayload(text)
          if (holdsForbidden(JSON.parse(text))) expect(result.ok).toBe(false)
          else expect(result).toEqual({ ok: true, text, bytes: Buffer.byteLength(text, 'utf8') })
        }
      )
    )
  })

  it('allows those words as values and inside longer keys', () => {
    expect(parsePayload('{"kind": "__proto__", "constructorName": "x"}').ok).toBe(true)
  })

  it.each([
    '12345678901234567890',
    '-9007199254740993',
    '9007199254740993',
    '1e400',
    '0.1000000000000000055511151231257827'
  ])('accepts %s and keeps it exactly as written', (literal) => {
    const text = `{"id": ${literal}}`
    expect(parsePayload(text)).toEqual({ ok: true, text, bytes: text.length })
  })

  it('accepts a payload of exactly MAX_PAYLOAD_BYTES and refuses one byte more', () => {
    const filler = (n: number): string =>
      `{"v":"${'é'.repeat(Math.floor(n / 2))}${'a'.repeat(n % 2)}"}`
    const overhead = '{"v":""}'.length
    const exact = parsePayload(filler(MAX_PAYLOAD_BYTES - overhead))
    expect(exact).toMatchObject({ ok: true, bytes: MAX_PAYLOAD_BYTES })
    const error = errorOf(filler(MAX_PAYLOAD_BYTES - overhead + 1))
    expect(error.code).toBe('PAYLOAD_TOO_LARGE')
    expect(error.message).toBe(
      `The payload is 1.00 MB (${MAX_PAYLOAD_BYTES + 1} bytes) as written; FlowX accepts at most 1 MB.`
    )
  })

  it('measures the text as written, since that is what is sent', () => {
    const spaced = `{"v": ${JSON.stringify('a'.repeat(MAX_PAYLOAD_BYTES - 8))}${' '.repeat(1000)}}`
    expect(errorOf(spaced).code).toBe('PAYLOAD_TOO_LARGE')
  })

  it.each([10_000, 100_000])('refuses %i levels of nesting with a payload message', (depth) => {
    const text = `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`
    const error = errorOf(text)
    expect(error).toMatchObject({
      code: 'INVALID_PAYLOAD',
      message: `The payload is nested deeper than ${MAX_PAYLOAD_DEPTH} levels, which FlowX does not read.`
    })
    expect(formatPayload(text)).toBe(text)
    expect(() => canonicalPayload(text)).toThrow('nested too deeply')
  })

  it('accepts nesting up to the limit', () => {
    const depth = MAX_PAYLOAD_DEPTH - 1
    expect(parsePayload(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`).ok).toBe(true)
  })

  it('does not count brackets inside strings as nesting', () => {
    expect(parsePayload(`{"a":"${'['.repeat(5000)}\\"{{"}`).ok).toBe(true)
  })

  it('counts astral characters as four bytes', () => {
    expect(parsePayload('{"e":"😀"}')).toMatchObject({ ok: true, bytes: 12 })
  })

  it('property: accepts exactly what JSON.parse accepts as an object', () => {
    const mutated = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', ' ', 'x', '\n'))
      .map(([text, at, insert]) => {
        const i = at % (text.length + 1)
        return text.slice(0, i) + insert + text.slice(i + 1)
      })
    fc.assert(
      fc.property(fc.oneof(fc.json(), mutated, fc.string()), (text) => {
        let parsed: unknown
        let valid = true
        try {
          parsed = JSON.parse(text)
        } catch {
          valid = false
        }
        const result = parsePayload(text)
        if (text.trim() === '') return
        if (!valid) {
          expect(result.ok).toBe(false)
          if (!result.ok)
            expect(result.error.message).toMatch(/^Invalid JSON at line \d+, column \d+: /)
          return
        }
        const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        if (result.ok) {
          expect(isObject).toBe(true)
          expect(result.text).toBe(text)
        } else {
          expect(result.error.message).not.toMatch(/^Invalid JSON/)
          // A valid object is refused only for a prototype key.
          if (isObject) expect(result.error.message).toMatch(/^At line .*is not allowed/)
        }
      })
    )
  })
})

describe('canonicalPayload', () => {
  it('sorts keys and drops whitespace, keeping literals as written', () => {
    expect(canonicalPayload('{ "b": [1, {"d": 2, "c": 1e2}], "a": 9007199254740993 }')).toBe(
      '{"a":9007199254740993,"b":[1,{"c":1e2,"d":2}]}'
    )
  })

  it('tells apart 64-bit ids that JSON.parse would merge', () => {
    expect(canonicalPayload('{"id": 9007199254740993}')).not.toBe(
      canonicalPayload('{"id": 9007199254740992}')
    )
  })

  it('treats escapes of the same string as the same value, and blank as {}', () => {
    expect(canonicalPayload('{"\\u0061": "\\u00e9"}')).toBe(canonicalPayload('{"a": "é"}'))
    expect(canonicalPayload('  ')).toBe('{}')
  })

  it('throws on invalid JSON', () => {
    expect(() => canonicalPayload('{"a":')).toThrow()
  })
})

describe('formatPayload', () => {
  it('pretty-prints with two spaces', () => {
    expect(formatPayload('{"a":1,"b":[1,{"c":null}],"d":{},"e":[]}')).toBe(
      JSON.stringify({ a: 1, b: [1, { c: null }], d: {}, e: [] }, null, 2)
    )
  })

  it('keeps literals exactly as typed', () => {
    expect(formatPayload('{"big":12345678901234567890,"s":"\\u00e9\\n","x":1E2}')).toBe(
      '{\n  "big": 12345678901234567890,\n  "s": "\\u00e9\\n",\n  "x": 1E2\n}'
    )
  })

  it.each(['{"a":', 'not json', '{"a":1,}'])('returns invalid text %j unchanged', (text) => {
    expect(formatPayload(text)).toBe(text)
  })

  it('leaves blank text alone', () => {
    expect(formatPayload('  ')).toBe('  ')
  })

  it('property: matches JSON.stringify(…, null, 2) and never throws', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const compact = JSON.stringify(value)
        expect(formatPayload(compact)).toBe(JSON.stringify(value, null, 2))
      })
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(typeof formatPayload(text)).toBe('string')
      })
    )
  })
})
