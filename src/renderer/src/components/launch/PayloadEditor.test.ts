// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'

import { usePasteCurl } from '../../composables/use-paste-curl'
import { useLibraryStore } from '../../stores/library'
import { installFakeFlowx } from '../../test/fake-flowx'
import PayloadEditor from './PayloadEditor.vue'

beforeEach(() => {
  setActivePinia(createPinia())
  installFakeFlowx()
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('PayloadEditor placeholders', () => {
  it('marks each placeholder by where its value comes from, and follows variable changes', async () => {
    const wrapper = mount(PayloadEditor, {
      props: {
        modelValue: '{ "c": "{{customerId}}", "id": "{{$uuid}}", "x": {{nope}} }',
        scope: { profileVariables: { customerId: 'C-1' } }
      },
      attachTo: document.body
    })
    await nextTick()
    const mark = (name: string) =>
      document.body.querySelector<HTMLElement>(`[data-placeholder="${name}"]`)
    expect(mark('customerId')?.className).toBe('fx-ph')
    expect(mark('$uuid')?.className).toContain('fx-ph-builtin')
    expect(mark('nope')?.className).toContain('fx-ph-unknown')
    await wrapper.setProps({ scope: { profileVariables: { customerId: 'C-1', nope: '1' } } })
    await nextTick()
    expect(mark('nope')?.className).toBe('fx-ph')
    wrapper.unmount()
  })
})

describe('pasting into the launch form', () => {
  function pasteInto(text: string): ClipboardEvent {
    const Host = defineComponent({
      setup() {
        const onPaste = usePasteCurl()
        return () => h('div', { onPasteCapture: onPaste }, [h('input', { id: 'field' })])
      }
    })
    mount(Host, { attachTo: document.body })
    const event = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent
    Object.defineProperty(event, 'clipboardData', {
      value: { getData: (type: string) => (type === 'text/plain' ? text : '') }
    })
    document.getElementById('field')?.dispatchEvent(event)
    return event
  }

  it('opens Paste cURL with a pasted cURL command instead of filling one field', async () => {
    const event = pasteInto("curl 'https://x/rtm/api/runtime/app/a/build/b/process-name/p/start'")
    await flushPromises()
    expect(event.defaultPrevented).toBe(true)
    const library = useLibraryStore()
    expect(library.dialog).toBe('curl-paste')
    expect(library.pasted).toContain('curl ')
  })

  it('lets ordinary text paste as usual', () => {
    const event = pasteInto('3f1c2a9e-1111-4222-8333-944455556666')
    expect(event.defaultPrevented).toBe(false)
    expect(useLibraryStore().dialog).toBeUndefined()
  })
})
