import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { makeLaunch, makeTempLedgerDir } from './fixtures/launches'
import { LedgerFile } from './index'

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

const minute = (n: number): string => new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString()

describe('Ledger.processNames', () => {
  beforeEach(() => {
    const uses: [string, string][] = [
      ['dev', 'alpha'],
      ['dev', 'beta'],
      ['dev', 'alpha'],
      ['dev', 'gamma'],
      ['test', 'delta'],
      ['test', 'beta'],
      ['prod', 'loan_x'],
      ['prod', 'Loan_y'],
      ['prod', 'lo%an']
    ]
    uses.forEach(([profileId, processName], n) =>
      ledger.begin(makeLaunch({ profileId, processName, startedAt: minute(n) }))
    )
    // A backdated launch does not make a name recent.
    ledger.begin(makeLaunch({ profileId: 'dev', processName: 'alpha', startedAt: minute(-10) }))
  })

  it('suggests distinct names, most recently used first', () => {
    expect(ledger.processNames()).toEqual([
      'lo%an',
      'Loan_y',
      'loan_x',
      'beta',
      'delta',
      'gamma',
      'alpha'
    ])
    expect(ledger.processNames({ profileId: 'dev' })).toEqual(['gamma', 'alpha', 'beta'])
    expect(ledger.processNames({ limit: 2 })).toEqual(['lo%an', 'Loan_y'])
  })

  it('filters by a literal, case-insensitive prefix', () => {
    expect(ledger.processNames({ prefix: 'LO' })).toEqual(['lo%an', 'Loan_y', 'loan_x'])
    expect(ledger.processNames({ prefix: 'lo%' })).toEqual(['lo%an'])
    expect(ledger.processNames({ prefix: 'loan_' })).toEqual(['Loan_y', 'loan_x'])
    expect(ledger.processNames({ prefix: 'b', profileId: 'test' })).toEqual(['beta'])
    expect(ledger.processNames({ prefix: 'zzz' })).toEqual([])
  })
})
