// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'

import { formatCountdown } from '../../lib/format'
import { TOKEN_STATUS_POLL_MS } from '../../stores/auth'
import { useProfilesStore } from '../../stores/profiles'
import { failed, installFakeFlowx, makeProfile, ok, type FakeFlowx } from '../../test/fake-flowx'
import TokenChip from './TokenChip.vue'

let flowx: FakeFlowx
let pinia: ReturnType<typeof createPinia>
const NOW = new Date('2026-11-23T10:00:00.000Z').getTime()
const CC = {
  mode: 'client-credentials' as const,
  issuer: 'https://kc.example.com/realms/flowx',
  clientId: 'svc'
}

beforeEach(async () => {
  vi.useFakeTimers()
  vi.setSystemTime(NOW)
  pinia = createPinia()
  setActivePinia(pinia)
  flowx = installFakeFlowx()
  flowx.profiles.list.mockResolvedValue(ok([makeProfile({ auth: CC })]))
  await useProfilesStore().load('p1')
})
afterEach(() => {
  document.body.innerHTML = ''
  vi.useRealTimers()
})

function render() {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, null, { default: () => h(TokenChip) })
  })
  return mount(Host, { global: { plugins: [pinia] }, attachTo: document.body })
}

const chip = (wrapper: ReturnType<typeof render>) => wrapper.find('[data-testid="token-chip"]')

describe('formatCountdown', () => {
  it('shows mm:ss, and h:mm:ss from an hour up', () => {
    expect(formatCountdown(299_000)).toBe('04:59')
    expect(formatCountdown(3_899_000)).toBe('1:04:59')
    expect(formatCountdown(-5)).toBe('00:00')
  })
})

describe('TokenChip', () => {
  it('counts down every second from expiresAt, then says expired', async () => {
    flowx.auth.status.mockResolvedValue(
      ok({
        profileId: 'p1',
        state: 'valid',
        mode: 'client-credentials',
        expiresAt: new Date(NOW + 300_000).toISOString()
      })
    )
    const wrapper = render()
    await flushPromises()
    expect(chip(wrapper).text()).toBe('Token valid · 05:00')
    await vi.advanceTimersByTimeAsync(1000)
    expect(chip(wrapper).text()).toBe('Token valid · 04:59')
    expect(chip(wrapper).classes()).toContain('tone-ok')
    await vi.advanceTimersByTimeAsync(299_000)
    expect(chip(wrapper).text()).toBe('Token expired')
    expect(chip(wrapper).attributes('aria-label')).toContain('Token expired')
    wrapper.unmount()
  })

  it('asks main again every 15 s', async () => {
    const wrapper = render()
    await flushPromises()
    const calls = flowx.auth.status.mock.calls.length
    await vi.advanceTimersByTimeAsync(TOKEN_STATUS_POLL_MS)
    expect(flowx.auth.status.mock.calls.length).toBe(calls + 1)
    expect(flowx.auth.status).toHaveBeenLastCalledWith({ profileId: 'p1' })
    wrapper.unmount()
  })

  it('is hidden when the profile sends no token, and says when none is set', async () => {
    flowx.auth.status.mockResolvedValueOnce(ok({ profileId: 'p1', state: 'none', mode: 'none' }))
    const hidden = render()
    await flushPromises()
    expect(chip(hidden).exists()).toBe(false)
    hidden.unmount()

    flowx.auth.status.mockResolvedValueOnce(
      ok({ profileId: 'p1', state: 'missing', mode: 'client-credentials' })
    )
    const missing = render()
    await flushPromises()
    expect(chip(missing).text()).toBe('No token set')
    missing.unmount()
  })

  it('gets a token now from its popover and shows the error with its hint', async () => {
    flowx.auth.status.mockResolvedValue(
      ok({ profileId: 'p1', state: 'idle', mode: 'client-credentials' })
    )
    flowx.auth.renew.mockResolvedValueOnce(
      ok({
        profileId: 'p1',
        state: 'error',
        mode: 'client-credentials',
        error: {
          code: 'AUTH_BAD_SECRET',
          message: 'Invalid client credentials',
          hint: 'Enter the client secret again.'
        }
      })
    )
    const wrapper = render()
    await flushPromises()
    await chip(wrapper).trigger('click')
    await flushPromises()
    const renew = document.body.querySelector<HTMLButtonElement>('[data-testid="token-renew"]')
    expect(renew).not.toBeNull()
    renew?.click()
    await flushPromises()
    expect(flowx.auth.renew).toHaveBeenCalledWith({ profileId: 'p1' })
    expect(chip(wrapper).text()).toBe('Token error')
    expect(chip(wrapper).classes()).toContain('tone-error')
    const error = document.body.querySelector('[data-testid="token-error"]')
    expect(error?.textContent).toContain('Client secret rejected')
    expect(error?.textContent).toContain('Enter the client secret again.')
    wrapper.unmount()
  })

  it('shows "Getting token…" while a renewal runs, and a bridge failure as an error', async () => {
    let finish: (v: Awaited<ReturnType<FakeFlowx['auth']['renew']>>) => void = () => {}
    flowx.auth.renew.mockReturnValueOnce(new Promise((r) => (finish = r)))
    const wrapper = render()
    await flushPromises()
    const { useAuthStore } = await import('../../stores/auth')
    const done = useAuthStore().renew()
    await flushPromises()
    expect(chip(wrapper).text()).toBe('Getting token…')
    finish(failed({ code: 'AUTH_ISSUER_UNREACHABLE', message: 'No answer from kc.example.com' }))
    await done
    await flushPromises()
    expect(chip(wrapper).text()).toBe('Token error')
    wrapper.unmount()
  })
  it('reads "Rejected by FlowX" with the server\'s message until a fresh token is fetched', async () => {
    flowx.auth.status.mockResolvedValue(
      ok({
        profileId: 'p1',
        state: 'rejected',
        mode: 'client-credentials',
        expiresAt: new Date(NOW + 300_000).toISOString(),
        error: { code: 'UNAUTHORIZED', message: 'The iss claim is not valid' }
      })
    )
    flowx.auth.renew.mockResolvedValue(
      ok({
        profileId: 'p1',
        state: 'valid',
        mode: 'client-credentials',
        expiresAt: new Date(NOW + 300_000).toISOString()
      })
    )
    const wrapper = render()
    await flushPromises()
    expect(chip(wrapper).text()).toBe('Rejected by FlowX')
    expect(chip(wrapper).attributes('data-state')).toBe('rejected')
    expect(chip(wrapper).classes()).toContain('tone-error')
    await chip(wrapper).trigger('click')
    await flushPromises()
    expect(document.body.querySelector('[data-testid="token-rejected"]')).not.toBeNull()
    expect(document.body.querySelector('[data-testid="token-error"]')?.textContent).toContain(
      'The iss claim is not valid'
    )
    document.body.querySelector<HTMLButtonElement>('[data-testid="token-renew"]')?.click()
    await flushPromises()
    expect(chip(wrapper).text()).toBe('Token valid · 05:00')
    wrapper.unmount()
  })
})
