// @vitest-environment happy-dom
/**
 * A batch run's rows: a virtual list filtered by status, keyboard, opening a row, run again, and
 * the expected outcome of each row with its filter.
 */
import type { RowOutcome } from '@shared/batch'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'

import { useAppStore } from '../../stores/app'
import { useBatchStore } from '../../stores/batch'
import { installFakeFlowx, type FakeFlowx } from '../../test/fake-flowx'
import { fakeListLayout } from '../../test/list-layout'
import BatchRowsTable from './BatchRowsTable.vue'

let flowx: FakeFlowx

beforeEach(() => {
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
  fakeListLayout('batch-row-list', 360)
})
afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

function outcome(row: number): RowOutcome {
  const status = row % 10 === 3 ? 'failed' : 'started'
  return {
    row,
    status,
    sent: true,
    recordId: `rec-${row}`,
    httpStatus: status === 'failed' ? 400 : 200,
    durationMs: 120,
    key: `K-${row}`,
    ...(status === 'failed' ? { error: { code: 'VALIDATION', message: 'Bad row' } } : {})
  } as RowOutcome
}

async function render(count: number, make: (row: number) => RowOutcome = outcome) {
  const batch = useBatchStore()
  batch.rows = Array.from({ length: count }, (_, i) => make(i + 1))
  const wrapper = mount(BatchRowsTable, { attachTo: document.body })
  await flushPromises()
  return { batch, wrapper }
}

const rows = () => [...document.querySelectorAll<HTMLElement>('[data-testid="batch-row"]')]
const list = () => document.querySelector<HTMLElement>('[data-testid="batch-row-list"]')!

describe('batch rows', () => {
  it('renders only the rows in view of a 10,000-row run', async () => {
    await render(10_000)
    expect(rows().length).toBeLessThan(30)
    expect(rows()[0]?.textContent).toContain('K-1')
    expect(rows()[2]?.getAttribute('data-status')).toBe('failed')
    expect(rows()[2]?.textContent).toContain('Bad row')
  })

  it('filters by status and starts again at the top', async () => {
    const { wrapper } = await render(100)
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'End' }))
    await nextTick()
    expect(list().scrollTop).toBeGreaterThan(0)
    await wrapper.get('[data-testid="batch-filter-failed"]').trigger('click')
    expect(list().scrollTop).toBe(0)
    expect(rows()).toHaveLength(10)
    expect(rows().every((r) => r.dataset.status === 'failed')).toBe(true)
    expect(wrapper.get('[data-testid="batch-filter-failed"]').text()).toContain('10')
  })

  it('moves with the keys and opens the active row in History with Enter', async () => {
    await render(100)
    list().dispatchEvent(new FocusEvent('focus'))
    await nextTick()
    expect(list().getAttribute('aria-activedescendant')).toBe('batch-row-1')
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }))
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }))
    await nextTick()
    expect(list().getAttribute('aria-activedescendant')).toBe('batch-row-3')
    expect(document.getElementById('batch-row-3')?.getAttribute('aria-selected')).toBe('true')
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }))
    await flushPromises()
    expect(useAppStore().view).toBe('history')
    expect(flowx.history.get).toHaveBeenCalledWith({ id: 'rec-3' })
  })

  it('offers Run again on a failed row: a click on the row, and a button for the active row', async () => {
    const { wrapper } = await render(20)
    // In the row, for the mouse only: a list option holds no control of its own.
    const inRow = wrapper.get('[data-testid="batch-run-again-3"]')
    expect(inRow.element.closest('[role="option"]')).not.toBeNull()
    expect(inRow.attributes('aria-hidden')).toBe('true')
    expect(inRow.element.closest('[role="option"]')?.querySelector('button, [tabindex]')).toBeNull()
    expect(wrapper.find('[data-testid="batch-run-again-2"]').exists()).toBe(false)
    await inRow.trigger('click')
    expect(wrapper.emitted('runAgain')?.[0]?.[0]).toMatchObject({ row: 3 })

    // From the keyboard: the button under the list follows the active row.
    list().dispatchEvent(new FocusEvent('focus'))
    await nextTick()
    expect(wrapper.find('[data-testid="batch-run-again-active"]').exists()).toBe(false)
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }))
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }))
    await nextTick()
    const button = wrapper.get('[data-testid="batch-run-again-active"]')
    expect(button.text()).toBe('Run row 3 again…')
    await button.trigger('click')
    expect(wrapper.emitted('runAgain')?.[1]?.[0]).toMatchObject({ row: 3 })
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }))
    await nextTick()
    expect(wrapper.find('[data-testid="batch-run-again-active"]').exists()).toBe(false)
  })

  it('gives way to the error as the list narrows, head and rows alike', async () => {
    const head = () => document.querySelector('[data-testid="batch-rows-head"]')?.textContent ?? ''
    fakeListLayout('batch-row-list', 360, () => 1200)
    const wide = await render(20)
    expect(head()).toBe('RowKeyStatusHTTPInstanceTokensDurationError')
    expect(rows()[2]?.children).toHaveLength(9)
    wide.wrapper.unmount()

    fakeListLayout('batch-row-list', 360, () => 480)
    await render(20)
    expect(head()).toBe('RowStatusHTTPError')
    expect(rows()[2]?.children).toHaveLength(5)
    expect(rows()[2]?.textContent).toContain('Bad row')
  })

  it('shows no Expected column nor its filter in a run without expected outcomes', async () => {
    const { wrapper } = await render(20)
    expect(wrapper.find('[data-testid="batch-filter-unexpected"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="batch-row-expected"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('Expected')
  })

  it('marks each row met or not met against its expected outcome, and filters the misses', async () => {
    // Rows 3, 13: 400 expected and met; rows 5, 15: 400 expected but started; row 7: never sent.
    const { wrapper } = await render(20, (row) => {
      const base = outcome(row)
      if (row === 7) return { ...base, status: 'skipped', sent: false, expected: '400' }
      if (row % 10 === 3) return { ...base, expected: '400', asExpected: true }
      if (row % 10 === 5) return { ...base, expected: '400', asExpected: false }
      return { ...base, expected: 'started', asExpected: true }
    })
    const expectedOf = (n: number) =>
      document.querySelector<HTMLElement>(`#batch-row-${n} [data-testid="batch-row-expected"]`)
    expect(expectedOf(1)?.textContent).toBe('✓ started')
    expect(expectedOf(3)?.textContent).toBe('✓ 400')
    expect(expectedOf(5)?.textContent).toBe('✗ 400')
    expect(expectedOf(5)?.title).toBe('Expected 400: not met')
    expect(expectedOf(7)?.textContent).toBe('400')
    expect(wrapper.find('.fx-vlist-head').text()).toContain('Expected')

    // A row that failed as expected is not shown as failing, nor offered to run again.
    expect(document.querySelector('#batch-row-3 .st-failed')).toBeNull()
    expect(document.querySelector('#batch-row-3 .st-as-expected')?.textContent).toBe('Failed')
    expect(wrapper.find('[data-testid="batch-run-again-3"]').exists()).toBe(false)

    const chip = wrapper.get('[data-testid="batch-filter-unexpected"]')
    expect(chip.text()).toBe('Not as expected 2')
    await chip.trigger('click')
    expect(rows().map((r) => r.id)).toEqual(['batch-row-5', 'batch-row-15'])
  })
})
