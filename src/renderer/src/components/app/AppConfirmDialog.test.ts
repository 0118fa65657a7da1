// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'

import AppConfirmDialog from './AppConfirmDialog.vue'

afterEach(() => {
  document.body.innerHTML = ''
})

/** The dialog as the app uses it; `asking` off leaves out its body (the question is gone). */
function render(options: { accent?: string } = {}) {
  const cancelled = ref(0)
  const asking = ref(true)
  const Host = defineComponent({
    setup: () => () =>
      h(
        AppConfirmDialog,
        {
          show: true,
          title: 'Start the batch',
          width: '500px',
          accent: options.accent,
          testid: 'the-question',
          onCancel: () => cancelled.value++
        },
        asking.value
          ? {
              default: () => h('p', { 'data-testid': 'the-text' }, 'This starts 3 processes.'),
              actions: () => h('button', { 'data-testid': 'the-button' }, 'Start')
            }
          : {}
      )
  })
  const wrapper = mount(Host, { attachTo: document.body })
  return { wrapper, cancelled, asking }
}

const byTestId = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`)

describe('AppConfirmDialog', () => {
  it('shows the title, then the body and under it the buttons row', async () => {
    const { wrapper } = render()
    await flushPromises()
    const card = document.body.querySelector<HTMLElement>('.n-card')
    expect(card?.querySelector('.n-card-header')?.textContent).toContain('Start the batch')
    expect(card?.style.width).toBe('500px')
    expect(card?.style.borderTop).toBe('')
    const body = byTestId('the-question')
    expect(body?.classList.contains('fx-dialog-body')).toBe(true)
    expect(body?.firstElementChild?.getAttribute('data-testid')).toBe('the-text')
    const row = body?.lastElementChild
    expect(row?.classList.contains('fx-dialog-actions')).toBe(true)
    expect(row?.querySelector('[data-testid="the-button"]')).not.toBeNull()
    wrapper.unmount()
  })

  it('bands the card with the accent colour', async () => {
    const { wrapper } = render({ accent: '#dc2626' })
    await flushPromises()
    const card = document.body.querySelector<HTMLElement>('.n-card')
    expect(card?.style.borderTop).toContain('4px solid')
    expect(card?.style.width).toBe('500px')
    wrapper.unmount()
  })

  it('cancels on Esc and on ✕, not on a click outside', async () => {
    const { wrapper, cancelled } = render()
    await flushPromises()
    // A click outside the card: pressed and released on the page behind it.
    const outside = document.body.querySelector<HTMLElement>('.n-modal-mask')
    outside?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }))
    outside?.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
    await flushPromises()
    expect(cancelled.value).toBe(0)
    document.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true })
    )
    await flushPromises()
    expect(cancelled.value).toBe(1)
    document.body.querySelector<HTMLElement>('.n-base-close')?.click()
    await flushPromises()
    expect(cancelled.value).toBe(2)
    wrapper.unmount()
  })

  it('shows no body once its slots are gone', async () => {
    const { wrapper, asking } = render()
    await flushPromises()
    expect(byTestId('the-question')).not.toBeNull()
    asking.value = false
    await flushPromises()
    expect(byTestId('the-question')).toBeNull()
    expect(document.body.querySelector('.n-card-header')?.textContent).toContain('Start the batch')
    wrapper.unmount()
  })
})
