// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import { useDemoStore } from '../../stores/demo'
import { useReportsStore } from '../../stores/reports'
import { installFakeFlowx, ok, type FakeFlowx } from '../../test/fake-flowx'
import ReportDialog from './ReportDialog.vue'

let flowx: FakeFlowx
const pinia = createPinia()

beforeEach(() => {
  setActivePinia(pinia)
  flowx = installFakeFlowx()
  useDemoStore().setEnabled(false)
})

function render() {
  return mount(ReportDialog, { global: { plugins: [pinia] }, attachTo: document.body })
}

describe('report dialog', () => {
  it('previews the Markdown of a launch with its payload, and copies it', async () => {
    flowx.reports.create.mockResolvedValue(
      ok({ format: 'md', text: '# Launch report SUP-1', fileName: 'r.md', count: 1 })
    )
    useReportsStore().openFor({ ids: ['rec1'] })
    const wrapper = render()
    await flushPromises()
    expect(flowx.reports.create).toHaveBeenLastCalledWith({
      format: 'md',
      includePayload: true,
      maskHosts: false,
      ids: ['rec1']
    })
    expect(document.body.querySelector('[data-testid="report-preview"]')?.textContent).toContain(
      'SUP-1'
    )
    ;(document.body.querySelector('[data-testid="report-copy"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(flowx.app.copyText).toHaveBeenCalledWith({ text: '# Launch report SUP-1' })
    wrapper.unmount()
  })

  it('always masks host names in demo mode, in what it asks for and what it shows', async () => {
    useDemoStore().setEnabled(true)
    flowx.reports.create.mockResolvedValue(
      ok({
        format: 'md',
        text: 'Sent to https://admin.example.com/rtm',
        fileName: 'r.md',
        count: 1
      })
    )
    useReportsStore().openFor({ ticket: 'SUP-7' })
    const wrapper = render()
    await flushPromises()
    expect(flowx.reports.create).toHaveBeenLastCalledWith(
      expect.objectContaining({ ticket: 'SUP-7', maskHosts: true })
    )
    const preview = document.body.querySelector('[data-testid="report-preview"]')?.textContent
    expect(preview).not.toContain('admin.example.com')
    wrapper.unmount()
  })

  it('asks for the ticket when none is given', async () => {
    useReportsStore().openFor({ ticket: '' })
    const wrapper = render()
    await flushPromises()
    expect(document.body.querySelector('[data-testid="report-ticket"]')).not.toBeNull()
    expect(flowx.reports.create).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
