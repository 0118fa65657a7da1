/**
 * Checking and formatting the JSON payload of a start call. Pure and shared with the renderer.
 *
 * A small scanner walks the text before JSON.parse so that errors carry a line and column that do
 * not depend on the engine's message wording, and so formatting can re-emit every literal as typed
 * (JSON.parse would round 12345678901234567890 and turn 1e400 into Infinity).
 */
import type { AppError } from './errors'
import { MAX_PAYLOAD_BYTES } from './schemas'

/** Keys that could reach a prototype when a payload is merged into another object downstream. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

type ScanEvent =
  | { kind: 'open'; text: '{' | '['; start: number }
  | { kind: 'close'; text: '}' | ']'; start: number; empty: boolean }
  | { kind: 'key'; text: string; start: number }
  | { kind: 'scalar'; text: string; start: number; isNumber: boolean }

interface ScanError {
  offset: number
  message: string
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't'])

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r'
}

/** End offset (exclusive) of the string starting at `start`, or a scan error. */
function scanString(text: string, start: number): number | ScanError {
  let j = start + 1
  while (j < text.length) {
    const c = text[j]
    if (c === '"') return j + 1
    if (c === '\\') {
      const next = text[j + 1] ?? ''
      if (ESCAPES.has(next)) j += 2
      else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) j += 6
      else return { offset: j, message: 'invalid escape sequence in a string' }
    } else if (c.charCodeAt(0) < 0x20) {
      return {
        offset: j,
        message: 'line breaks and tabs inside a string must be written as \\n or \\t'
      }
    } else {
      j++
    }
  }
  return { offset: start, message: 'this string is never closed' }
}

/** The literal at `i` in value position, or an error saying what was found instead. */
function scanScalar(text: string, i: number): { end: number; isNumber: boolean } | ScanError {
  const c = text[i]
  if (c === '"') {
    const end = scanString(text, i)
    return typeof end === 'number' ? { end, isNumber: false } : end
  }
  NUMBER.lastIndex = i
  if ((c === '-' || (c >= '0' && c <= '9')) && NUMBER.test(text)) {
    return { end: NUMBER.lastIndex, isNumber: true }
  }
  for (const word of ['true', 'false', 'null']) {
    if (text.startsWith(word, i)) return { end: i + word.length, isNumber: false }
  }
  if (c === "'") return { offset: i, message: 'strings use double quotes (")' }
  return { offset: i, message: `expected a value but found ${JSON.stringify(c)}` }
}

/** Walk JSON text, reporting structure to `onEvent`; returns the first syntax error, if any. */
function scanJson(text: string, onEvent: (event: ScanEvent) => void): ScanError | undefined {
  const stack: ('{' | '[')[] = []
  let state: 'value' | 'key' | 'colon' | 'after' = 'value'
  let justOpened = false
  let afterComma = false
  let i = 0
  for (;;) {
    while (i < text.length && isSpace(text[i])) i++
    const top = stack[stack.length - 1]
    if (i >= text.length) {
      if (state === 'after' && top === undefined) return undefined
      const missing = top === undefined ? 'a value' : top === '{' ? '"}"' : '"]"'
      return { offset: i, message: `the text ends early: ${missing} is missing` }
    }
    const c = text[i]
    const closer = top === '{' ? '}' : ']'
    if ((state === 'value' || state === 'key') && justOpened && c === closer) {
      stack.pop()
      onEvent({ kind: 'close', text: closer, start: i, empty: true })
      state = 'after'
      justOpened = false
      i++
      continue
    }
    const commaBefore = afterComma
    justOpened = false
    afterComma = false
    if (state === 'value') {
      if (c === '{' || c === '[') {
        stack.push(c)
        onEvent({ kind: 'open', text: c, start: i })
        state = c === '{' ? 'key' : 'value'
        justOpened = true
        i++
        continue
      }
      if (commaBefore && c === closer) {
        return { offset: i, message: `remove the trailing comma before "${c}"` }
      }
      const scalar = scanScalar(text, i)
      if ('message' in scalar) return scalar
      onEvent({
        kind: 'scalar',
        text: text.slice(i, scalar.end),
        start: i,
        isNumber: scalar.isNumber
      })
      state = 'after'
      i = scalar.end
    } else if (state === 'key') {
      if (c === '}') return { offset: i, message: 'remove the trailing comma before "}"' }
      if (c !== '"') return { offset: i, message: 'expected a property name in double quotes' }
      const end = scanString(text, i)
      if (typeof end !== 'number') return end
      onEvent({ kind: 'key', text: text.slice(i, end), start: i })
      state = 'colon'
      i = end
    } else if (state === 'colon') {
      if (c !== ':') return { offset: i, message: 'expected ":" after the property name' }
      state = 'value'
      i++
    } else if (top === undefined) {
      return { offset: i, message: 'unexpected text after the end of the JSON value' }
    } else if (c === ',') {
      state = top === '{' ? 'key' : 'value'
      afterComma = true
      i++
    } else if (c === closer) {
      stack.pop()
      onEvent({ kind: 'close', text: closer, start: i, empty: false })
      i++
    } else {
      return { offset: i, message: `expected "," or "${closer}"` }
    }
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `line ${line}, column ${column}`
}

/** UTF-8 length of a string without allocating the encoded bytes. */
function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}

