// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'

import { useHistoryStore } from '../../stores/history'
import { useProfilesStore } from '../../stores/profiles'
import {
  installFakeFlowx,
  makeProfile,
  makeRecord,
  ok,
  type FakeFlowx
} from '../../test/fake-flowx'
import HistoryDetail from '../history/HistoryDetail.vue'
import ProfileList from './ProfileList.vue'

let flowx: FakeFlowx
let pinia: ReturnType<typeof createPinia>

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  flowx = installFakeFlowx()
})

function inMessages(component: ReturnType<typeof defineComponent>, props = {}) {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, null, { default: () => h(component, props) })
  })
  return mount(Host, { global: { plugins: [pinia] } })
}

describe('untrusted TLS badge', () => {
  it('marks profiles that accept any certificate, and only those', async () => {
    flowx.profiles.list.mockResolvedValue(
      ok([
        makeProfile(),
        makeProfile({ id: 'p2', name: 'Dev', tls: { customCa: '', allowUntrusted: true } })
      ])
    )
    await useProfilesStore().load('p1')
    const wrapper = mount(ProfileList, {
      props: { creating: false },
      global: { plugins: [pinia] }
    })
    const items = wrapper.findAll('[data-testid="profile-item"]')
    expect(items[0]?.find('[data-testid="untrusted-badge"]').exists()).toBe(false)
    const badge = items[1]?.get('[data-testid="untrusted-badge"]')
    expect(badge?.text()).toBe('untrusted TLS')
    expect(badge?.attributes('title')).toMatch(/any server certificate/)
  })

  it('marks a launch sent without checking the certificate, and notes a renewal retry', async () => {
    flowx.history.get.mockResolvedValueOnce(
      ok(makeRecord({ id: 'r1', tlsVerification: 'off', retriedAfter401: true }))
    )
    await useHistoryStore().select('r1')
    const wrapper = inMessages(HistoryDetail)
    await flushPromises()
    const transport = wrapper.get('[data-testid="history-transport"]')
    expect(transport.find('[data-testid="untrusted-badge"]').exists()).toBe(true)
    expect(transport.text()).toContain('sent again after a token renewal')
  })

  it('says "custom CA" for a launch checked against the profile’s own authority', async () => {
    flowx.history.get.mockResolvedValueOnce(
      ok(makeRecord({ id: 'r2', tlsVerification: 'custom-ca' }))
    )
    await useHistoryStore().select('r2')
    const wrapper = inMessages(HistoryDetail)
    await flushPromises()
    const transport = wrapper.get('[data-testid="history-transport"]')
    expect(transport.text()).toContain('custom CA')
    expect(transport.find('[data-testid="untrusted-badge"]').exists()).toBe(false)
  })
})
