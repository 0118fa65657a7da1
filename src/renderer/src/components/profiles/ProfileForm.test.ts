// @vitest-environment happy-dom
import type { ProfileView } from '@shared/domain'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import { useProfilesStore } from '../../stores/profiles'
import { failed, installFakeFlowx, makeProfile, ok, type FakeFlowx } from '../../test/fake-flowx'
import { mountComponentInApp } from '../../test/mount'
import ProfileForm from './ProfileForm.vue'

let flowx: FakeFlowx
let pinia: ReturnType<typeof createPinia>

beforeEach(async () => {
  pinia = createPinia()
  setActivePinia(pinia)
  flowx = installFakeFlowx()
  flowx.profiles.list.mockResolvedValue(ok([makeProfile()]))
  await useProfilesStore().load('p1')
})

function render(profile?: ProfileView) {
  return mountComponentInApp(ProfileForm, { profile }, pinia)
}

describe('ProfileForm', () => {
  it('validates the base URL live and blocks saving', async () => {
    const wrapper = render(makeProfile())
    await wrapper.get('[data-testid="profile-base-url"]').setValue('http://flowx.example.com/rtm')
    expect(wrapper.get('[data-testid="profile-base-url-error"]').text()).toMatch(/Use https/)
    await wrapper.get('[data-testid="profile-save"]').trigger('click')
    await flushPromises()
    expect(flowx.profiles.save).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('notes a base URL without /rtm but still saves it', async () => {
    const wrapper = render(makeProfile())
    await wrapper.get('[data-testid="profile-base-url"]').setValue('https://admin.example.com')
    expect(wrapper.get('[data-testid="profile-base-url-notes"]').text()).toContain('/rtm')
    await wrapper.get('[data-testid="profile-save"]').trigger('click')
    await flushPromises()
    expect(flowx.profiles.save).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'p1',
        baseUrl: 'https://admin.example.com'
      })
    )
    expect(flowx.profiles.save.mock.calls[0]?.[0].secrets).toBeUndefined()
    wrapper.unmount()
  })

  it('is write-only for the token: shows its state, sends a new one, never shows a value', async () => {
    const wrapper = render(makeProfile())
    expect(wrapper.get('[data-testid="profile-token-state"]').text()).toBe(
      'Set — encrypted with the OS keychain'
    )
    expect((wrapper.get('[data-testid="profile-token"]').element as HTMLInputElement).value).toBe(
      ''
    )
    expect((wrapper.get('[data-testid="profile-token"]').element as HTMLInputElement).type).toBe(
      'password'
    )
    await wrapper.get('[data-testid="profile-token"]').setValue('eyJhbGciOi.new')
    await wrapper.get('[data-testid="profile-save"]').trigger('click')
    await flushPromises()
    expect(flowx.profiles.save).toHaveBeenCalledWith(
      expect.objectContaining({ secrets: { token: { action: 'set', value: 'eyJhbGciOi.new' } } })
    )
    wrapper.unmount()
  })

  it('shows the error main returns next to the form', async () => {
    flowx.profiles.save.mockResolvedValueOnce(
      failed({ code: 'INVALID_INPUT', message: 'A profile named “Prod” already exists.' })
    )
    const wrapper = render(makeProfile())
    await wrapper.get('[data-testid="profile-name"]').setValue('Prod')
    await wrapper.get('[data-testid="profile-save"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="profile-save-error"]').text()).toContain(
      'A profile named “Prod” already exists.'
    )
    wrapper.unmount()
  })

  it('keeps the sandbox base URL and token read-only, with a reason', () => {
    const wrapper = render(
      makeProfile({
        id: 'p1',
        name: 'Local sandbox',
        localSandbox: true,
        baseUrl: 'http://127.0.0.1:40123/rtm'
      })
    )
    const input = wrapper.get('[data-testid="profile-base-url"]').element as HTMLInputElement
    expect(input.disabled || input.readOnly).toBe(true)
    expect(wrapper.text()).toContain('sets this address itself')
    expect(wrapper.find('[data-testid="profile-token"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="profile-auth-managed"]').text()).toContain(
      'Managed by the app'
    )
    expect(wrapper.find('[data-testid="profile-delete"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('deletes only after the user confirms', async () => {
    const wrapper = render(makeProfile())
    await wrapper.get('[data-testid="profile-delete"]').trigger('click')
    await flushPromises()
    expect(flowx.profiles.remove).not.toHaveBeenCalled()
    const confirm = document.body.querySelector<HTMLButtonElement>('[data-testid="confirm-delete"]')
    expect(confirm).not.toBeNull()
    confirm?.click()
    await flushPromises()
    expect(flowx.profiles.remove).toHaveBeenCalledWith({ id: 'p1' })
    wrapper.unmount()
  })

  it('marks a profile protected, and never the Local sandbox', async () => {
    const wrapper = render(makeProfile())
    await wrapper.get('[data-testid="profile-protected"]').trigger('click')
    await wrapper.get('[data-testid="profile-save"]').trigger('click')
    await flushPromises()
    expect(flowx.profiles.save).toHaveBeenCalledWith(expect.objectContaining({ protected: true }))
    wrapper.unmount()

    const sandbox = render(makeProfile({ name: 'Local sandbox', localSandbox: true }))
    const toggle = sandbox.get('[data-testid="profile-protected"]')
    expect(toggle.classes()).toContain('n-switch--disabled')
    expect(sandbox.text()).toContain('never protected')
    sandbox.unmount()
  })
})
