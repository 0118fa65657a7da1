// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { useProfilesStore } from '../../stores/profiles'
import { installFakeFlowx, makeProfile, ok, type FakeFlowx } from '../../test/fake-flowx'
import ProfileTransfer from './ProfileTransfer.vue'

let flowx: FakeFlowx
let pinia: ReturnType<typeof createPinia>

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  flowx = installFakeFlowx()
})
afterEach(() => {
  document.body.innerHTML = ''
})

const render = (selectedId?: string) =>
  mount(ProfileTransfer, {
    props: { selectedId },
    global: { plugins: [pinia] },
    attachTo: document.body
  })

/** Open the export menu and choose an entry (the menu is teleported to the body). */
async function exportVia(wrapper: ReturnType<typeof render>, testid: string): Promise<void> {
  await wrapper.get('[data-testid="profile-export"]').trigger('click')
  await flushPromises()
  document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)?.click()
  await flushPromises()
}

describe('ProfileTransfer', () => {
  it('reports where the export went and which secrets the receiver must enter', async () => {
    flowx.profiles.export.mockResolvedValueOnce(
      ok({ path: '/home/me/flowx.json', count: 2, secretsRequired: ['Staging: client secret'] })
    )
    const wrapper = render()
    await exportVia(wrapper, 'profile-export-all')
    expect(flowx.profiles.export).toHaveBeenCalledWith({})
    const result = wrapper.get('[data-testid="transfer-result"]').text()
    expect(result).toContain('Exported 2 profiles')
    expect(result).toContain('/home/me/flowx.json')
    expect(wrapper.get('[data-testid="transfer-secrets"]').text()).toBe('Staging: client secret')
  })

  it('stays silent when the save dialog is cancelled', async () => {
    flowx.profiles.export.mockResolvedValueOnce(ok({ count: 0, secretsRequired: [] }))
    const wrapper = render()
    await exportVia(wrapper, 'profile-export-all')
    expect(wrapper.find('[data-testid="transfer-result"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="transfer-error"]').exists()).toBe(false)
  })

  it('exports only the selected profile when asked', async () => {
    flowx.profiles.list.mockResolvedValue(ok([makeProfile()]))
    await useProfilesStore().load('p1')
    const wrapper = render('p1')
    await exportVia(wrapper, 'profile-export-one')
    expect(flowx.profiles.export).toHaveBeenCalledWith({ ids: ['p1'] })
    wrapper.unmount()
  })

  it('lists what was imported, adds it to the profiles and asks for the secrets', async () => {
    const imported = makeProfile({ id: 'p9', name: 'Prod EU' })
    flowx.profiles.import.mockResolvedValueOnce(
      ok({ imported: [imported], secretsRequired: ['Prod EU: password'] })
    )
    const wrapper = render()
    await wrapper.get('[data-testid="profile-import"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="transfer-result"]').text()).toContain(
      'Imported 1 profile: Prod EU'
    )
    expect(wrapper.get('[data-testid="transfer-secrets"]').text()).toBe('Prod EU: password')
    expect(useProfilesStore().byId('p9')?.name).toBe('Prod EU')
    expect(wrapper.emitted('imported')).toEqual([['p9']])
  })
})
