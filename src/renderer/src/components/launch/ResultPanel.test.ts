// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { installFakeFlowx, makeRecord, type FakeFlowx } from '../../test/fake-flowx'
import ResultPanel from './ResultPanel.vue'

let flowx: FakeFlowx
const pinia = createPinia()

beforeEach(() => {
  setActivePinia(pinia)
  flowx = installFakeFlowx()
})

/** Mounted, with the outcome (a component loaded on demand) in place. */
async function render(props: InstanceType<typeof ResultPanel>['$props']) {
  const wrapper = mount(ResultPanel, { props, global: { plugins: [pinia] } })
  await vi.dynamicImportSettled()
  await flushPromises()
  return wrapper
}

describe('ResultPanel', () => {
  it('shows the instance, its state and tokens after a start, and copies the uuid', async () => {
    const record = makeRecord()
    const wrapper = await render({ record })
    expect(wrapper.get('[data-testid="result-uuid"]').text()).toBe(record.instance?.uuid)
    expect(wrapper.get('[data-testid="result-state"]').text()).toBe('STARTED')
    expect(wrapper.get('[data-testid="result-build-status"]').text()).toBe('COMMITTED')
    expect(wrapper.find('[data-testid="tokens-table"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="token-legend"]').text()).toContain('ARRIVED')
    expect(wrapper.find('[data-testid="result-unknown"]').exists()).toBe(false)

    await wrapper.get('[data-testid="copy-uuid"]').trigger('click')
    await flushPromises()
    expect(flowx.app.copyText).toHaveBeenCalledWith({ text: record.instance?.uuid })
  })

  it('warns prominently when the outcome is unknown', async () => {
    const record = makeRecord({
      status: 'unknown',
      instance: undefined,
      httpStatus: undefined,
      error: {
        code: 'TIMEOUT',
        message: 'FlowX did not answer within 30 s.',
        hint: 'Check FlowX first.'
      }
    })
    const wrapper = await render({ record })
    expect(wrapper.get('[data-testid="result-unknown"]').text()).toContain(
      'Outcome unknown — check FlowX before launching again'
    )
    expect(wrapper.get('[data-testid="result-status"]').text()).toBe('Outcome unknown')
    expect(wrapper.get('[data-testid="error-message"]').text()).toBe(
      'FlowX did not answer within 30 s.'
    )
  })

  it('shows a failure with its code, message, hint, status and details, as text', async () => {
    const record = makeRecord({
      status: 'failed',
      instance: undefined,
      httpStatus: 404,
      error: {
        code: 'NOT_FOUND',
        message: 'Process definition not found.',
        hint: 'Publish the process or check the active build.',
        httpStatus: 404,
        detail: '<b>not bold</b>'
      }
    })
    const wrapper = await render({ record })
    const error = wrapper.get('[data-testid="result-error"]')
    expect(error.get('[data-testid="error-code"]').text()).toBe('NOT_FOUND')
    expect(error.get('[data-testid="error-message"]').text()).toBe('Process definition not found.')
    expect(error.get('[data-testid="error-hint"]').text()).toContain('Publish the process')
    expect(error.get('[data-testid="error-http-status"]').text()).toBe('HTTP 404')
    // Said once: not in the title ("Not found (404)") nor again in the panel's head.
    expect(wrapper.text().match(/404/g)).toHaveLength(1)
    await error.get('.n-collapse-item__header-main').trigger('click')
    expect(error.get('[data-testid="error-detail"]').text()).toBe('<b>not bold</b>')
    expect(error.find('b').exists()).toBe(false)
  })

  it('shows a refused launch that never reached the ledger', async () => {
    const wrapper = await render({
      error: { code: 'TOKEN_MISSING', message: 'No bearer token is set.' }
    })
    expect(wrapper.get('[data-testid="result-status"]').text()).toBe('Not sent')
    expect(wrapper.get('[data-testid="error-code"]').text()).toBe('TOKEN_MISSING')
  })

  it('shows progress while in flight and an empty state before any launch', async () => {
    const busy = await render({
      inFlight: {
        requestId: 'r1',
        profileId: 'p1',
        profileName: 'Staging',
        profileColor: 'amber',
        startedAt: Date.now()
      }
    })
    expect(busy.get('[data-testid="result-in-flight"]').text()).toContain('Starting on Staging')
    expect((await render({})).find('[data-testid="result-empty"]').exists()).toBe(true)
  })
})
