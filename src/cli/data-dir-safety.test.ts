/**
 * The CLI on a data directory that is not in order: damaged or newer store files are reported on
 * stderr (where the bytes are), read commands write nothing, and a directory that is a file, a
 * read-only mount or a full disk give a clear message and lose nothing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { mountTmpfs } from '../core/stores/test-mount'
import { CliHarness } from './test-support'

let h: CliHarness
beforeEach(() => {
  h = new CliHarness()
})
afterEach(() => h.cleanup())

const STORES = ['profiles', 'settings', 'secrets'] as const
const DAMAGED: Array<[string, string]> = [
  ['truncated JSON', '{"version":2,"profiles":[{"id":"a'],
  ['an empty file', ''],
  ['NUL bytes', '\0'.repeat(32)],
  ['content of the wrong shape', '{"drafts":"nope","profiles":7,"secrets":[]}']
]
const NEWER = '{"version":99}'

/** An export file with no profiles: importing it opens the stores for writing, changes nothing. */
function emptyExport(): string {
  const file = join(h.dir, 'none.json')
  writeFileSync(
    file,
    JSON.stringify({
      format: 'flowx-launcher-profiles',
      version: 1,
      exportedAt: '2026-12-01T00:00:00.000Z',
      profiles: [],
      secretsRequired: []
    })
  )
  return file
}

function storeFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : []
}

