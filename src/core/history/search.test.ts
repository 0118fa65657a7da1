import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { HistoryQuery, LaunchStatus, LaunchSummary } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { makeInstance, makeLaunch, makeTempLedgerDir } from './fixtures/launches'
import { LedgerFile } from './index'

const T0 = Date.UTC(2025, 0, 1)
const PROFILES = ['dev', 'test', 'prod'] as const
const PROCESSES = ['customer_onboarding', 'loan_application', '[DOCS]kyc_check', 'résumé_review']
const OUTCOMES: readonly LaunchStatus[] = ['started', 'failed', 'pending', 'unknown']

let temp: ReturnType<typeof makeTempLedgerDir>
let ledger: LedgerFile

beforeEach(() => {
  temp = makeTempLedgerDir()
  ledger = LedgerFile.open(temp.file)
})

afterEach(() => {
  ledger.close()
  temp.cleanup()
})

const minute = (n: number): string => new Date(T0 + n * 60_000).toISOString()
const uuidOf = (i: number): string => `0f8fad5b-d9cb-469f-a165-${String(i).padStart(12, '0')}`
const idsOf = (items: LaunchSummary[]): string[] => items.map((item) => item.id)

/** 24 launches, one a minute: profile i%3, process i%4, outcome i%4, instance uuid and token per i. */
function seed(): void {
  ledger.batch(() => {
    for (let i = 0; i < 24; i++) {
      const profileId = PROFILES[i % 3]
      const { id } = ledger.begin(
        makeLaunch({
          id: `l${String(i).padStart(2, '0')}`,
          startedAt: minute(i),
          profileId,
          profileName: profileId === 'dev' ? 'Development' : profileId,
          processName: PROCESSES[i % 4]
        })
      )
      const status = OUTCOMES[i % 4]
      if (status === 'pending') continue
      const instance = makeInstance(uuidOf(i), [String(5000 + i), String(9000 + i)])
      ledger.complete(id, { status, durationMs: 10, instance })
    }
  })
}

/** Ids of seeded launches matching `keep`, newest first. */
function expected(keep: (i: number) => boolean): string[] {
  const out: string[] = []
  for (let i = 23; i >= 0; i--) if (keep(i)) out.push(`l${String(i).padStart(2, '0')}`)
  return out
}

const search = (query: HistoryQuery): string[] => idsOf(ledger.search(query).items)

function failureCode(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (error) {
    if (error instanceof AppFailure) return error.error.code
    throw error
  }
  return undefined
}

describe('Ledger.search filters', () => {
  beforeEach(seed)

  it('lists everything newest first', () => {
    expect(search({})).toEqual(expected(() => true))
  })

  it('filters by profile, exact process name and status', () => {
    expect(search({ profileId: 'test' })).toEqual(expected((i) => i % 3 === 1))
    expect(search({ processName: '[DOCS]kyc_check' })).toEqual(expected((i) => i % 4 === 2))
    expect(search({ processName: 'loan' })).toEqual([])
    for (const [n, status] of OUTCOMES.entries()) {
      expect(search({ status })).toEqual(expected((i) => i % 4 === n))
    }
  })

  it('filters by time, from inclusive and to exclusive, in any offset', () => {
    expect(search({ from: minute(5), to: minute(10) })).toEqual(expected((i) => i >= 5 && i < 10))
    expect(search({ from: '2025-01-01T01:20:00+01:00' })).toEqual(expected((i) => i >= 20))
    expect(failureCode(() => ledger.search({ from: 'last week' }))).toBe('INVALID_INPUT')
  })

  it('combines filters', () => {
    const query = { profileId: 'dev', status: 'started' as const, from: minute(1) }
    expect(search(query)).toEqual(expected((i) => i % 3 === 0 && i % 4 === 0 && i >= 1))
  })

  it('returns light summaries', () => {
    const [item] = ledger.search({ processName: 'customer_onboarding' }).items
    expect(item).toMatchObject({
      id: 'l20',
      status: 'started',
      instanceUuid: uuidOf(20),
      instanceState: 'STARTED',
      tokenCount: 2
    })
    expect(item).not.toHaveProperty('payload')
    expect(item).not.toHaveProperty('instance')
    const pending = ledger.search({ status: 'pending' }).items[0]
    expect(pending.tokenCount).toBe(0)
    expect(pending).not.toHaveProperty('instanceUuid')
  })
})

