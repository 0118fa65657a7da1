/**
 * Reads the `--data` argument: inline JSON, `@file`, or `-` for standard input. Bytes that are not
 * UTF-8 are refused (naming the offset of the first bad byte), never replaced with U+FFFD and sent;
 * and what a file that is not JSON contains is never echoed in a message.
 */
import { isUtf8 } from 'node:buffer'
import { resolve } from 'node:path'

import { MAX_PAYLOAD_BYTES } from '../shared/limits'

/**
 * Largest input read before giving up. parsePayload measures the re-serialized JSON against the
 * 1 MB limit, so generous whitespace in the source is fine; an endless stream is not.
 */
export const MAX_INPUT_BYTES = MAX_PAYLOAD_BYTES * 4

export type PayloadSource = AsyncIterable<string | Uint8Array>

/** Where the payload text came from: the command line, a file (as typed after @), or stdin. */
export type PayloadOrigin = { kind: 'inline' } | { kind: 'file'; shown: string } | { kind: 'stdin' }

export type ReadPayloadResult =
  { ok: true; text: string; origin: PayloadOrigin } | { ok: false; message: string }

/** The payload text for `--data`, `{}` when it was not given. Never throws. */
export async function readPayload(
  spec: string | undefined,
  io: { stdin: PayloadSource; cwd: string }
): Promise<ReadPayloadResult> {
  if (spec === undefined) return { ok: true, text: '{}', origin: { kind: 'inline' } }
  if (spec === '-') return readStdin(io.stdin)
  if (spec.startsWith('@')) return readPayloadFile(resolve(io.cwd, spec.slice(1)), spec.slice(1))
  return { ok: true, text: spec, origin: { kind: 'inline' } }
}

/**
 * The `--data` error line for a payload that parsePayload refused. For a file or stdin the text
 * may be anything (`--data @/etc/shadow`): the message keeps the position and the kind of problem
 * but never a character of the content.
 */
export function payloadProblem(origin: PayloadOrigin, message: string): string {
  if (origin.kind === 'inline') return `--data: ${message}`
  const where = origin.kind === 'file' ? `--data @${origin.shown}` : '--data - (standard input)'
  const withoutContent = message.replace(/ but found "(?:[^"\\]|\\.)*"/g, '')
  return `${where}: ${withoutContent}`
}

async function readStdin(stdin: PayloadSource): Promise<ReadPayloadResult> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of stdin) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk)
      size += bytes.length
      if (size > MAX_INPUT_BYTES) return tooLarge('Standard input')
      chunks.push(bytes)
    }
  } catch (error) {
    return {
      ok: false,
      message: `Could not read the payload from standard input: ${reason(error)}`
    }
  }
  return decode(Buffer.concat(chunks), 'Standard input', { kind: 'stdin' })
}

async function readPayloadFile(file: string, shown: string): Promise<ReadPayloadResult> {
  if (shown === '')
    return { ok: false, message: 'Name the payload file after @, e.g. --data @payload.json.' }
  try {
    // Loaded for a payload file only: an inline payload never needs it.
    const { readFile, stat } = await import('node:fs/promises')
    const info = await stat(file)
    if (info.isDirectory())
      return { ok: false, message: `${shown} is a directory, not a payload file.` }
    if (info.size > MAX_INPUT_BYTES) return tooLarge(`The file ${shown}`)
    return decode(await readFile(file), `The payload file ${shown}`, { kind: 'file', shown })
  } catch (error) {
    return { ok: false, message: `Could not read the payload file ${shown}: ${reason(error)}` }
  }
}

/**
 * UTF-8 text without a leading byte-order mark (which editors on Windows like to add); anything
 * else that is not UTF-8 is refused with the offset of its first bad byte.
 */
function decode(bytes: Buffer, what: string, origin: PayloadOrigin): ReadPayloadResult {
  if (!isUtf8(bytes)) {
    const offset = firstInvalidUtf8(bytes)
    const utf16 =
      bytes.length >= 2 &&
      ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return {
      ok: false,
      message: `${what} is not valid UTF-8: the first bad byte is at offset ${offset}${utf16 ? ' (it looks like UTF-16)' : ''}. Nothing was sent; save it as UTF-8 and try again.`
    }
  }
  const text = bytes.toString('utf8')
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, origin }
}

/**
 * Byte offset where the first ill-formed UTF-8 sequence (RFC 3629) starts, as Python and iconv
 * report it; -1 when there is none.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const lead = bytes[i] as number
    if (lead < 0x80) {
      i += 1
      continue
    }
    const size =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0
    if (size === 0) return i
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf
    for (let k = 1; k < size; k++) {
      const next = bytes[i + k]
      if (next === undefined) return i
      if (k === 1 ? next < low || next > high : next < 0x80 || next > 0xbf) return i
    }
    i += size
  }
  return -1
}

function tooLarge(what: string): ReadPayloadResult {
  return {
    ok: false,
    message: `${what} is larger than ${MAX_INPUT_BYTES / (1024 * 1024)} MB; FlowX accepts at most 1 MB.`
  }
}

function reason(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined
  if (code === 'ENOENT') return 'no such file.'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied.'
  return error instanceof Error ? error.message : String(error)
}
