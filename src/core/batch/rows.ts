/**
 * Reading a rows file as a stream of rows: CSV (header row = variable names, `,` or `;` found
 * from the header line), a JSON array, or NDJSON, told apart by extension. CSV and NDJSON are
 * streamed row by row, so a file of any length is never held in memory whole.
 */
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { createInterface } from 'node:readline'

import { parse } from 'csv-parse'

import type { BatchRow, RowError } from './types'

export type RowsFormat = 'csv' | 'json' | 'ndjson'

/** A row as read: its values, or why the row itself is unreadable. */
export type ReadRow = BatchRow & { error?: RowError }

/** The rows file as a whole cannot be read: nothing is sent. */
export class RowsFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RowsFileError'
  }
}

/** Which rows this job takes: row n belongs to shard ((n - 1) mod count) + 1. */
export interface Shard {
  index: number
  count: number
}

/** A JSON array file is parsed whole: above this, use NDJSON (streamed). */
export const MAX_JSON_ARRAY_BYTES = 64 * 1024 * 1024

/** Parse `I/N` (1 ≤ I ≤ N ≤ 1000). */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(text)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || count > 1000 || index < 1 || index > count) {
    throw new RowsFileError(
      `--shard "${text}" is not a share: write I/N with 1 ≤ I ≤ N ≤ 1000, e.g. 2/4.`
    )
  }
  return { index, count }
}

export function inShard(row: number, shard: Shard | undefined): boolean {
  return !shard || (row - 1) % shard.count === shard.index - 1
}

export function rowsFormatOf(file: string): RowsFormat {
  const ext = extname(file).toLowerCase()
  if (ext === '.csv') return 'csv'
  if (ext === '.json') return 'json'
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson'
  throw new RowsFileError(
    `${basename(file)}: rows files end in .csv, .json, .ndjson or .jsonl, so the format is known.`
  )
}

/** Read the rows of `file` (only the shard's share when one is given), in file order. */
export async function* readRows(file: string, shard?: Shard): AsyncGenerator<ReadRow> {
  const format = rowsFormatOf(file)
  await mustBeFile(file)
  const source =
    format === 'csv' ? readCsv(file) : format === 'json' ? readJsonArray(file) : readNdjson(file)
  for await (const row of source) if (inShard(row.row, shard)) yield row
}

async function mustBeFile(file: string): Promise<void> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new RowsFileError(
      error.code === 'ENOENT'
        ? `${file}: no such rows file.`
        : `${file}: cannot be read (${error.code ?? 'error'}).`
    )
  })
  if (!info.isFile()) throw new RowsFileError(`${file} is not a file.`)
}

/** `;` when the header line has more of them than commas (Excel in many locales), else `,`. */
export async function detectDelimiter(file: string): Promise<',' | ';'> {
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(64 * 1024)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    const head = buffer.subarray(0, bytesRead).toString('utf8')
    const line = head.split(/\r?\n/, 1)[0] ?? ''
    let commas = 0
    let semicolons = 0
    let quoted = false
    for (const ch of line) {
      if (ch === '"') quoted = !quoted
      else if (!quoted && ch === ',') commas++
      else if (!quoted && ch === ';') semicolons++
    }
    return semicolons > commas ? ';' : ','
  } finally {
    await handle.close()
  }
}

async function* readCsv(file: string): AsyncGenerator<ReadRow> {
  const delimiter = await detectDelimiter(file)
  const parser = createReadStream(file).pipe(
    parse({ bom: true, delimiter, skip_empty_lines: true, relax_column_count: true })
  )
  let header: string[] | undefined
  let row = 0
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = checkHeader(record, file)
        continue
      }
      row++
      if (record.length !== header.length) {
        yield {
          row,
          values: {},
          error: {
            kind: 'invalid-row',
            message: `Row ${row} has ${record.length} field${record.length === 1 ? '' : 's'} where the header has ${header.length}.`
          }
        }
        continue
      }
      const values: Record<string, string> = {}
      header.forEach((name, i) => (values[name] = record[i] ?? ''))
      yield { row, values }
    }
  } catch (error) {
    if (error instanceof RowsFileError) throw error
    throw new RowsFileError(`${basename(file)}: ${(error as Error).message}`)
  }
  if (!header)
    throw new RowsFileError(`${basename(file)} is empty: the first line names the columns.`)
}

function checkHeader(record: string[], file: string): string[] {
  const header = record.map((name) => name.trim())
  const seen = new Set<string>()
  header.forEach((name, i) => {
    if (name === '') {
      throw new RowsFileError(`${basename(file)}: column ${i + 1} of the header has no name.`)
    }
    if (seen.has(name)) {
      throw new RowsFileError(`${basename(file)}: the header names “${name}” twice.`)
    }
    seen.add(name)
  })
  return header
}

/** JSON values become variable text: strings as they are, anything else as JSON. */
function valuesOf(value: unknown, row: number): ReadRow {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      row,
      values: {},
      error: { kind: 'invalid-row', message: `Row ${row} is not an object of variables.` }
    }
  }
  const values: Record<string, string> = {}
  for (const [name, v] of Object.entries(value)) {
    values[name] = typeof v === 'string' ? v : JSON.stringify(v)
  }
  return { row, values }
}

async function* readJsonArray(file: string): AsyncGenerator<ReadRow> {
  const { size } = await stat(file)
  if (size > MAX_JSON_ARRAY_BYTES) {
    throw new RowsFileError(
      `${basename(file)} is larger than 64 MB: write the rows as NDJSON (.ndjson), which is read row by row.`
    )
  }
  const { readFile } = await import('node:fs/promises')
  let parsed: unknown
  try {
    parsed = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new RowsFileError(`${basename(file)} is not valid JSON: ${(error as Error).message}`)
  }
  if (!Array.isArray(parsed)) {
    throw new RowsFileError(`${basename(file)} must hold a JSON array of row objects.`)
  }
  for (let i = 0; i < parsed.length; i++) yield valuesOf(parsed[i], i + 1)
}

async function* readNdjson(file: string): AsyncGenerator<ReadRow> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  let row = 0
  for await (const raw of lines) {
    const line = row === 0 ? raw.replace(/^\uFEFF/, '') : raw
    if (line.trim() === '') continue
    row++
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      yield {
        row,
        values: {},
        error: { kind: 'invalid-row', message: `Row ${row} is not valid JSON.` }
      }
      continue
    }
    yield valuesOf(value, row)
  }
}
