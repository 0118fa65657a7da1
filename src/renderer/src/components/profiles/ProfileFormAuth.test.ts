// @vitest-environment happy-dom
import type { ProfileView } from '@shared/domain'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { useProfilesStore } from '../../stores/profiles'
import {
  installFakeFlowx,
  makeProfile,
  makeSecrets,
  ok,
  type FakeFlowx
} from '../../test/fake-flowx'
import { mountComponentInApp } from '../../test/mount'
import ProfileForm from './ProfileForm.vue'

let flowx: FakeFlowx
let pinia: ReturnType<typeof createPinia>

const NOW = new Date('2026-11-23T10:00:00.000Z')

/** An unsigned JWT with the given claims (the preview never verifies). */
function jwt(claims: object): string {
  const part = (o: object): string =>
    btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
  return `${part({ alg: 'none' })}.${part(claims)}.sig`
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  pinia = createPinia()
  setActivePinia(pinia)
  flowx = installFakeFlowx()
  flowx.profiles.list.mockResolvedValue(ok([makeProfile()]))
  await useProfilesStore().load('p1')
})
afterEach(() => {
  vi.useRealTimers()
})

function render(profile?: ProfileView) {
  return mountComponentInApp(ProfileForm, { profile }, pinia)
}

async function chooseMode(wrapper: ReturnType<typeof render>, mode: string): Promise<void> {
  await wrapper.get(`[data-testid="auth-mode-${mode}"] input`).trigger('change')
}

async function saved(wrapper: ReturnType<typeof render>) {
  await wrapper.get('[data-testid="profile-save"]').trigger('click')
  await flushPromises()
  return flowx.profiles.save.mock.calls.at(-1)?.[0]
}

describe('ProfileForm authentication', () => {
  it('previews a pasted JWT as it is typed, without showing the token', async () => {
    const wrapper = render(makeProfile())
    const token = jwt({
      sub: 'f3a1',
      preferred_username: 'ana.tester',
      realm_access: { roles: ['FLOWX_ROLE', 'admin'] },
      exp: NOW.getTime() / 1000 + 12 * 60
    })
    await wrapper.get('[data-testid="profile-token"]').setValue(token)
    const preview = wrapper.get('[data-testid="token-preview"]')
    expect(preview.text()).toContain('The token you pasted')
    expect(wrapper.get('[data-testid="token-preview-subject"]').text()).toBe('ana.tester (f3a1)')
    expect(wrapper.get('[data-testid="token-preview-roles"]').text()).toContain('FLOWX_ROLE')
    expect(wrapper.get('[data-testid="token-preview-expiry"]').text()).toBe('expires in 12 min')
    expect(wrapper.get('[data-testid="profile-form"]').text()).not.toContain(token)

    await wrapper.get('[data-testid="profile-token"]').setValue('opaque-token')
    expect(wrapper.find('[data-testid="token-preview-opaque"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('shows the stored token’s claims from main, and that it expired', () => {
    const wrapper = render(
      makeProfile({
        pastedToken: {
          username: 'ana.tester',
          roles: [],
          expiresAt: new Date(NOW.getTime() - 3 * 3600_000).toISOString()
        }
      })
    )
    expect(wrapper.get('[data-testid="token-preview"]').text()).toContain('The stored token')
    expect(wrapper.get('[data-testid="token-preview-expiry"]').text()).toBe('expired 3 h ago')
    wrapper.unmount()
  })

  it('builds a password profile with the default client and the typed password only', async () => {
    const wrapper = render(makeProfile())
    await chooseMode(wrapper, 'password')
    const clientId = wrapper.get('[data-testid="profile-client-id"]').element as HTMLInputElement
    expect(clientId.value).toBe('flowx-platform-authenticate')
    await wrapper
      .get('[data-testid="profile-issuer"]')
      .setValue('https://kc.example.com/auth/realms/flowx')
    await wrapper.get('[data-testid="profile-username"]').setValue('ana.tester')
    expect(wrapper.get('[data-testid="profile-password-state"]').text()).toBe('Not set')
    await wrapper.get('[data-testid="profile-password"]').setValue('pa55word')
    const input = await saved(wrapper)
    expect(input?.auth).toEqual({
      mode: 'password',
      issuer: 'https://kc.example.com/auth/realms/flowx',
      clientId: 'flowx-platform-authenticate',
      username: 'ana.tester'
    })
    expect(input?.secrets).toEqual({ password: { action: 'set', value: 'pa55word' } })
    wrapper.unmount()
  })

  it('keeps a stored client secret unless replaced or cleared, and says how it is held', async () => {
    const profile = makeProfile({
      auth: {
        mode: 'client-credentials',
        issuer: 'https://kc.example.com/realms/flowx',
        clientId: 'svc'
      },
      secrets: makeSecrets(['clientSecret'], 'memory-only')
    })
    const wrapper = render(profile)
    const state = () => wrapper.get('[data-testid="profile-client-secret-state"]').text()
    expect(state()).toBe('Set — kept until the app closes')
    const field = wrapper.get('[data-testid="profile-client-secret"]').element as HTMLInputElement
    expect(field.value).toBe('')
    await wrapper.get('[data-testid="profile-client-id"]').setValue('svc-2')
    expect((await saved(wrapper))?.secrets).toBeUndefined()

    await wrapper.get('[data-testid="profile-client-secret-clear"]').trigger('click')
    expect(state()).toBe('Removed when you save')
    expect((await saved(wrapper))?.secrets).toEqual({ clientSecret: { action: 'clear' } })
    wrapper.unmount()
  })

  it('asks for an undecryptable secret again, in the error tone', () => {
    const wrapper = render(
      makeProfile({
        secrets: { ...makeSecrets([]), token: { set: false, storage: 'undecryptable' } }
      })
    )
    const state = wrapper.get('[data-testid="profile-token-state"]')
    expect(state.text()).toBe('Can no longer be decrypted on this computer — enter it again')
    expect(state.classes()).toContain('tone-error')
    wrapper.unmount()
  })

  it('warns in red when untrusted certificates are allowed', async () => {
    const wrapper = render(makeProfile())
    expect(wrapper.find('[data-testid="profile-untrusted-warning"]').exists()).toBe(false)
    await wrapper.get('[data-testid="profile-allow-untrusted"]').trigger('click')
    expect(wrapper.get('[data-testid="profile-untrusted-warning"]').text()).toContain(
      'development server'
    )
    expect((await saved(wrapper))?.tls).toEqual({ customCa: '', allowUntrusted: true })
    wrapper.unmount()
  })
})
