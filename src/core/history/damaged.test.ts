import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { AppFailure } from '../../shared/errors'
import { PAGE_SIZE } from './database'
import { makeLaunch, makeTempLedgerDir } from './fixtures/launches'
import { LedgerFile, openLedger } from './index'
import { checkWal } from './wal-check'

let temp: ReturnType<typeof makeTempLedgerDir>

beforeEach(() => {
  temp = makeTempLedgerDir()
})

afterEach(() => {
  temp.cleanup()
})

function withRaw<T>(fn: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(temp.file)
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

const kept = (tag: string): string[] =>
  readdirSync(temp.dir).filter((name) => name.startsWith(`history.${tag}-`))

describe('a damaged history file', () => {
  it('is set aside with its bytes, a fresh ledger starts, and the user is told', async () => {
    const garbage = 'this is not SQLite, just text long enough to fill a header.'.repeat(90)
    writeFileSync(temp.file, garbage)
    const ledger = await openLedger(temp.file)
    try {
      expect(ledger.report.messages).toHaveLength(1)
      expect(ledger.report.messages[0]).toMatch(
        /damaged and has been set aside as history\.corrupt-/
      )
      const [aside] = kept('corrupt')
      expect(readFileSync(join(temp.dir, aside), 'utf8')).toBe(garbage)
      await ledger.begin(makeLaunch({ id: 'after' }))
      expect(await ledger.count()).toBe(1)
    } finally {
      await ledger.close()
    }
  })

  /** 400 launches in the file, then one leaf page of the launches table overwritten. */
  function fillAndDamage(beforeDamage?: (db: DatabaseSync) => void): void {
    const first = LedgerFile.open(temp.file)
    first.batch(() => {
      for (let i = 0; i < 400; i++) {
        first.begin(
          makeLaunch({
            id: `l${i}`,
            startedAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
            payload: JSON.stringify({ row: i, filler: 'x'.repeat(900) })
          })
        )
      }
    })
    first.close()
    if (beforeDamage) withRaw(beforeDamage)
    // Overwrite one leaf page of the launches table, in the middle (pages are numbered from 1).
    const leaves = withRaw((db) =>
      db
        .prepare(
          "SELECT pageno FROM dbstat WHERE name = 'launches' AND pagetype = 'leaf' ORDER BY pageno"
        )
        .all()
        .map((row) => Number(row.pageno))
    )
    const page = leaves[Math.floor(leaves.length / 2)] - 1
    const bytes = readFileSync(temp.file)
    bytes.fill(0x5a, page * PAGE_SIZE, (page + 1) * PAGE_SIZE)
    writeFileSync(temp.file, bytes)
  }

  it('keeps every launch that can still be read when one page is damaged', async () => {
    fillAndDamage()
    const ledger = await openLedger(temp.file)
    try {
      const message = ledger.report.messages.join(' ')
      expect(message).toMatch(/set aside/)
      const count = await ledger.count()
      // Most launches come back; the damaged page's few do not, and the message says how many.
      expect(count).toBeGreaterThan(350)
      expect(count).toBeLessThan(400)
      expect(message).toMatch(
        new RegExp(`with the ${count} launch\\(es\\) that could still be read`)
      )
      expect(kept('corrupt').filter((name) => name.endsWith('.db'))).toHaveLength(1)
    } finally {
      await ledger.close()
    }
  })

  it('keeps the launches of a damaged file written before the expected-outcome column', async () => {
    fillAndDamage((db) => {
      db.exec('ALTER TABLE launches DROP COLUMN expected')
      db.exec('PRAGMA user_version = 5')
    })
    const ledger = await openLedger(temp.file)
    try {
      expect(ledger.report.messages.join(' ')).toMatch(/set aside/)
      expect(await ledger.count()).toBeGreaterThan(350)
      expect((await ledger.get('l0'))?.expected).toBeUndefined()
    } finally {
      await ledger.close()
    }
  })
})

describe('a WAL damaged after a crash', () => {
  it('reports the committed launches that could not be recovered and keeps the journal', async () => {
    const live = LedgerFile.open(temp.file)
    try {
      live.begin(makeLaunch({ id: 'a' }))
      live.begin(makeLaunch({ id: 'b' }))
      live.begin(makeLaunch({ id: 'c' }))
      // The state a crash leaves: main file and WAL, copied while the writer still has them.
      const crashed = join(temp.dir, 'crashed')
      mkdirSync(crashed)
      copyFileSync(temp.file, join(crashed, 'history.db'))
      copyFileSync(`${temp.file}-wal`, join(crashed, 'history.db-wal'))
      const wal = readFileSync(join(crashed, 'history.db-wal'))
      expect(checkWal(join(crashed, 'history.db-wal')).lostCommits).toBe(0)
      // Damage a byte in the second frame's page.
      wal[32 + 24 + PAGE_SIZE + 24 + 100] ^= 0xff
      writeFileSync(join(crashed, 'history.db-wal'), wal)
      expect(checkWal(join(crashed, 'history.db-wal')).lostCommits).toBeGreaterThan(0)

      const ledger = await openLedger(join(crashed, 'history.db'))
      try {
        expect(ledger.report.messages.join(' ')).toMatch(/could not be recovered/)
        expect(readdirSync(crashed).some((name) => name.startsWith('history.wal-damaged-'))).toBe(
          true
        )
      } finally {
        await ledger.close()
      }
    } finally {
      live.close()
    }
  })
})

describe('read-only files', () => {
  it('reads a history opened read-only, and says why a write is refused', async () => {
    const writer = await openLedger(temp.file)
    await writer.begin(makeLaunch({ id: 'kept', ticket: 'SUP-2' }))
    await writer.close()
    const reader = await openLedger(temp.file, { readOnly: true })
    try {
      expect(reader.readOnly).toBe(true)
      expect((await reader.search({ ticket: 'SUP-2' })).items.map((i) => i.id)).toEqual(['kept'])
      expect((await reader.get('kept'))?.id).toBe('kept')
      const failure = await reader.begin(makeLaunch()).catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(AppFailure)
      expect((failure as AppFailure).message).toMatch(/read-only/)
    } finally {
      await reader.close()
    }
  })
})

/** A small tmpfs mounted for one test, where the machine allows it (root in a container). */
function mountTmpfs(dir: string, size: string): boolean {
  mkdirSync(dir, { recursive: true })
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const canMount = ((): boolean => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false
  const probe = makeTempLedgerDir()
  try {
    const ok = mountTmpfs(join(probe.dir, 'm'), '64k')
    if (ok) execFileSync('umount', [join(probe.dir, 'm')])
    return ok
  } finally {
    probe.cleanup()
  }
})()

describe.skipIf(!canMount)(
  'a full or read-only disk (tmpfs; needs mount rights, skipped otherwise)',
  () => {
    it('says the disk is full, sends nothing, and loses no launch already recorded', async () => {
      const mnt = join(temp.dir, 'small')
      mountTmpfs(mnt, '256k')
      try {
        const file = join(mnt, 'history.db')
        const ledger = await openLedger(file)
        const written: string[] = []
        let failure: unknown
        for (let i = 0; i < 400 && failure === undefined; i++) {
          try {
            const big = JSON.stringify({ i, filler: 'y'.repeat(4000) })
            written.push((await ledger.begin(makeLaunch({ id: `f${i}`, payload: big }))).id)
          } catch (error) {
            failure = error
          }
        }
        expect(failure).toBeInstanceOf(AppFailure)
        expect((failure as AppFailure).message).toMatch(/disk holding the launch history is full/)
        await ledger.close()
        const reopened = await openLedger(file, { readOnly: true })
        expect(await reopened.count()).toBe(written.length)
        await reopened.close()
      } finally {
        execFileSync('umount', ['-l', mnt])
      }
    })

    it('opens a history on a read-only mount for reading, and says so', async () => {
      const mnt = join(temp.dir, 'ro')
      mountTmpfs(mnt, '1m')
      try {
        const file = join(mnt, 'history.db')
        const writer = await openLedger(file)
        await writer.begin(makeLaunch({ id: 'on-ro' }))
        await writer.close()
        execFileSync('mount', ['-o', 'remount,ro', mnt])
        expect(statSync(file).size).toBeGreaterThan(0)
        const ledger = await openLedger(file)
        try {
          expect(ledger.readOnly).toBe(true)
          expect(ledger.report.messages.join(' ')).toMatch(/can only be read here/)
          expect((await ledger.search({})).items.map((i) => i.id)).toEqual(['on-ro'])
          await expect(ledger.begin(makeLaunch())).rejects.toThrow(/read-only/)
        } finally {
          await ledger.close()
        }
      } finally {
        execFileSync('umount', ['-l', mnt])
      }
    })
  }
)
