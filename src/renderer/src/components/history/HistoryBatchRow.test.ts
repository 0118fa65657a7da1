// @vitest-environment happy-dom
/** A history entry that was a batch row says so, with the outcome its row expected and the verdict. */
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'

import { makeRecord } from '../../test/fake-flowx'
import HistoryBatchRow from './HistoryBatchRow.vue'

function shown(overrides: Parameters<typeof makeRecord>[0]) {
  return mount(HistoryBatchRow, { props: { record: makeRecord(overrides) } })
}

describe('HistoryBatchRow', () => {
  it('shows nothing for a launch that was not a batch row', () => {
    expect(shown({}).find('[data-testid="history-batch-row"]').exists()).toBe(false)
  })

  it('names the row, and a refusal the row expected as met', () => {
    const row = shown({
      batchId: 'b-1',
      batchRow: 12,
      status: 'failed',
      httpStatus: 400,
      expected: '4xx'
    })
    expect(row.text()).toContain('row 12')
    expect(row.get('[data-testid="history-expected"]').text()).toBe('✓ expected 4xx: met')
  })

  it('marks a start where a refusal was expected, and a pending entry, as not met', () => {
    const started = shown({ batchId: 'b-1', batchRow: 3, expected: '400' })
    expect(started.get('[data-testid="history-expected"]').text()).toBe('✗ expected 400: not met')
    expect(started.get('[data-testid="history-expected"]').classes()).toContain('missed')
    const pending = shown({ batchId: 'b-1', batchRow: 4, status: 'pending', expected: 'started' })
    expect(pending.get('[data-testid="history-expected"]').text()).toContain('not met')
  })

  it('shows the verdict of a single launch started with an expected outcome', () => {
    const single = shown({ status: 'failed', httpStatus: 400, expected: '400' })
    expect(single.text()).not.toContain('Batch')
    expect(single.get('[data-testid="history-expected"]').text()).toBe('✓ expected 400: met')
  })

  it('shows only the row number when the run had no expected outcomes', () => {
    const row = shown({ batchId: 'b-1', batchRow: 7 })
    expect(row.text()).toContain('row 7')
    expect(row.find('[data-testid="history-expected"]').exists()).toBe(false)
  })
})
