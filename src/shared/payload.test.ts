import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { formatPayload, parsePayload } from './payload'
import { MAX_PAYLOAD_BYTES } from './schemas'

function errorOf(text: string): { code: string; message: string } {
  const result = parsePayload(text)
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`)
  return result.error
}

describe('parsePayload', () => {
  it.each(['', '   ', '\n\t '])('treats blank text %j as {}', (text) => {
    expect(parsePayload(text)).toEqual({ ok: true, value: {}, bytes: 2 })
  })

  it('parses an object and counts the UTF-8 bytes of what will be sent', () => {
    const result = parsePayload('{\n  "name": "Ștefan",\n  "amount": 25000\n}')
    expect(result).toEqual({
      ok: true,
      value: { name: 'Ștefan', amount: 25000 },
      bytes: Buffer.byteLength('{"name":"Ștefan","amount":25000}', 'utf8')
    })
  })

  it.each([
    ['{"a":}', 'line 1, column 6: expected a value but found "}"'],
    ['{"a":1,}', 'line 1, column 8: remove the trailing comma before "}"'],
    ['[1,]', 'line 1, column 4: remove the trailing comma before "]"'],
    ['{\n  "a": 1\n  "b": 2\n}', 'line 3, column 3: expected "," or "}"'],
    ['{\n  "a": 1,\n', 'line 3, column 1: the text ends early: "}" is missing'],
    ["{'a': 1}", 'line 1, column 2: expected a property name in double quotes'],
    ['{"a": \'x\'}', 'line 1, column 7: strings use double quotes (")'],
    ['{"a" 1}', 'line 1, column 6: expected ":" after the property name'],
    ['{"a": "x\ny"}', 'line 1, column 9: line breaks and tabs inside a string must be written'],
    ['{"a": "\\q"}', 'line 1, column 8: invalid escape sequence'],
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

  it('allows those words as values and inside longer keys', () => {
    expect(parsePayload('{"kind": "__proto__", "constructorName": "x"}').ok).toBe(true)
  })

  it.each(['12345678901234567890', '-9007199254740993', '1e400'])(
    'refuses %s, which JSON.parse would silently change',
    (literal) => {
      const error = errorOf(`{"n": ${literal}}`)
      expect(error.message).toBe(
        `At line 1, column 7: the number ${literal} cannot be sent exactly; write it as a string.`
      )
    }
  )

  it('accepts the largest safe integer and ordinary decimals', () => {
    expect(parsePayload('{"n": 9007199254740991, "d": 0.1, "e": -2.5e-3}')).toMatchObject({
      ok: true,
      value: { n: 9007199254740991, d: 0.1, e: -0.0025 }
    })
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
      `The payload is 1.00 MB (${MAX_PAYLOAD_BYTES + 1} bytes) once serialized; FlowX accepts at most 1 MB.`
    )
  })

  it('measures the serialized body, not the typed text', () => {
    const spaced = `{"v": ${JSON.stringify('a'.repeat(MAX_PAYLOAD_BYTES - 8))}${' '.repeat(1000)}}`
    expect(parsePayload(spaced)).toMatchObject({ ok: true, bytes: MAX_PAYLOAD_BYTES })
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
          expect(result.value).toEqual(parsed)
        } else {
          expect(result.error.message).not.toMatch(/^Invalid JSON/)
          // A valid object is refused only for a prototype key or an inexact number.
          if (isObject) expect(result.error.message).toMatch(/^At line/)
        }
      })
    )
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
