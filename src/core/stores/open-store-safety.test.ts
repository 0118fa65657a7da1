/**
 * What a store never does: overwrite a newer version's file, write during a read-only command,
 * delete another process's write in flight, lose what is on disk when the disk is full or mounted
 * read-only, or answer a data directory that is a file with a raw EEXIST.
 */
import { execFileSync, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  open as openFile,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

import type { AppNotice } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { confBackend } from './conf-backend'
import { openStore, type StoreAccess } from './open-store'
import { mountTmpfs } from './test-mount'

const Doc = z.strictObject({ version: z.literal(2), names: z.array(z.string()) })
const EMPTY = { version: 2 as const, names: [] as string[] }
const MIGRATIONS = [(doc: Record<string, unknown>) => ({ ...doc, names: doc.names ?? [] })]

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-store-safety-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/**
 * Keep every thread of the pool that runs asynchronous file work busy, each blocked opening a FIFO
 * nobody writes to yet, so no such work can finish before `release()`.
 */
function holdThreadPool(): { release(): Promise<void> } {
  const size = Number(process.env.UV_THREADPOOL_SIZE ?? 4)
  const fifos = Array.from({ length: size }, (_, i) => join(dir, `hold-${i}`))
  const opened = fifos.map((fifo) => {
    execFileSync('mkfifo', [fifo])
    return new Promise<number>((done, failed) =>
      openFile(fifo, 'r', (error, fd) => (error ? failed(error) : done(fd)))
    )
  })
  return {
    async release() {
      for (const fifo of fifos) closeSync(openSync(fifo, 'w'))
      for (const fd of await Promise.all(opened)) closeSync(fd)
    }
  }
}

function open(options: { cwd?: string; access?: StoreAccess; notices?: AppNotice[] } = {}) {
  return openStore({
    backend: confBackend,
    cwd: options.cwd ?? dir,
    name: 'profiles',
    schema: Doc,
    defaults: EMPTY,
    migrations: MIGRATIONS,
    access: options.access,
    notify: (n) => options.notices?.push(n),
    now: () => new Date('2026-11-23T10:00:00.000Z')
  })
}

function failureOf(run: () => unknown): AppFailure {
  try {
    run()
  } catch (error) {
    if (error instanceof AppFailure) return error
    throw error
  }
  throw new Error('expected a failure')
}

describe('a file written by a newer version', () => {
  it('is never replaced: read-only, names the version, keeps every byte', () => {
    const file = join(dir, 'profiles.json')
    const bytes = '{"version":99,"names":["from the future"]}'
    writeFileSync(file, bytes)
    const notices: AppNotice[] = []
    const store = open({ notices })

    expect(store.read().names).toEqual(['from the future'])
    expect(store.readOnly).toMatch(
      /newer FlowX Launcher \(file version 99; this one reads up to 2\)/
    )
    expect(notices).toHaveLength(1)
    expect(notices[0].message).toMatch(/file version 99.*reads up to version 2.*read-only/)
    const refused = failureOf(() => store.write({ version: 2, names: [] }))
    expect(refused.error.code).toBe('STORE_UNWRITABLE')
    expect(refused.message).toMatch(/version 99.*Nothing was changed/)
    expect(readFileSync(file, 'utf8')).toBe(bytes)
    expect(readdirSync(dir)).toEqual(['profiles.json'])
  })

  it('says so when its content cannot be shown, and still keeps it', () => {
    writeFileSync(join(dir, 'profiles.json'), '{"version":99}')
    const notices: AppNotice[] = []
    expect(open({ notices }).read()).toEqual(EMPTY)
    expect(notices[0].message).toMatch(/cannot be shown by this version/)
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).toBe('{"version":99}')
  })
})

describe('read access (a command that only looks)', () => {
  it('writes nothing: no folder, no file, no upgrade, no set-aside', () => {
    const fresh = join(dir, 'not-yet')
    const store = open({ cwd: fresh, access: 'read' })
    store.write({ version: 2, names: ['this run only'] })
    expect(store.read().names).toEqual(['this run only'])
    expect(readdirSync(dir)).toEqual([])

    writeFileSync(join(dir, 'profiles.json'), '{"version":1,"names":["old"]}')
    expect(open({ access: 'read' }).read().names).toEqual(['old'])
    writeFileSync(join(dir, 'profiles.json'), '{"version":2,"names":["de')
    const notices: AppNotice[] = []
    expect(open({ access: 'read', notices }).read()).toEqual(EMPTY)
    expect(notices[0].message).toMatch(/not valid JSON.*Nothing was changed.*profiles\.json/)
    expect(readdirSync(dir)).toEqual(['profiles.json'])
  })
})

