// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import { useDemoStore } from '../../stores/demo'
import { installFakeFlowx } from '../../test/fake-flowx'
import IdPasteField from './IdPasteField.vue'

const WKS = '11111111-2222-4333-8444-555555555555'
const APP = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
const OTHER = '99999999-8888-4777-8666-555555555555'

const pinia = createPinia()
beforeEach(() => {
  setActivePinia(pinia)
  installFakeFlowx()
  useDemoStore().setEnabled(false)
})

function render(field: 'workspaceId' | 'appId' = 'appId', value = '') {
  return mount(IdPasteField, {
    props: { field, label: field === 'appId' ? 'App ID' : 'Workspace ID', value, testid: 'f' },
    global: { plugins: [pinia] },
    attachTo: document.body
  })
}

async function paste(wrapper: ReturnType<typeof render>, text: string) {
  const input = wrapper.get('input')
  const event = new Event('paste', { bubbles: true, cancelable: true }) as Event & {
    clipboardData: { getData(): string }
  }
  event.clipboardData = { getData: () => text }
  input.element.dispatchEvent(event)
  await wrapper.vm.$nextTick()
  return event
}

describe('id field with a pasted link', () => {
  it('fills this field and the others from a Designer URL, each by where it stood', async () => {
    const wrapper = render()
    const event = await paste(
      wrapper,
      `https://designer.example.com/workspaces/${WKS}/projects/${APP}/processes`
    )
    expect(event.defaultPrevented).toBe(true)
    expect(wrapper.emitted('update:value')?.[0]).toEqual([APP])
    expect(wrapper.emitted('fill')?.[0]?.[0]).toEqual({ workspaceId: WKS })
    wrapper.unmount()
  })

  it('asks which id is meant when the link does not say, and fills the chosen one', async () => {
    const wrapper = render()
    await paste(wrapper, `see ${WKS} and ${OTHER}`)
    const chooser = wrapper.get('[data-testid="f-choose"]')
    expect(chooser.attributes('aria-label')).toBe('Which id is the App ID?')
    const options = chooser.findAll('button.option')
    expect(options).toHaveLength(2)
    await options[1].trigger('click')
    expect(wrapper.emitted('update:value')?.at(-1)).toEqual([OTHER])
    expect(wrapper.find('[data-testid="f-choose"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('lets a bare uuid paste as usual', async () => {
    const wrapper = render()
    const event = await paste(wrapper, APP)
    expect(event.defaultPrevented).toBe(false)
    expect(wrapper.emitted('update:value')).toBeUndefined()
    wrapper.unmount()
  })

  it('shows only the first 8 characters in demo mode until the field is focused', async () => {
    useDemoStore().setEnabled(true)
    const wrapper = render('workspaceId', WKS)
    const input = wrapper.get('input')
    expect((input.element as HTMLInputElement).value).toBe('11111111…')
    await input.trigger('focus')
    expect((input.element as HTMLInputElement).value).toBe(WKS)
    wrapper.unmount()
  })
})
