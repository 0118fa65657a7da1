/**
 * security.md STO-3: a writer killed with SIGKILL at any point leaves a store file that parses,
 * and the clean-up then removes the temp files it left once they are stale, never fresh ones.
 * The kill point varies by write count (a random 1–40 completed writes), never by a timer.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

import { confBackend } from './conf-backend'
import { openStore } from './open-store'
import { ORPHAN_AGE_MS } from './store-file'

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
