import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

import type { AppNotice } from '../../shared/domain'
import { confBackend } from './conf-backend'
import { openStore } from './open-store'
import { ORPHAN_AGE_MS } from './store-file'

const Doc = z.strictObject({ version: z.literal(1), names: z.array(z.string()) })
const EMPTY = { version: 1 as const, names: [] as string[] }

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-store-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function open(notices: AppNotice[] = []) {
  return openStore({
    backend: confBackend,
    cwd: dir,
    name: 'things',
    schema: Doc,
    defaults: EMPTY,
    notify: (n) => notices.push(n),
    now: () => new Date('2026-11-23T10:00:00.000Z')
  })
}

describe('openStore', () => {
  it('persists validated documents across reopen', () => {
    open().write({ version: 1, names: ['dev', 'staging'] })
    expect(open().read()).toEqual({ version: 1, names: ['dev', 'staging'] })
    expect(JSON.parse(readFileSync(join(dir, 'things.json'), 'utf8')).names).toEqual([
      'dev',
      'staging'
    ])
  })

  it('refuses to write a document that breaks the schema, keeping the old one', () => {
    const store = open()
    store.write({ version: 1, names: ['a'] })
    expect(() => store.write({ version: 1, names: [42] } as never)).toThrow()
    expect(open().read().names).toEqual(['a'])
  })

  const fixtures: Array<[string, Buffer]> = [
    ['truncated JSON', Buffer.from('{"version":1,"names":["de')],
    ['an empty file', Buffer.alloc(0)],
    ['NUL bytes', Buffer.alloc(64, 0)],
    ['schema-invalid content', Buffer.from('{"version":1,"names":"nope"}')]
  ]

  it.each(fixtures)(
    'keeps the bytes of a file with %s, starts clean and says so',
    (_label, bytes) => {
      writeFileSync(join(dir, 'things.json'), bytes)
      const notices: AppNotice[] = []
      const store = open(notices)

      expect(store.read()).toEqual(EMPTY)
      const backup = join(dir, 'things.corrupt-2026-11-23T10-00-00-000Z.json')
      expect(readFileSync(backup).equals(bytes)).toBe(true)
      expect(notices).toHaveLength(1)
      expect(notices[0].message).toContain(backup)
      store.write({ version: 1, names: ['works'] })
      expect(open().read().names).toEqual(['works'])
    }
  )

  it('removes temp files an interrupted write left long ago, never a write in flight', () => {
    const stale = join(dir, 'things.json.tmp-1732356000abc123')
    writeFileSync(stale, '{')
    const old = new Date(Date.now() - ORPHAN_AGE_MS - 60_000)
    utimesSync(stale, old, old)
    writeFileSync(join(dir, 'things.json.tmp-1732356001abc124'), '{') // another process, now
    writeFileSync(join(dir, 'other.json.tmp-1732356000abc123'), '{')
    utimesSync(join(dir, 'other.json.tmp-1732356000abc123'), old, old)
    open()
    expect(readdirSync(dir).sort()).toEqual([
      'other.json.tmp-1732356000abc123',
      'things.json.tmp-1732356001abc124'
    ])
  })

  it('writes nothing at open: the file is created by the first save', () => {
    const store = open()
    expect(store.read()).toEqual(EMPTY)
    expect(readdirSync(dir)).toEqual([])
    store.write({ version: 1, names: ['a'] })
    expect(readdirSync(dir)).toEqual(['things.json'])
  })

  it('the CLI backend writes plain JSON too: no encryptionKey (SEC-5)', () => {
    const store = open()
    store.write({ version: 1, names: ['sealed-elsewhere'] })
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({
      version: 1,
      names: ['sealed-elsewhere']
    })
  })

  it('creates new files with the requested mode', () => {
    const store = openStore({
      backend: confBackend,
      cwd: dir,
      name: 'secret-ish',
      schema: Doc,
      defaults: EMPTY,
      fileMode: 0o600
    })
    store.write({ version: 1, names: ['x'] })
    expect(existsSync(store.path)).toBe(true)
    expect(statSync(store.path).mode & 0o777).toBe(0o600)
  })
})
