/**
 * Where and why a JSON text is invalid, in words a person can act on ("line 3, column 5: expected
 * "," or "}""), from jsonc-parser's scanner (VS Code's: errors with offsets). Pure and shared with
 * the renderer; the payload check (./payload) words its syntax errors through it.
 */
import { printParseErrorCode, visit, type JSONVisitor, type ParseErrorCode } from 'jsonc-parser'

/** Deepest nesting accepted: Jackson's default read limit, far beyond any real payload. */
export const MAX_PAYLOAD_DEPTH = 1000

/** JSON as FlowX reads it: no comments, no trailing commas, no empty text. */
export const PARSE_OPTIONS = {
  disallowComments: true,
  allowTrailingComma: false,
  allowEmptyContent: false
}

/** A syntax error: its code, its offset, and the object or array it is in ('' at top level). */
export interface SyntaxErrorAt {
  error: ParseErrorCode
  offset: number
  container: '{' | '[' | ''
}

/** "line 3, column 5" for `offset` in `text`. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `line ${line}, column ${column}`
}

/** How deeply the text nests objects and arrays (strings skipped), counted without recursion. */
export function nestingDepth(text: string): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth)
    else if (c === 0x7d || c === 0x5d) depth--
  }
  return max
}

/** The previous non-space character before `offset`. */
function previousChar(text: string, offset: number): string {
  let i = offset - 1
  while (i >= 0 && /\s/.test(text[i])) i--
  return i >= 0 ? text[i] : ''
}

/** A human reason for a jsonc-parser error at `offset`, inside `container` ('' at top level). */
function describeError(
  text: string,
  error: ParseErrorCode,
  offset: number,
  container: '{' | '[' | ''
): string {
  const c = text[offset] ?? ''
  const closer = container === '[' ? ']' : '}'
  if (text.slice(offset).trim() === '' && container !== '') {
    return `the text ends early: "${closer}" is missing`
  }
  if ((c === '}' || c === ']') && previousChar(text, offset) === ',') {
    return `remove the trailing comma before "${c}"`
  }
  if (c === "'") {
    const before = previousChar(text, offset)
    return container === '{' && (before === '{' || before === ',')
      ? 'expected a property name in double quotes'
      : 'strings use double quotes (")'
  }
  if (container === '' && offset > 0 && text.slice(0, offset).trim() !== '') {
    return 'unexpected text after the end of the JSON value'
  }
  switch (printParseErrorCode(error)) {
    case 'UnexpectedEndOfString': {
      const close = text.indexOf('"', offset + 1)
      return /[\n\r]/.test(text.slice(offset, close < 0 ? undefined : close))
        ? 'line breaks inside a string must be written as \\n'
        : 'this string is never closed'
    }
    case 'InvalidCharacter':
      return 'line breaks, tabs and control characters inside a string must be written as \\n, \\t or \\u…'
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode':
      return 'invalid escape sequence in a string'
    case 'PropertyNameExpected':
      return 'expected a property name in double quotes'
    case 'ColonExpected':
      return 'expected ":" after the property name'
    case 'CommaExpected':
    case 'CloseBraceExpected':
    case 'CloseBracketExpected':
      return `expected "," or "${closer}"`
    case 'EndOfFileExpected':
      return 'unexpected text after the end of the JSON value'
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return 'comments are not allowed in JSON'
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return 'this number is not written as JSON allows'
    default:
      return offset >= text.length
        ? 'the text ends early: a value is missing'
        : `expected a value but found ${JSON.stringify(c)}`
  }
}

export function describeSyntax(text: string, at: SyntaxErrorAt): string {
  return `${lineColumn(text, at.offset)}: ${describeError(text, at.error, at.offset, at.container)}`
}

/**
 * The first syntax error of `text`, or undefined when it is valid JSON, in one pass of the scanner;
 * `onProperty` sees every object key on the way.
 */
export function firstSyntaxError(
  text: string,
  onProperty?: JSONVisitor['onObjectProperty']
): SyntaxErrorAt | undefined {
  let syntax: SyntaxErrorAt | undefined
  const open: ('{' | '[')[] = []
  visit(
    text,
    {
      onObjectBegin: () => void open.push('{'),
      onArrayBegin: () => void open.push('['),
      onObjectEnd: () => void open.pop(),
      onArrayEnd: () => void open.pop(),
      onError: (error, offset) => {
        syntax ??= { error, offset, container: open[open.length - 1] ?? '' }
      },
      onObjectProperty: onProperty
    },
    PARSE_OPTIONS
  )
  return syntax
}

/** "line 3, column 5: expected …" for the first JSON syntax error of `text`, or undefined. */
export function jsonSyntaxProblem(text: string): string | undefined {
  if (nestingDepth(text) > MAX_PAYLOAD_DEPTH) {
    return `nested deeper than ${MAX_PAYLOAD_DEPTH} levels`
  }
  const syntax = firstSyntaxError(text)
  return syntax ? describeSyntax(text, syntax) : undefined
}
