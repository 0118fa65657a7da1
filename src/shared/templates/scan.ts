/**
 * Finding `{{…}}` placeholders in a template, with their offsets, for the resolver and for the
 * payload editor (highlighting, lint, hover). Pure: no Node or DOM APIs.
 *
 * - `{{name}}`: a variable (letters, digits, `_`, `-`, `.`; first a letter or `_`);
 * - `{{$name}}`: a dynamic built-in (`$uuid`, `$timestamp`, `$randomEmail`…);
 * - `{{?Label}}`: a prompt, asked for at send time.
 * Spaces just inside the braces are allowed (`{{ name }}`).
 */

export type PlaceholderKind = 'variable' | 'builtin' | 'prompt'

export interface Placeholder {
  /** Offset of the first `{`. */
  from: number
  /** Offset just after the last `}`. */
  to: number
  kind: PlaceholderKind
  /**
   * The name values are looked up and recorded by: `customerId`, `$uuid`, or `?Customer id`
   * for a prompt (the `?` keeps prompts apart from variables of the same spelling).
   */
  name: string
  /** Inside a JSON string literal (the value is inserted escaped) or bare (inserted as a literal). */
  inString: boolean
}

export interface TemplateSyntaxError {
  from: number
  to: number
  message: string
}

export interface ScanResult {
  placeholders: Placeholder[]
  errors: TemplateSyntaxError[]
}

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_.-]*$/
const BUILTIN = /^\$[A-Za-z][A-Za-z0-9]*$/
/** Prompt labels: printable text without quotes, backslashes or braces, at most 80 characters. */
// eslint-disable-next-line no-control-regex
const PROMPT = /^\?[^"\\{}\u0000-\u001f\u007f]{1,80}$/

/** Longest placeholder body accepted before the closing braces are taken as missing. */
const MAX_BODY = 120

function classify(body: string): { kind: PlaceholderKind; name: string } | string {
  const inner = body.trim()
  if (inner === '') return 'an empty placeholder {{}}: write a variable name inside the braces'
  if (inner.startsWith('?')) {
    const label = inner.slice(1).trim()
    if (!PROMPT.test(`?${label}`)) {
      return `the prompt {{${inner}}} needs a label of at most 80 characters without quotes, backslashes or braces`
    }
    return { kind: 'prompt', name: `?${label}` }
  }
  if (inner.startsWith('$')) {
    if (!BUILTIN.test(inner)) return `{{${inner}}} is not a built-in name`
    return { kind: 'builtin', name: inner }
  }
  if (!VARIABLE.test(inner)) {
    return `{{${inner}}} is not a variable name (letters, digits, _ - . and a letter or _ first)`
  }
  return { kind: 'variable', name: inner }
}

/**
 * Every placeholder of `text`, and every malformed one. `json` tracks JSON string literals so each
 * placeholder knows whether it sits inside quotes; for plain text (ids, process names) pass false.
 */
export function scanTemplate(text: string, json = true): ScanResult {
  const placeholders: Placeholder[] = []
  const errors: TemplateSyntaxError[] = []
  let inString = false
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (json && c === 0x22 /* " */) {
      inString = !inString
      i++
    } else if (json && inString && c === 0x5c /* \ */) {
      i += 2
    } else if (c === 0x7b /* { */ && text.charCodeAt(i + 1) === 0x7b) {
      // `{{{x}}}`: the first brace belongs to the JSON around the placeholder.
      if (text.charCodeAt(i + 2) === 0x7b) {
        i++
        continue
      }
      const close = text.indexOf('}}', i + 2)
      const newline = text.indexOf('\n', i + 2)
      if (close < 0 || (newline >= 0 && newline < close) || close - i - 2 > MAX_BODY) {
        errors.push({
          from: i,
          to: i + 2,
          message: `the placeholder opened at ${describeOffset(text, i)} is never closed with }}`
        })
        i += 2
        continue
      }
      const body = text.slice(i + 2, close)
      const what = classify(body)
      if (typeof what === 'string') {
        errors.push({ from: i, to: close + 2, message: what })
      } else {
        placeholders.push({ from: i, to: close + 2, ...what, inString: json && inString })
      }
      i = close + 2
    } else {
      i++
    }
  }
  return { placeholders, errors }
}

/** "line 3, column 7" for an offset, as editors count them (1-based). */
export function describeOffset(text: string, offset: number): string {
  let line = 1
  let lineStart = 0
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++
    lineStart = at + 1
  }
  return `line ${line}, column ${offset - lineStart + 1}`
}

/** True when the text holds at least one `{{`. A cheap check before scanning. */
export function hasPlaceholders(text: string): boolean {
  return text.includes('{{')
}
