/** Reads the `--data` argument: inline JSON, `@file`, or `-` for standard input. */
import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'

import { MAX_PAYLOAD_BYTES } from '../shared/schemas'

/**
 * Largest input read before giving up. parsePayload measures the re-serialized JSON against the
 * 1 MB limit, so generous whitespace in the source is fine; an endless stream is not.
 */
export const MAX_INPUT_BYTES = MAX_PAYLOAD_BYTES * 4

export type PayloadSource = AsyncIterable<string | Uint8Array>

export type ReadPayloadResult = { ok: true; text: string } | { ok: false; message: string }

/** The payload text for `--data`, `{}` when it was not given. Never throws. */
export async function readPayload(
  spec: string | undefined,
  io: { stdin: PayloadSource; cwd: string }
): Promise<ReadPayloadResult> {
  if (spec === undefined) return { ok: true, text: '{}' }
  if (spec === '-') return readStdin(io.stdin)
  if (spec.startsWith('@')) return readPayloadFile(resolve(io.cwd, spec.slice(1)), spec.slice(1))
  return { ok: true, text: spec }
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
  return { ok: true, text: decode(Buffer.concat(chunks)) }
}

async function readPayloadFile(file: string, shown: string): Promise<ReadPayloadResult> {
  if (shown === '')
    return { ok: false, message: 'Name the payload file after @, e.g. --data @payload.json.' }
  try {
    const info = await stat(file)
    if (info.isDirectory())
      return { ok: false, message: `${shown} is a directory, not a payload file.` }
    if (info.size > MAX_INPUT_BYTES) return tooLarge(`The file ${shown}`)
    return { ok: true, text: decode(await readFile(file)) }
  } catch (error) {
    return { ok: false, message: `Could not read the payload file ${shown}: ${reason(error)}` }
  }
}

/** UTF-8 text without a leading byte-order mark, which editors on Windows like to add. */
function decode(bytes: Buffer): string {
  const text = bytes.toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
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
