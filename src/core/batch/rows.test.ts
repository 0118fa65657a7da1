import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { inShard, parseShard, readRows, RowsFileError, type ReadRow } from './rows'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function file(name: string, text: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowx-rows-'))
  dirs.push(dir)
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

async function all(path: string, shard?: string): Promise<ReadRow[]> {
  const rows: ReadRow[] = []
  for await (const row of readRows(path, shard ? parseShard(shard) : undefined)) rows.push(row)
  return rows
}

describe('CSV rows', () => {
  it('takes the header as variable names and keeps quoted commas, quotes and line breaks', async () => {
    const rows = await all(
      file(
        'c.csv',
        'customerId,name,amount\r\nC-1,"Doe, Jane",100\r\nC-2,"Say ""hi""\nsecond line",2.5\r\n'
      )
    )
    expect(rows).toEqual([
      { row: 1, values: { customerId: 'C-1', name: 'Doe, Jane', amount: '100' } },
      { row: 2, values: { customerId: 'C-2', name: 'Say "hi"\nsecond line', amount: '2.5' } }
    ])
  })

  it('drops a UTF-8 byte order mark and detects ; as the separator', async () => {
    const text = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('id;city\n1;"Cluj; Napoca"\n2;Iași, RO\n')
    ])
    const rows = await all(file('excel.csv', text))
    expect(rows.map((r) => r.values)).toEqual([
      { id: '1', city: 'Cluj; Napoca' },
      { id: '2', city: 'Iași, RO' }
    ])
  })

  it('reports a row with the wrong number of fields as that row’s error, not the file’s', async () => {
    const rows = await all(file('short.csv', 'a,b\n1,2\n3\n4,5\n'))
    expect(rows[1]?.error?.message).toBe('Row 2 has 1 field where the header has 2.')
    expect(rows[2]?.values).toEqual({ a: '4', b: '5' })
  })

  it('refuses an unclosed quote, an empty file and a nameless column as the file’s errors', async () => {
    await expect(all(file('q.csv', 'a,b\n1,"open\n'))).rejects.toThrow(RowsFileError)
    await expect(all(file('e.csv', ''))).rejects.toThrow(/is empty/)
    await expect(all(file('h.csv', 'a,,c\n1,2,3\n'))).rejects.toThrow(/column 2 .* no name/)
    await expect(all(file('d.csv', 'a,a\n1,2\n'))).rejects.toThrow(/names “a” twice/)
  })
})

describe('JSON and NDJSON rows', () => {
  it('reads a JSON array, keeping non-string values as JSON text', async () => {
    const rows = await all(file('r.json', '[{"id":"A","amount":12,"vip":true,"tags":["x"]},7]'))
    expect(rows[0]?.values).toEqual({ id: 'A', amount: '12', vip: 'true', tags: '["x"]' })
    expect(rows[1]?.error?.message).toBe('Row 2 is not an object of variables.')
  })

  it('reads NDJSON line by line, skipping blank lines and flagging a bad line', async () => {
    const rows = await all(file('r.jsonl', '{"id":"A"}\n\n{oops\n{"id":"C"}\n'))
    expect(rows.map((r) => [r.row, r.values.id ?? r.error?.message])).toEqual([
      [1, 'A'],
      [2, 'Row 2 is not valid JSON.'],
      [3, 'C']
    ])
  })

  it('tells formats apart by extension only', async () => {
    await expect(all(file('rows.txt', 'a\n1\n'))).rejects.toThrow(/\.csv, \.json, \.ndjson/)
    await expect(all(file('rows.json', '{"a":1}'))).rejects.toThrow(/JSON array/)
  })
})

describe('shards', () => {
  it('splits rows into disjoint shares that together cover the file, keeping row numbers', async () => {
    const path = file('n.csv', `n\n${Array.from({ length: 10 }, (_, i) => i + 1).join('\n')}\n`)
    const shares = await Promise.all(['1/3', '2/3', '3/3'].map((s) => all(path, s)))
    expect(shares.map((rows) => rows.map((r) => r.row))).toEqual([
      [1, 4, 7, 10],
      [2, 5, 8],
      [3, 6, 9]
    ])
    expect(shares.flat().map((r) => r.values.n)).toHaveLength(10)
  })

  it('refuses a share that is not I/N', () => {
    for (const bad of ['0/2', '3/2', '1/0', 'a/b', '1-2']) {
      expect(() => parseShard(bad)).toThrow(RowsFileError)
    }
    expect(inShard(5, { index: 1, count: 4 })).toBe(true)
  })
})
