// @vitest-environment happy-dom
import type { ProfileView } from '@shared/domain'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

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

function render(profile?: ProfileView) {
  return mountComponentInApp(ProfileForm, { profile }, pinia)
}

describe('profile variables in the profile editor', () => {
  it('shows the stored variables and saves the edited table', async () => {
    const wrapper = render(makeProfile({ variables: { customerId: 'c-1' } }))
    expect(
      (wrapper.get('[data-testid="profile-vars-value-0"]').element as HTMLInputElement).value
    ).toBe('c-1')
    await wrapper.get('[data-testid="profile-vars-add"]').trigger('click')
    await wrapper.get('[data-testid="profile-vars-name-1"]').setValue('region')
    await wrapper.get('[data-testid="profile-vars-value-1"]').setValue('eu')
    await wrapper.get('[data-testid="profile-save"]').trigger('click')
    await flushPromises()
    expect(flowx.profiles.save).toHaveBeenCalledWith(
      expect.objectContaining({ variables: { customerId: 'c-1', region: 'eu' } })
    )
    wrapper.unmount()
  })

  it('refuses to save a table with a duplicate name', async () => {
    const wrapper = render(makeProfile({ variables: { a: '1' } }))
    await wrapper.get('[data-testid="profile-vars-add"]').trigger('click')
    await wrapper.get('[data-testid="profile-vars-name-1"]').setValue('a')
    expect(wrapper.text()).toContain('already defined in row 1')
    await wrapper.get('[data-testid="profile-save"]').trigger('click')
    await flushPromises()
    expect(flowx.profiles.save).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
