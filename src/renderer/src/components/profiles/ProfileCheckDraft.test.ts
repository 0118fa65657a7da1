// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import { useDemoStore } from '../../stores/demo'
import { useProfilesStore } from '../../stores/profiles'
import { installFakeFlowx, makeProfile, ok, type FakeFlowx } from '../../test/fake-flowx'
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

function render(profile = makeProfile()) {
  return mountComponentInApp(ProfileForm, { profile }, pinia)
}

describe('Check connection before saving', () => {
  it('checks the values in the form when they are not saved, and saves nothing', async () => {
    const wrapper = render()
    await wrapper.get('[data-testid="profile-base-url"]').setValue('https://other.example.com/rtm')
    await wrapper.get('[data-testid="profile-check"]').trigger('click')
    await flushPromises()
    expect(flowx.profiles.checkDraft).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'p1', baseUrl: 'https://other.example.com/rtm' })
    )
    expect(flowx.profiles.check).not.toHaveBeenCalled()
    expect(flowx.profiles.save).not.toHaveBeenCalled()
    expect(wrapper.text()).toContain('Server reachable')
    wrapper.unmount()
  })

  it('checks the saved profile when nothing was changed', async () => {
    const wrapper = render()
    await wrapper.get('[data-testid="profile-check"]').trigger('click')
    await flushPromises()
    expect(flowx.profiles.check).toHaveBeenCalledWith({ id: 'p1' })
    expect(flowx.profiles.checkDraft).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('hides the address and sign-in settings in demo mode', async () => {
    useDemoStore().setEnabled(true)
    const wrapper = render()
    expect(wrapper.find('[data-testid="profile-demo-hidden"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="profile-base-url"]').exists()).toBe(false)
    expect(wrapper.html()).not.toContain('admin.staging.example.com')
    wrapper.unmount()
  })
})
