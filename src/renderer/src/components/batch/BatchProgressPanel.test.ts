// @vitest-environment happy-dom
/** The run's counts and verdict: with expected outcomes, only the rows not as expected count. */
import type { BatchProgress, LiveCounts } from '@shared/batch'
import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'

import { useBatchStore } from '../../stores/batch'
import { makeBatch, makeRowOutcome } from '../../test/fake-batch'
import { batchTestBed } from '../../test/batch-bed'
import { ok, type FakeFlowx } from '../../test/fake-flowx'
import BatchProgressPanel from './BatchProgressPanel.vue'

let flowx: FakeFlowx

beforeEach(async () => {
  flowx = await batchTestBed()
})

function counts(overrides: Partial<LiveCounts> = {}): LiveCounts {
  return {
    total: 10,
    started: 8,
    failed: 2,
    unknown: 0,
    skipped: 0,
    notSent: 0,
    inFlight: 0,
    ...overrides
  }
}

/** A started run, then main's push; a run that ends is fetched back as main holds it. */
async function run(status: BatchProgress['status'], pushed: LiveCounts) {
  const progress = { status, counts: pushed, elapsedMs: 1000, throughput: 10 }
  flowx.batch.get.mockResolvedValue(
    ok({ batch: makeBatch({ status, ...pushed }), rows: [], rerunnable: 0, live: progress })
  )
  const batch = useBatchStore()
  await batch.pickRows()
  await batch.start()
  const wrapper = mount(BatchProgressPanel)
  flowx.batch.emitProgress({ batchId: 'b1', rows: [], ...progress })
  await flushPromises()
  return wrapper
}

describe('BatchProgressPanel', () => {
  it('without expected outcomes shows failures as such and no verdict', async () => {
    const wrapper = await run('done', counts())
    expect(wrapper.get('[data-testid="batch-count-failed"]').classes()).toContain('bad')
    expect(wrapper.find('[data-testid="batch-count-unexpected"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="batch-verdict"]').exists()).toBe(false)
  })

  it('a run whose failures were all expected is not shown as failing', async () => {
    const wrapper = await run('done', counts({ unexpected: 0 }))
    const unexpected = wrapper.get('[data-testid="batch-count-unexpected"]')
    expect(unexpected.text()).toBe('0')
    expect(unexpected.classes()).toContain('ok')
    expect(wrapper.get('[data-testid="batch-count-failed"]').classes()).not.toContain('bad')
    const verdict = wrapper.get('[data-testid="batch-verdict"]')
    expect(verdict.text()).toBe('✓ Every row sent got the outcome it expected.')
    expect(verdict.classes()).toContain('ok')
  })

  it('shows the rows not as expected in the danger colour while the run goes', async () => {
    const wrapper = await run('running', counts({ unexpected: 3 }))
    expect(wrapper.get('[data-testid="batch-count-unexpected"]').classes()).toContain('bad')
    expect(wrapper.find('[data-testid="batch-verdict"]').exists()).toBe(false)
  })

  it('says how many rows missed their expected outcome once the run ends', async () => {
    const wrapper = await run('done', counts({ unexpected: 1 }))
    const verdict = wrapper.get('[data-testid="batch-verdict"]')
    expect(verdict.text()).toBe('✗ 1 row did not get the outcome it expected.')
    expect(verdict.classes()).toContain('bad')
  })

  it('a past run read back counts its rows not as expected from the rows', async () => {
    flowx.batch.get.mockResolvedValue(
      ok({
        batch: makeBatch({ id: 'old', status: 'done', total: 2, started: 1, failed: 1 }),
        rows: [
          makeRowOutcome({ row: 1, expected: 'started', asExpected: true }),
          makeRowOutcome({
            row: 2,
            status: 'failed',
            httpStatus: 500,
            expected: '400',
            asExpected: false
          })
        ],
        rerunnable: 0
      })
    )
    await useBatchStore().refresh('old')
    const wrapper = mount(BatchProgressPanel)
    await flushPromises()
    expect(wrapper.get('[data-testid="batch-count-unexpected"]').text()).toBe('1')
    expect(wrapper.get('[data-testid="batch-verdict"]').text()).toBe(
      '✗ 1 row did not get the outcome it expected.'
    )
  })
})
