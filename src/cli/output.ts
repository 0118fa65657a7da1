/**
 * Everything the CLI prints goes through here: secrets are masked (security.md LOG-1/LOG-2) and
 * control characters from server-supplied text are neutralised before they reach a terminal.
 */
import { MASK } from '../core/logging/redact'

/** Something text can be written to: a Node stream, or a capture in tests. */
export interface TextSink {
  write(text: string): unknown
}

/** The part of core's Redactor the CLI uses. */
export interface TextRedactor {
  redactText(text: string): string
}

/** Writes lines to stdout and stderr, redacted. */
export class Output {
  /**
   * @param secrets values masked even in `plain` output (FLOWX_TOKEN); everything else also goes
   * through the redactor's value and pattern masking.
   */
  constructor(
    private readonly stdout: TextSink,
    private readonly stderr: TextSink,
    private readonly redactor: TextRedactor,
    private readonly secrets: readonly string[] = []
  ) {}

  /** Lines of human-readable text on stdout. */
  out(...lines: string[]): void {
    for (const line of lines) this.stdout.write(`${this.redactor.redactText(line)}\n`)
  }

  /** Lines of human-readable text on stderr. */
  err(...lines: string[]): void {
    for (const line of lines) this.stderr.write(`${this.redactor.redactText(line)}\n`)
  }

  /** One JSON object on one stdout line; every string in it is redacted first. */
  json(value: unknown): void {
    this.stdout.write(`${jsonLine(redactDeep(value, this.redactor))}\n`)
  }

  /**
   * Text of our own making that the redactor's patterns would mangle (commander's help says
   * "bearer token"; the sandbox banner shows its demo JWT on purpose): only known secrets masked.
   */
  plain(stream: 'stdout' | 'stderr', text: string): void {
    let masked = text
    for (const secret of this.secrets) masked = masked.split(secret).join(MASK)
    ;(stream === 'stdout' ? this.stdout : this.stderr).write(masked)
  }
}

/**
 * JSON on one line. JSON.stringify already escapes C0 controls and line breaks; DEL and the C1
 * range (e.g. U+009B, a one-byte CSI on some terminals) are escaped too.
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}

/**
 * A copy of `value` with every string redacted, at any depth. Text only: the Redactor's by-key
 * masking would blank fields the CLI prints on purpose, such as a profile's `token: {set: true}`.
 */
export function redactDeep(value: unknown, redactor: TextRedactor): unknown {
  if (typeof value === 'string') return redactor.redactText(value)
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redactor))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactDeep(item, redactor)])
    )
  }
  return value
}

/**
 * Text from a server or a file, safe for one terminal line: control characters (ANSI escapes,
 * carriage returns that overwrite the line) become spaces or U+FFFD.
 */
export function clean(text: string): string {
  return (
    text
      .replace(/[\t\n\r]+/g, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd')
  )
}

/** Left-aligned columns separated by two spaces; cells are cleaned, trailing spaces trimmed. */
export function table(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows.map((row) => row.map(clean))]
  const widths = header.map((_h, i) => Math.max(...all.map((row) => (row[i] ?? '').length)))
  return all.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd()
  )
}

/** `label  value` pairs with the labels padded to one width, indented; empty values skipped. */
export function fields(pairs: [string, string | undefined][], indent = '  '): string[] {
  const shown = pairs.filter((pair): pair is [string, string] => !!pair[1])
  const width = Math.max(0, ...shown.map(([label]) => label.length))
  return shown.map(([label, value]) => `${indent}${label.padEnd(width)}  ${clean(value)}`)
}

/** A local date-time `YYYY-MM-DD HH:MM:SS` for an ISO timestamp (the input when unparsable). */
export function localTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const pad = (n: number): string => String(n).padStart(2, '0')
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  )
}

/** Quote a value for a POSIX shell when it holds anything but safe characters. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`
}
