import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { LedgerFile } from '../core/history'
import { makeLaunch } from '../core/history/fixtures/launches'
import { parseAge } from './commands/history-prune'
import { useSandboxFixture } from './test-support'

const fx = useSandboxFixture()

/** Seed the CLI's ledger directly: three launches on known days, one with a ticket. */
function seed(): void {
  const day = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString()
  const ledger = LedgerFile.open(join(fx.h.dataDir, 'history.db'))
  try {
    for (const [id, age, ticket] of [
      ['old', 200, undefined],
      ['mid', 100, 'SUP-7'],
      ['new', 1, 'SUP-7']
    ] as const) {
      const { id: launched } = ledger.begin(
        makeLaunch({ id, startedAt: day(age), ticket, payload: `{"who":"${id}@example.com"}` })
      )
      ledger.complete(launched, { status: 'started', durationMs: 2 })
    }
  } finally {
    ledger.close()
  }
}

describe('history export', () => {
  it('writes whole records filtered like the list, as CSV or JSON, to a file or stdout', async () => {
    seed()
    const out = join(fx.h.dir, 'tickets.csv')
    const csv = await fx.h.run(['history', '--ticket', 'SUP-7', '--format', 'csv', '--out', out])
    expect(csv.code).toBe(0)
    expect(csv.stderr.text).toContain('Exported 2 launches')
    const lines = readFileSync(out, 'utf8').trim().split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toContain('ticket')
    expect(lines[1]).toContain('new@example.com')

    const json = await fx.h.run(['history', '--search', 'old@example.com', '--format', 'json'])
    const doc = JSON.parse(json.stdout.text) as {
      count: number
      launches: Array<{ id: string; payload: string }>
    }
    expect(doc.count).toBe(1)
    expect(doc.launches[0]).toMatchObject({ id: 'old', payload: '{"who":"old@example.com"}' })
  })

  it('refuses an unknown format and an unwritable --out with a clear message', async () => {
    const bad = await fx.h.run(['history', '--format', 'xml'])
    expect(bad.code).toBe(2)
    expect(bad.stderr.text).toContain('--format: csv or json')
    writeFileSync(join(fx.h.dir, 'file'), 'x')
    const unwritable = await fx.h.run([
      'history',
      '--format',
      'json',
      '--out',
      join(fx.h.dir, 'file', 'x.json')
    ])
    expect(unwritable.code).toBe(2)
    expect(unwritable.stderr.text).toMatch(/Could not write/)
  })
})

describe('history prune', () => {
  it('says what a dry run would remove, then removes exactly that', async () => {
    seed()
    const dry = await fx.h.run(['history', 'prune', '--older-than', '90d', '--dry-run'])
    expect(dry.code).toBe(0)
    expect(dry.stdout.text).toMatch(/Would remove 2 launches older than 90 days/)
    expect(fx.h.recordCount()).toBe(3)
    const real = await fx.h.run(['history', 'prune', '--older-than', '90d'])
    expect(real.stdout.text).toMatch(/Removed 2 launches/)
    expect(fx.h.withLedger((ledger) => ledger.search({}).items.map((i) => i.id))).toEqual(['new'])
  })

  it('needs a rule, and reads ages in days, weeks, months and years', async () => {
    const none = await fx.h.run(['history', 'prune'])
    expect(none.code).toBe(2)
    expect(none.stderr.text).toContain('--older-than 90d')
    expect([
      parseAge('90d'),
      parseAge('2w'),
      parseAge('6m'),
      parseAge('1y'),
      parseAge('5')
    ]).toEqual([90, 14, 180, 365, 5])
    expect(() => parseAge('ninety')).toThrow('--older-than')
  })
})

describe('a damaged history file', () => {
  it('does not block a read command, and the next launch sets it aside and says so on stderr', async () => {
    const file = join(fx.h.dataDir, 'history.db')
    mkdirSync(fx.h.dataDir, { recursive: true })
    writeFileSync(
      file,
      'not a database, and long enough to look like one at first glance'.repeat(80)
    )
    const list = await fx.h.run(['history'])
    expect(list.code).toBe(0)
    expect(list.stderr.text).toMatch(/launch history file is damaged/)
    const args = [
      'start',
      '--base-url',
      fx.sandbox.baseUrl,
      '--app',
      'a',
      '--build',
      'b',
      '--process',
      'p'
    ]
    const start = await fx.h.run(args)
    expect(start.stderr.text).toMatch(/set aside as history\.corrupt-/)
    expect(fx.h.recordCount()).toBe(1)
  })
})