describe('the data directory', () => {
  it('is a file: a clear message, and the file is untouched', () => {
    const file = join(dir, 'data')
    writeFileSync(file, 'mine')
    for (const cwd of [file, join(file, 'below')]) {
      const failure = failureOf(() => open({ cwd }))
      expect(failure.error.code).toBe('STORE_UNWRITABLE')
      expect(failure.message).toContain(`${cwd} is not a folder`)
      expect(failure.error.hint).toMatch(/--data-dir/)
    }
    expect(readFileSync(file, 'utf8')).toBe('mine')
  })
})

describe('many processes opening one fresh data directory at once', () => {
  const CHILDREN = 6
  const OPENS = 10
  const child = resolve(__dirname, 'fixtures/open-child.ts')
  const ChildDoc = z.strictObject({ version: z.literal(1), names: z.array(z.string()) })

  it(`${CHILDREN * OPENS} opens of three stores, no failure, valid files`, async () => {
    const shared = join(dir, 'shared')
    mkdirSync(shared)
    const procs = Array.from({ length: CHILDREN }, (_, n) =>
      spawn(process.execPath, ['--import', 'tsx', child, shared, `p${n}`, String(OPENS)], {
        stdio: ['pipe', 'pipe', 'inherit']
      })
    )
    const lines = procs.map((proc) => {
      const reader = createInterface({ input: proc.stdout })
      const next = (): Promise<string> =>
        new Promise((done, failed) => {
          reader.once('line', done)
          proc.once('exit', (code) => failed(new Error(`child exited ${code}`)))
        })
      return next
    })
    const ready = lines.map((next) => next())
    expect(await Promise.all(ready)).toEqual(Array(CHILDREN).fill('ready'))
    const results = lines.map((next) => next())
    for (const proc of procs) proc.stdin.write('go\n')
    const reports = (await Promise.all(results)).map((line) => JSON.parse(line))

    expect(reports.flatMap((r) => r.failures)).toEqual([])
    for (const name of ['profiles', 'settings', 'secrets']) {
      const doc = ChildDoc.parse(JSON.parse(readFileSync(join(shared, `${name}.json`), 'utf8')))
      expect(doc.names.length).toBeGreaterThan(0)
    }
    expect(readdirSync(shared).sort()).toEqual(['profiles.json', 'secrets.json', 'settings.json'])
  }, 120_000)
})

describe('on a small tmpfs of its own', () => {
  it('full disk: a clear message, nothing lost', async (ctx) => {
    const mount = mountTmpfs('64k')
    if (typeof mount === 'string') return ctx.skip(mount)
    // A loaded machine delays asynchronous file work at random; here it is held on purpose.
    const pool = holdThreadPool()
    try {
      const store = open({ cwd: mount.dir })
      store.write({ version: 2, names: ['kept'] })
      writeFileSync(join(mount.dir, 'filler'), Buffer.alloc(60 * 1024))
      const big = Array.from({ length: 500 }, (_, i) => `name number ${i} `.repeat(4))
      const failure = failureOf(() => store.write({ version: 2, names: big }))
      // The failed write's temp file is gone by the time the failure is reported.
      expect(readdirSync(mount.dir).sort()).toEqual(['filler', 'profiles.json'])
      expect(failure.error.code).toBe('STORE_UNWRITABLE')
      expect(failure.message).toMatch(/the disk is full \(ENOSPC at .*profiles\.json\)/)
      expect(failure.message).toMatch(/Nothing was changed/)
      expect(failure.error.hint).toMatch(/Free some disk space/)
      expect(store.read().names).toEqual(['kept'])
      expect(open({ cwd: mount.dir }).read().names).toEqual(['kept'])
      expect(readdirSync(mount.dir).sort()).toEqual(['filler', 'profiles.json'])
    } finally {
      await pool.release()
      mount.remove()
    }
  })

  it('read-only mount: reads work, nothing is written, saves say why', (ctx) => {
    const mount = mountTmpfs('64k')
    if (typeof mount === 'string') return ctx.skip(mount)
    try {
      open({ cwd: mount.dir }).write({ version: 2, names: ['kept'] })
      writeFileSync(join(mount.dir, 'settings.json'), '{"version":1,"names":["old"]}')
      mount.readOnly()
      const notices: AppNotice[] = []
      const store = open({ cwd: mount.dir, notices })
      expect(store.read().names).toEqual(['kept'])
      expect(store.readOnly).toMatch(/mounted read-only \(EROFS/)
      const failure = failureOf(() => store.write({ version: 2, names: [] }))
      expect(failure.error.code).toBe('STORE_UNWRITABLE')
      expect(failure.message).toMatch(/read-only.*Nothing was changed/)
      // An older file is upgraded in memory only.
      const settings = openStore({
        backend: confBackend,
        cwd: mount.dir,
        name: 'settings',
        schema: Doc,
        defaults: EMPTY,
        migrations: MIGRATIONS
      })
      expect(settings.read()).toEqual({ version: 2, names: ['old'] })
      expect(readFileSync(join(mount.dir, 'settings.json'), 'utf8')).toContain('"version":1')
      expect(notices).toEqual([])
    } finally {
      mount.remove()
    }
  })
})
