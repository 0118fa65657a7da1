/**
 * Checking and formatting the JSON payload of a start call. Pure and shared with the renderer.
 *
 * The text is checked with jsonc-parser (VS Code's JSON scanner: errors with offsets, formatting
 * that only touches whitespace) and sent exactly as written, never parsed and re-serialised, so a
 * 64-bit id such as 9007199254740993 reaches FlowX unchanged (FlowX is Java; ids are longs).
 * Syntax errors are located and worded by ./json-syntax (re-exported here).
 */
import { applyEdits, format, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser'

import type { AppError } from './errors'
import {
  describeSyntax,
  firstSyntaxError,
  lineColumn,
  MAX_PAYLOAD_DEPTH,
  nestingDepth,
  PARSE_OPTIONS
} from './json-syntax'
import { MAX_PAYLOAD_BYTES } from './limits'

export { jsonSyntaxProblem, MAX_PAYLOAD_DEPTH, nestingDepth } from './json-syntax'

/** Keys that could reach a prototype when a payload is merged into another object downstream. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** UTF-8 length of a string without allocating the encoded bytes. */
export function utf8Length(text: string): number {
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

function invalid(message: string, hint?: string): { ok: false; error: AppError } {
  return { ok: false, error: { code: 'INVALID_PAYLOAD', message, ...(hint ? { hint } : {}) } }
}

/** The kind of the first value in a valid JSON text, for "must be an object" messages. */
function firstValueKind(text: string): string {
  const c = text.trimStart()[0]
  if (c === '{') return 'object'
  if (c === '[') return 'an array'
  if (c === '"') return 'a string'
  if (c === 't' || c === 'f') return 'a boolean'
  if (c === 'n') return 'null'
  return 'a number'
}

/**
 * The common case, decided by the engine's own JSON parser: a valid JSON object in which no key can
 * be a forbidden one (none of those words appear, and no escape could spell one). Anything else —
 * invalid text, another kind of value, a possible forbidden key — is left to the full check, which
 * finds and words the problem. JSON.parse accepts no more than the full check does (it is the
 * stricter of the two on whitespace), so both agree on what passes.
 */
function isPlainJsonObject(text: string): boolean {
  if (text.includes('\\')) return false
  for (const key of FORBIDDEN_KEYS) if (text.includes(key)) return false
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return false
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export type PayloadCheck =
  | {
      ok: true
      /** What is sent: the text as written ('{}' for blank). */ text: string
      bytes: number
    }
  | { ok: false; error: AppError }

/**
 * Check a payload: a JSON object, no prototype keys, at most MAX_PAYLOAD_DEPTH levels deep and
 * MAX_PAYLOAD_BYTES as written. Blank text stands for {}.
 */
export function parsePayload(text: string): PayloadCheck {
  if (text.trim() === '') return { ok: true, text: '{}', bytes: 2 }
  const bytes = utf8Length(text)
  if (bytes > MAX_PAYLOAD_BYTES) {
    const mb = (bytes / (1024 * 1024)).toFixed(2)
    return {
      ok: false,
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: `The payload is ${mb} MB (${bytes} bytes) as written; FlowX accepts at most 1 MB.`,
        hint: 'Remove large values or indentation, or pass a reference to them instead.'
      }
    }
  }
  if (nestingDepth(text) > MAX_PAYLOAD_DEPTH) {
    return invalid(
      `The payload is nested deeper than ${MAX_PAYLOAD_DEPTH} levels, which FlowX does not read.`,
      'Flatten the structure.'
    )
  }
  if (isPlainJsonObject(text)) return { ok: true, text, bytes }
  let problem: { offset: number; message: string } | undefined
  const syntax = firstSyntaxError(text, (property, offset, length) => {
    if (!problem && FORBIDDEN_KEYS.has(property)) {
      problem = {
        offset,
        message: `the key ${text.slice(offset, offset + length)} is not allowed in a payload`
      }
    }
  })
  if (syntax) {
    return invalid(
      `Invalid JSON at ${describeSyntax(text, syntax)}.`,
      'Fix the JSON, or use Format to spot the problem.'
    )
  }
  const kind = firstValueKind(text)
  if (kind !== 'object') {
    return invalid(
      `The payload must be a JSON object ({ … }), not ${kind}.`,
      'Wrap the values in an object, e.g. {"key": "value"}.'
    )
  }
  if (problem) return invalid(`At ${lineColumn(text, problem.offset)}: ${problem.message}.`)
  return { ok: true, text, bytes }
}

/** Pretty-print JSON text with 2-space indentation, keeping every literal as typed; returns invalid text unchanged. */
export function formatPayload(text: string): string {
  if (text.trim() === '') return text
  if (nestingDepth(text) > MAX_PAYLOAD_DEPTH) return text
  if (firstSyntaxError(text)) return text
  const edits = format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' })
  return applyEdits(text, edits).trim()
}

/**
 * The payload as FlowX reads it, for comparing two launches: keys sorted, whitespace dropped,
 * every literal kept as written (so 9007199254740993 and 9007199254740992 stay different).
 * Throws on text that is not valid JSON.
 */
export function canonicalPayload(text: string): string {
  if (text.trim() === '') return '{}'
  if (nestingDepth(text) > MAX_PAYLOAD_DEPTH) throw new Error('nested too deeply')
  const errors: ParseError[] = []
  const root = parseTree(text, errors, PARSE_OPTIONS)
  if (!root || errors.length > 0) throw new Error('not valid JSON')
  const emit = (node: JsonNode): string => {
    if (node.type === 'object') {
      const members = (node.children ?? []).map((p) => {
        const [key, value] = p.children ?? []
        return [key.value as string, `${JSON.stringify(key.value)}:${emit(value)}`] as const
      })
      members.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      return `{${members.map(([, m]) => m).join(',')}}`
    }
    if (node.type === 'array') return `[${(node.children ?? []).map(emit).join(',')}]`
    if (node.type === 'string') return JSON.stringify(node.value)
    return text.slice(node.offset, node.offset + node.length)
  }
  return emit(root)
}
