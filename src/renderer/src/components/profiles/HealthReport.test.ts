// @vitest-environment happy-dom
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
  await useProfilesStore().load('p1')
})

function render() {
  return mountComponentInApp(ProfileForm, { profile: makeProfile() }, pinia)
}

describe('Check connection', () => {
  it('runs the check and shows one row per item with its outcome', async () => {
    flowx.profiles.check.mockResolvedValueOnce(
      ok({
        profileId: 'p1',
        profileName: 'Staging',
        checkedAt: '2026-11-23T10:00:00.000Z',
        items: [
          {
            key: 'base-url',
            status: 'ok',
            title: 'Runtime reachable',
            detail: 'HTTP 200 in 80 ms'
          },
          { key: 'tls', status: 'warn', title: 'Certificate', detail: 'Expires in 9 days' },
          { key: 'token', status: 'fail', title: 'Token', detail: 'Client secret rejected' },
          { key: 'proxy', status: 'skip', title: 'Proxy', detail: 'No proxy set' }
        ]
      })
    )
    const wrapper = render()
    expect(wrapper.find('[data-testid="health-report"]').exists()).toBe(false)
    await wrapper.get('[data-testid="profile-check"]').trigger('click')
    await flushPromises()
    expect(flowx.profiles.check).toHaveBeenCalledWith({ id: 'p1' })
    const rows = wrapper.findAll('[data-testid="health-item"]')
    expect(rows.map((r) => [r.attributes('data-key'), r.attributes('data-status')])).toEqual([
      ['base-url', 'ok'],
      ['tls', 'warn'],
      ['token', 'fail'],
      ['proxy', 'skip']
    ])
    expect(rows[2]?.text()).toContain('Client secret rejected')
    expect(rows[1]?.find('svg').attributes('aria-label')).toBe('Warning')
    wrapper.unmount()
  })

  it('shows why the check could not run', async () => {
    flowx.profiles.check.mockResolvedValueOnce(
      failed({ code: 'PROFILE_NOT_FOUND', message: 'The profile is gone.' })
    )
    const wrapper = render()
    await wrapper.get('[data-testid="profile-check"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="profile-check-error"]').text()).toContain(
      'The profile is gone.'
    )
    wrapper.unmount()
  })
})
