/**
 * security.md STO-3: a writer killed with SIGKILL at any point leaves a store file that parses,
 * and the clean-up then removes the temp files it left once they are stale, never fresh ones.
 * The kill point varies by write count (a random 1–40 completed writes), never by a timer.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

import { confBackend } from './conf-backend'
import { openStore } from './open-store'
import { ORPHAN_AGE_MS, removeFailedWriteTemp } from './store-file'

const ROUNDS = 20
const child = resolve(__dirname, 'fixtures/write-loop.mjs')
const Doc = z.strictObject({
  version: z.literal(1),
  round: z.number(),
  secrets: z.record(z.string(), z.string())
})

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-crash-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Start the writer, wait for `writes` completed writes, then SIGKILL it. */
async function killAfter(writes: number): Promise<void> {
  const proc = spawn(process.execPath, [child, dir], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<number | null>((done) => proc.once('exit', done))
  const lines = createInterface({ input: proc.stdout })
  let seen = 0
  await new Promise<void>((done, failed) => {
    lines.on('line', () => {
      seen += 1
      if (seen === writes) done()
    })
    void exited.then((code) =>
      failed(new Error(`the writer exited (${code}) after ${seen} writes`))
    )
  })
  proc.kill('SIGKILL')
  await exited
  lines.close()
}

describe('a store writer killed mid-write (STO-3)', () => {
  it(`leaves a file that parses, ${ROUNDS} rounds; stale temp files are cleaned, fresh ones kept`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      await killAfter(1 + Math.floor(Math.random() * 40))
      const doc = Doc.parse(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')))
      expect(doc.secrets.blob?.length).toBeGreaterThanOrEqual(2048)
    }
    const temps = () => readdirSync(dir).filter((f) => f.includes('.tmp-'))
    const left = temps()
    // Fresh leftovers may be another process's write in flight: kept.
    const open = () =>
      openStore({
        backend: confBackend,
        cwd: dir,
        name: 'secrets',
        schema: Doc,
        defaults: { version: 1, round: 0, secrets: {} }
      })
    open()
    expect(temps()).toEqual(left)
    // Once stale, they go; the store itself is untouched.
    const old = new Date(Date.now() - ORPHAN_AGE_MS - 1000)
    for (const name of left) utimesSync(join(dir, name), old, old)
    const before = readFileSync(join(dir, 'secrets.json'), 'utf8')
    expect(open().read()).toEqual(JSON.parse(before))
    expect(temps()).toEqual([])
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toBe(before)
  }, 120_000)
})

describe('the temp file of a failed write', () => {
  const stamped = (ms: number, tail = 'a1b2c3') =>
    `secrets.json.tmp-${String(ms % 10_000_000_000).padStart(10, '0')}${tail}`
  const touch = (name: string) => writeFileSync(join(dir, name), '{}')

  it('is removed when stamped within the write; other writes’ temp files are kept', () => {
    const from = 1_765_000_000_123
    const mine = stamped(from + 4)
    const earlier = stamped(from - 1)
    const later = stamped(from + 11)
    const otherStore = `settings.json.tmp-${stamped(from + 2).slice(-16)}`
    for (const name of [mine, earlier, later, otherStore, 'secrets.json']) touch(name)
    removeFailedWriteTemp(dir, 'secrets', from, from + 10)
    expect(readdirSync(dir).sort()).toEqual([earlier, later, 'secrets.json', otherStore].sort())
  })

  it('is recognised across the wrap of the ten clock digits', () => {
    const from = 29_999_999_999_998 // the last ten digits are about to wrap to 0
    const mine = stamped(from + 3)
    touch(mine)
    removeFailedWriteTemp(dir, 'secrets', from, from + 5)
    expect(readdirSync(dir)).toEqual([])
  })
})