describe('damaged and newer store files', () => {
  for (const store of STORES) {
    for (const [label, content] of DAMAGED) {
      it(`${store}.json with ${label}: reported by a read, kept aside by a write`, async () => {
        mkdirSync(h.dataDir)
        const file = join(h.dataDir, `${store}.json`)
        writeFileSync(file, content)

        const read = await h.run(['profiles'])
        expect(read.code).toBe(0)
        expect(read.stderr.text).toContain(
          `flowx-launcher: warning: The ${store} file could not be read`
        )
        expect(read.stderr.text).toContain(`Nothing was changed: it stays at ${file}`)
        expect(readFileSync(file, 'utf8')).toBe(content)

        const write = await h.run(['profiles', 'import', emptyExport()])
        expect(write.code).toBe(0)
        const kept = /It was kept as (\S+\.corrupt-\S+\.json)/.exec(write.stderr.text)?.[1]
        expect(kept, write.stderr.text).toBeDefined()
        expect(readFileSync(kept as string, 'utf8')).toBe(content)
      })
    }

    it(`${store}.json from a newer version: named, never replaced, writes refused`, async () => {
      mkdirSync(h.dataDir)
      const file = join(h.dataDir, `${store}.json`)
      writeFileSync(file, NEWER)

      const read = await h.run(['profiles'])
      expect(read.code).toBe(0)
      expect(read.stderr.text).toMatch(
        new RegExp(
          `flowx-launcher: error: The ${store} file was written by a newer FlowX Launcher \\(file version 99`
        )
      )
      const write = await h.run(['profiles', 'import', emptyExport()])
      expect(write.stderr.text).toContain('file version 99')
      expect(readFileSync(file, 'utf8')).toBe(NEWER)
      expect(readdirSync(h.dataDir).filter((f) => f.includes('corrupt'))).toEqual([])
    })
  }

  it('a newer profiles file: its profiles are still listed, an import says why it cannot save', async () => {
    mkdirSync(h.dataDir)
    const file = join(h.dataDir, 'profiles.json')
    const bytes = JSON.stringify({ version: 99, profiles: [] })
    writeFileSync(file, bytes)
    const imported = await h.run(['profiles', 'import', join(h.dir, 'missing.json')])
    expect(imported.stderr.text).toMatch(/Could not read/)
    const file2 = join(h.dir, 'one.json')
    const exported = await new CliHarness().run([
      'profiles',
      'export',
      '--profile',
      'Local sandbox',
      '--out',
      file2
    ])
    expect(exported.code).toBe(0)
    const write = await h.run(['profiles', 'import', file2])
    expect(write.code).toBe(2)
    expect(write.stderr.text).toMatch(
      /Could not save the profiles file: .*newer FlowX Launcher \(file version 99.*Nothing was changed/
    )
    expect(readFileSync(file, 'utf8')).toBe(bytes)
  })
})

describe('read commands write nothing', () => {
  it('history and profiles on a fresh data directory leave no store file behind', async () => {
    expect((await h.run(['history'])).code).toBe(0)
    expect((await h.run(['profiles'])).stdout.text).toContain('Local sandbox')
    expect((await h.run(['profiles', 'export'])).code).toBe(0)
    expect(storeFiles(h.dataDir)).toEqual([])
    // A command that saves still creates them.
    expect((await h.run(['profiles', 'import', emptyExport()])).code).toBe(0)
    expect(storeFiles(h.dataDir)).toEqual(['profiles.json'])
  })
})

describe('a data directory path that is a file', () => {
  it('says so instead of a raw EEXIST, and leaves the file alone', async () => {
    const file = join(h.dir, 'data-file')
    writeFileSync(file, 'keep me')
    for (const argv of [['profiles'], ['history'], ['profiles', 'import', emptyExport()]]) {
      const run = await h.run([...argv, '--data-dir', file])
      expect(run.code).toBe(2)
      expect(run.stderr.text).toContain(`The data directory ${file} is not a folder`)
      expect(run.stderr.text).not.toMatch(/EEXIST|ENOTDIR/)
    }
    expect(readFileSync(file, 'utf8')).toBe('keep me')
  })
})

describe('on a small tmpfs of its own', () => {
  it('read-only mount: reads work and write nothing, a save says why', async (ctx) => {
    const mount = mountTmpfs('1m')
    if (typeof mount === 'string') return ctx.skip(mount)
    try {
      const dataDir = join(mount.dir, 'data')
      const env = { env: { FLOWX_LAUNCHER_HOME: dataDir } }
      expect((await h.run(['profiles', 'import', emptyExport()], env)).code).toBe(0)
      const before = readdirSync(dataDir).sort()
      mount.readOnly()

      const listed = await h.run(['profiles'], env)
      expect(listed.code).toBe(0)
      expect(listed.stderr.text).toMatch(
        /The data directory cannot be written: the file system is mounted read-only/
      )
      const history = await h.run(['history'], env)
      expect(history.stderr.text).not.toMatch(/attempt to write a readonly database|unable to open/)
      const write = await h.run(['profiles', 'import', emptyExport()], env)
      expect(write.stderr.text).toMatch(/read-only/)
      expect(readdirSync(dataDir).sort()).toEqual(before)
    } finally {
      mount.remove()
    }
  })

  it('full disk: a clear message, what was saved is kept', async (ctx) => {
    const mount = mountTmpfs('256k')
    if (typeof mount === 'string') return ctx.skip(mount)
    try {
      const dataDir = join(mount.dir, 'data')
      mkdirSync(dataDir)
      const settings = join(dataDir, 'settings.json')
      writeFileSync(settings, '{"version":1}')
      try {
        writeFileSync(join(mount.dir, 'filler'), Buffer.alloc(256 * 1024))
      } catch {
        // ENOSPC once full: the filler keeps what it got, the disk stays full.
      }
      // The first save of this run is the built-in Local sandbox profile.
      const write = await h.run(['profiles', 'import', emptyExport()], {
        env: { FLOWX_LAUNCHER_HOME: dataDir }
      })
      expect(write.code).toBe(2)
      expect(write.stderr.text).toMatch(
        /Could not save the profiles file: the disk is full \(ENOSPC at .*Nothing was changed/
      )
      expect(write.stderr.text).toMatch(/Free some disk space/)
      expect(readFileSync(settings, 'utf8')).toBe('{"version":1}')
    } finally {
      mount.remove()
    }
  })
})
