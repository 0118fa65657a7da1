/** What a History row shows, and that a launch is formatted once while it stays near view. */
import { describe, expect, it } from 'vitest'

import { makeSummary } from '../../test/fake-flowx'
import { historyRowView, RECENT_ROW_VIEWS } from './history-row-view'

describe('a History row', () => {
  it('shows the status, the reason a launch failed, the duration and the profile colour', () => {
    const view = historyRowView(
      makeSummary('f1', {
        status: 'failed',
        durationMs: 1240,
        profileColor: 'blue',
        error: { code: 'NOT_FOUND', message: 'No process named x', httpStatus: 404 }
      })
    )
    expect(view.status).toBe('Failed')
    expect(view.reason.short).toContain('404')
    expect(view.reason.full).toBe('No process named x')
    expect(view.duration).toBe('1.24 s')
    expect(view.dot).toBe('--dot: #3b82f6')
    expect(view.fullTime.length).toBeGreaterThan(view.time.length)
  })

  it('formats a launch once while it is among the rows shown lately', () => {
    const row = makeSummary('a')
    const first = historyRowView(row)
    expect(historyRowView(row)).toBe(first)
    for (let i = 0; i < RECENT_ROW_VIEWS; i++) historyRowView(makeSummary(`other-${i}`))
    // Long scrolled past: formatted again, the same text.
    const again = historyRowView(row)
    expect(again).not.toBe(first)
    expect(again).toEqual(first)
  })
})
