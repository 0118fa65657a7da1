import { describe, expect, it } from 'vitest'

import type { BatchRecord } from '../../shared/domain'
import { MAX_LISTED_ROWS, markdownCell, rowsToMarkdown } from './markdown-report'
import type { RowOutcome } from './types'

const batch: BatchRecord = {
  id: 'b-1',
  createdAt: '2026-12-07T10:00:00.000Z',
  profileId: 'p1',
  profileName: 'Staging',
  rowsFile: 'loans.csv',
  status: 'done',
  total: 3,
  started: 2,
  failed: 1,
  unknown: 0,
  skipped: 0,
  notSent: 0
}
const header = { batch, title: 'loan request on Staging' }
const started = (row: number): RowOutcome => ({
  row,
  status: 'started',
  sent: true,
  httpStatus: 200,
  key: `C-${row}`,
  recordId: `r${row}`
})

describe('Markdown summary', () => {
  it('says a run passed, with its counts, and lists no rows', () => {
    const text = rowsToMarkdown({ ...header, batch: { ...batch, failed: 0, started: 3 } }, [
      started(1),
      started(2),
      started(3)
    ])
    expect(text).toContain('### ✅ loan request on Staging')
    expect(text).toContain('Batch `b-1` · done · 2026-12-07 10:00:00 UTC · loans.csv')
    expect(text).toContain('| Started | Failed | Unknown | Skipped | Not sent | Rows |')
    expect(text).toContain('| 3 | 0 | 0 | 0 | 0 | 3 |')
    expect(text).toContain('Every row started a process.')
    expect(text).not.toContain('did not pass')
  })

  it('lists the rows that did not pass with why, their expectation and history entry, as plain text', () => {
    const rows: RowOutcome[] = [
      { ...started(1), expected: 'started', asExpected: true },
      {
        row: 2,
        status: 'failed',
        sent: true,
        httpStatus: 400,
        key: 'C|2',
        recordId: 'r2',
        expected: 'started',
        asExpected: false,
        error: { code: 'VALIDATION', message: 'Bad <script>x</script>\nline | two' }
      },
      { ...started(3), expected: '400', asExpected: false }
    ]
    const text = rowsToMarkdown({ ...header, shard: '2/4' }, rows)
    expect(text).toContain('### ❌ loan request on Staging (shard 2/4)')
    expect(text).toContain(
      '| Started | Failed | Unknown | Not as expected | Skipped | Not sent | Rows |'
    )
    expect(text).toContain('| 2 | 1 | 0 | 2 | 0 | 0 | 3 |')
    expect(text).toContain('| Row | Status | HTTP | Expected | Why | History entry |')
    expect(text).toContain(
      '| 2 \\[C\\|2\\] | failed | 400 | started | Bad &lt;script&gt;x&lt;/script&gt; line \\| two | `r2` |'
    )
    expect(text).toContain(
      '| 3 \\[C-3\\] | started | 200 | 400 | Expected 400, but the process started. | `r3` |'
    )
    expect(text).not.toContain('| 1 \\[C-1')
  })

  it('marks a run with an unknown row, and names only the first rows of a long list', () => {
    const rows: RowOutcome[] = Array.from({ length: MAX_LISTED_ROWS + 5 }, (_, i) => ({
      row: i + 1,
      status: i === 0 ? 'unknown' : 'not-sent',
      sent: i === 0
    }))
    const text = rowsToMarkdown(header, rows)
    expect(text).toContain('### ⚠️ ')
    expect(text).toContain(
      `Rows that did not pass (the first ${MAX_LISTED_ROWS} of ${MAX_LISTED_ROWS + 5}):`
    )
    expect(text).toContain('Outcome unknown: check FlowX before running this row again.')
    expect(text.match(/^\| \d+ \| (unknown|not-sent) \|/gm)).toHaveLength(MAX_LISTED_ROWS)
  })

  it('keeps a cell on one line with nothing a page would render', () => {
    expect(markdownCell('a\n\n b')).toBe('a b')
    expect(markdownCell('**x** [l](u) `c` <b>')).toBe('\\*\\*x\\*\\* \\[l\\](u) \\`c\\` &lt;b&gt;')
    expect(markdownCell(undefined)).toBe('')
  })
})
