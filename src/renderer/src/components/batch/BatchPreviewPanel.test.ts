// @vitest-environment happy-dom
/**
 * The preview: rows that would be skipped, rows that would send a value as text, and the rows by
 * expected outcome.
 */
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'

import { makePreview } from '../../test/fake-batch'
import BatchPreviewPanel from './BatchPreviewPanel.vue'

function panel(preview = makePreview()) {
  return mount(BatchPreviewPanel, { props: { preview, profileName: 'Staging', busy: false } })
}

describe('BatchPreviewPanel', () => {
  it('lists values sent as text with their placeholder, cut when long, and how many more', () => {
    const long = 'x'.repeat(60)
    const wrapper = panel(
      makePreview({
        textValues: [
          { row: 2, values: { amount: '12,5' } },
          { row: 5, values: { flag: 'maybe', note: long } }
        ],
        textValueCount: 7
      })
    )
    const list = wrapper.get('[data-testid="batch-preview-text-values"]')
    const rows = list.findAll('li').map((li) => li.text())
    expect(rows[0]).toBe('Row 2{{amount}} = “12,5”')
    expect(rows[1]).toBe(`Row 5{{flag}} = “maybe”{{note}} = “${'x'.repeat(40)}…”`)
    expect(wrapper.text()).toContain('… and 5 more.')
    // They are sent: the start button counts them.
    expect(wrapper.get('[data-testid="batch-start"]').text()).toBe('Start 2 processes…')
  })

  it('shows no such section when every value fits where it stands', () => {
    expect(panel().find('[data-testid="batch-preview-text-values"]').exists()).toBe(false)
  })

  it('counts the rows by the outcome they expect, most first, with an expected-outcome column', () => {
    const wrapper = panel(
      makePreview({
        total: 201,
        sendable: 200,
        expectations: [
          { expected: 'started', rows: 180 },
          { expected: '400', rows: 19 },
          { expected: '4xx | 5xx', rows: 1 }
        ]
      })
    )
    // Some rows are meant to be refused: they are sent, not all started.
    expect(wrapper.get('[data-testid="batch-preview-count"]').text()).toBe(
      '201 rows: 200 would be sent to Staging, 1 skipped (not sent).'
    )
    const section = wrapper.get('[aria-labelledby="batch-preview-expected-title"]')
    expect(section.get('h4').text()).toBe('Expected outcomes')
    expect(wrapper.get('[data-testid="batch-preview-expectations"]').text()).toBe(
      '180 rows started · 19 rows 400 · 1 row 4xx | 5xx'
    )
  })

  it('has no expected-outcome section without such a column', () => {
    expect(panel().find('[data-testid="batch-preview-expectations"]').exists()).toBe(false)
  })
})