describe('Ledger.search text', () => {
  beforeEach(seed)

  it('matches a pasted uuid or token id exactly', () => {
    expect(search({ text: uuidOf(13) })).toEqual(['l13'])
    expect(search({ text: ` ${uuidOf(13).toUpperCase()} ` })).toEqual(['l13'])
    expect(search({ text: '5013' })).toEqual(['l13'])
    expect(search({ text: '9004' })).toEqual(['l04'])
    expect(search({ text: '501' })).toEqual([])
    expect(search({ text: '0f8fad5b-d9cb-469f-a165-999999999999' })).toEqual([])
  })

  it('matches the start of an instance uuid, and a whole app or build id', () => {
    expect(search({ text: '0f8fad5b-d9cb-469f-a165-00000000001' })).toEqual(
      expected((i) => i >= 10 && i < 20 && i % 4 !== 2)
    )
    expect(search({ text: uuidOf(7).slice(0, 8).toUpperCase() })).toEqual(
      expected((i) => i % 4 !== 2)
    )
    const appId = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b'
    ledger.begin(makeLaunch({ id: 'by-app', appId, startedAt: minute(99) }))
    expect(search({ text: appId })).toEqual(['by-app'])
    expect(search({ text: 'app' })).toHaveLength(24)
  })

  it('prefix-matches words of process names, profile names and ids', () => {
    expect(search({ text: 'onboard' })).toEqual(expected((i) => i % 4 === 0))
    expect(search({ text: 'LOAN appl' })).toEqual(expected((i) => i % 4 === 1))
    expect(search({ text: 'kyc' })).toEqual(expected((i) => i % 4 === 2))
    expect(search({ text: 'resume' })).toEqual(expected((i) => i % 4 === 3))
    expect(search({ text: 'customer_onb' })).toEqual(expected((i) => i % 4 === 0))
    expect(search({ text: 'develop' })).toEqual(expected((i) => i % 3 === 0))
    expect(search({ text: 'l07' })).toEqual(['l07'])
    expect(search({ text: 'onboard kyc' })).toEqual([])
  })

  it('treats search syntax as plain text', () => {
    for (const text of ['AND', 'NEAR(onb', '"', 'a:b', '-onb', 'onb*', '^kyc', 'OR OR', '()']) {
      expect(() => ledger.search({ text })).not.toThrow()
    }
    expect(search({ text: 'kyc OR onboarding' })).toEqual([])
  })

  it('falls back to a substring of the process name for text without letters or digits', () => {
    expect(search({ text: '[' })).toEqual(expected((i) => i % 4 === 2))
    expect(search({ text: '%' })).toEqual([])
    expect(search({ text: '   ' })).toEqual(expected(() => true))
  })

  it('combines text with filters and paging', () => {
    const first = ledger.search({ text: 'onboard', profileId: 'dev', limit: 1 })
    expect(idsOf(first.items)).toEqual(['l12'])
    const rest = ledger.search({ text: 'onboard', profileId: 'dev', cursor: first.nextCursor })
    expect(idsOf(rest.items)).toEqual(['l00'])
    expect(rest.nextCursor).toBeUndefined()
  })
})

describe('Ledger.search paging', () => {
  /** 1,000 launches in groups of three sharing a start time, ids in no particular order. */
  function seedThousand(): string[] {
    const rows: { id: string; startedAt: string }[] = []
    ledger.batch(() => {
      for (let i = 0; i < 1000; i++) {
        const id = `r${String((i * 7919) % 1000).padStart(4, '0')}`
        const startedAt = new Date(T0 + Math.floor(i / 3) * 1000).toISOString()
        ledger.begin(makeLaunch({ id, startedAt }))
        rows.push({ id, startedAt })
      }
    })
    rows.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id))
    return rows.map((row) => row.id)
  }

  it('walks 1,000 launches without gaps or duplicates', () => {
    const order = seedThousand()
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = ledger.search({ limit: 37, cursor })
      seen.push(...idsOf(page.items))
      cursor = page.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(Math.ceil(1000 / 37))
    expect(seen).toEqual(order)
  })

  it('stays stable when launches are added while paging', () => {
    const order = seedThousand()
    const seen: string[] = []
    let page = ledger.search({ limit: 100 })
    seen.push(...idsOf(page.items))
    for (let n = 0; n < 5; n++) ledger.begin(makeLaunch({ id: `new${n}`, startedAt: minute(60) }))
    ledger.begin(makeLaunch({ id: 'backdated', startedAt: '2024-12-31T00:00:00.000Z' }))
    while (page.nextCursor) {
      page = ledger.search({ limit: 100, cursor: page.nextCursor })
      seen.push(...idsOf(page.items))
    }
    expect(seen).toEqual([...order, 'backdated'])
  })

  it('pages text matches the same way whether they are few or many', () => {
    const order = seedThousand()
    ledger.batch(() => {
      for (let i = 0; i < 5; i++) {
        ledger.begin(makeLaunch({ id: `more${i}`, startedAt: '2024-01-01T00:00:00.000Z' }))
      }
      for (let i = 0; i < 200; i++) {
        const startedAt = new Date(T0 + i * 5000 + 1).toISOString()
        ledger.begin(makeLaunch({ id: `other${i}`, startedAt, processName: 'loan_application' }))
      }
    })
    const walk = (query: HistoryQuery): string[] => {
      const seen: string[] = []
      let cursor: string | undefined
      do {
        const page = ledger.search({ ...query, limit: 45, cursor })
        seen.push(...idsOf(page.items))
        cursor = page.nextCursor
      } while (cursor)
      return seen
    }
    // 1,005 matches, then 200: both sides of BROAD_MATCHES.
    expect(walk({ text: 'onboard' })).toEqual([
      ...order,
      'more4',
      'more3',
      'more2',
      'more1',
      'more0'
    ])
    expect(walk({ text: 'loan' })).toEqual(Array.from({ length: 200 }, (_, i) => `other${199 - i}`))
  })

  it('pages 50 by default and at most 500', () => {
    seedThousand()
    const first = ledger.search({})
    expect(first.items).toHaveLength(50)
    expect(first.nextCursor).toEqual(expect.any(String))
    expect(ledger.search({ limit: 10_000 }).items).toHaveLength(500)
    expect(ledger.search({ limit: 0 }).items).toHaveLength(1)
  })

  it('refuses a cursor it did not make', () => {
    for (const cursor of ['not a cursor', Buffer.from('["x"]').toString('base64url'), '']) {
      expect(failureCode(() => ledger.search({ cursor }))).toBe('INVALID_INPUT')
    }
  })
})
