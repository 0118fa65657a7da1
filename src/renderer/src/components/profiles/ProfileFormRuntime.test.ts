// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, reactive } from 'vue'

import ProfileFormRuntime from './ProfileFormRuntime.vue'

afterEach(() => {
  document.body.innerHTML = ''
})

function render(options: { sandbox?: boolean; error?: string; notes?: string[] } = {}) {
  const form = reactive({
    baseUrl: 'https://admin.example.com/rtm',
    platform: 'web',
    protected: false
  })
  const Host = defineComponent({
    setup: () => () =>
      h(ProfileFormRuntime, {
        baseUrl: form.baseUrl,
        'onUpdate:baseUrl': (v: string) => (form.baseUrl = v),
        platform: form.platform,
        'onUpdate:platform': (v: string) => (form.platform = v),
        protected: form.protected,
        'onUpdate:protected': (v: boolean) => (form.protected = v),
        sandbox: options.sandbox ?? false,
        errors: options.error ? { baseUrl: options.error } : {},
        baseUrlNotes: options.notes ?? []
      })
  })
  return { wrapper: mount(Host, { attachTo: document.body }), form }
}

describe('ProfileFormRuntime', () => {
  it('edits the base URL, the platform header and the protected flag of the form', async () => {
    const { wrapper, form } = render()
    await wrapper.get('[data-testid="profile-base-url"]').setValue('https://other.example.com/rtm')
    await wrapper.get('[data-testid="profile-platform"]').setValue('mobile')
    await wrapper.get('[data-testid="profile-protected"]').trigger('click')
    expect(form).toEqual({
      baseUrl: 'https://other.example.com/rtm',
      platform: 'mobile',
      protected: true
    })
    expect(wrapper.text()).toContain('asks for the profile name before every start')
    wrapper.unmount()
  })

  it('shows an error of the base URL before its notes', () => {
    const { wrapper } = render({ error: 'Use https.', notes: ['No /rtm at the end.'] })
    expect(wrapper.get('[data-testid="profile-base-url-error"]').text()).toBe('Use https.')
    expect(wrapper.find('[data-testid="profile-base-url-notes"]').exists()).toBe(false)
    wrapper.unmount()
    const noted = render({ notes: ['No /rtm at the end.'] }).wrapper
    expect(noted.get('[data-testid="profile-base-url-notes"]').text()).toBe('No /rtm at the end.')
    noted.unmount()
  })

  it('leaves the Local sandbox its own address and never protected', async () => {
    const { wrapper, form } = render({ sandbox: true, error: 'Use https.' })
    const input = wrapper.get('[data-testid="profile-base-url"]').element as HTMLInputElement
    expect(input.disabled).toBe(true)
    expect(wrapper.text()).toContain('sets this address itself')
    expect(wrapper.find('[data-testid="profile-base-url-error"]').exists()).toBe(false)
    await wrapper.get('[data-testid="profile-protected"]').trigger('click')
    expect(form.protected).toBe(false)
    expect(wrapper.text()).toContain('never protected')
    wrapper.unmount()
  })
})