function invalid(message: string, hint?: string): { ok: false; error: AppError } {
  return { ok: false, error: { code: 'INVALID_PAYLOAD', message, ...(hint ? { hint } : {}) } }
}

/** Parse and check a payload: a JSON object, no prototype keys, at most MAX_PAYLOAD_BYTES sent. */
export function parsePayload(
  text: string
): { ok: true; value: Record<string, unknown>; bytes: number } | { ok: false; error: AppError } {
  if (text.trim() === '') return { ok: true, value: {}, bytes: 2 }
  let problem: { offset: number; message: string } | undefined
  const syntax = scanJson(text, (event) => {
    if (problem) return
    if (event.kind === 'key' && FORBIDDEN_KEYS.has(JSON.parse(event.text) as string)) {
      problem = {
        offset: event.start,
        message: `the key ${event.text} is not allowed in a payload`
      }
    } else if (event.kind === 'scalar' && event.isNumber) {
      const value = Number(event.text)
      const exact = /[.eE]/.test(event.text) ? Number.isFinite(value) : Number.isSafeInteger(value)
      if (!exact) {
        problem = {
          offset: event.start,
          message: `the number ${event.text} cannot be sent exactly; write it as a string`
        }
      }
    }
  })
  if (syntax) {
    return invalid(
      `Invalid JSON at ${lineColumn(text, syntax.offset)}: ${syntax.message}.`,
      'Fix the JSON, or use Format to spot the problem.'
    )
  }
  if (problem) return invalid(`At ${lineColumn(text, problem.offset)}: ${problem.message}.`)
  const value: unknown = JSON.parse(text)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid(
      `The payload must be a JSON object ({ … }), not ${describeType(value)}.`,
      'Wrap the values in an object, e.g. {"key": "value"}.'
    )
  }
  const bytes = utf8Length(JSON.stringify(value))
  if (bytes > MAX_PAYLOAD_BYTES) {
    const mb = (bytes / (1024 * 1024)).toFixed(2)
    return {
      ok: false,
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: `The payload is ${mb} MB (${bytes} bytes) once serialized; FlowX accepts at most 1 MB.`,
        hint: 'Remove large values, or pass a reference to them instead.'
      }
    }
  }
  return { ok: true, value: value as Record<string, unknown>, bytes }
}

/** Pretty-print JSON text with 2-space indentation, keeping every literal as typed; returns invalid text unchanged. */
export function formatPayload(text: string): string {
  if (text.trim() === '') return text
  const parts: string[] = []
  let depth = 0
  let needsComma = false
  let afterKey = false
  const startItem = (): void => {
    if (afterKey) {
      afterKey = false
    } else if (depth > 0) {
      parts.push(`${needsComma ? ',' : ''}\n${'  '.repeat(depth)}`)
    }
  }
  const error = scanJson(text, (event) => {
    if (event.kind === 'close') {
      depth--
      if (!event.empty) parts.push(`\n${'  '.repeat(depth)}`)
      parts.push(event.text)
      needsComma = true
      return
    }
    startItem()
    if (event.kind === 'open') {
      parts.push(event.text)
      depth++
      needsComma = false
    } else if (event.kind === 'key') {
      parts.push(`${event.text}: `)
      afterKey = true
    } else {
      parts.push(event.text)
      needsComma = true
    }
  })
  return error ? text : parts.join('')
}
