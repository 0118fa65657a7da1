// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'

import { useLaunchGuardStore } from '../../stores/launch-guard'
import { useProfilesStore } from '../../stores/profiles'
import { installFakeFlowx, makeProfile, ok } from '../../test/fake-flowx'
import DuplicateWarningDialog from './DuplicateWarningDialog.vue'
import ProtectedConfirmDialog from './ProtectedConfirmDialog.vue'

let pinia: ReturnType<typeof createPinia>

beforeEach(async () => {
  pinia = createPinia()
  setActivePinia(pinia)
  const flowx = installFakeFlowx()
  flowx.profiles.list.mockResolvedValue(
    ok([makeProfile({ id: 'prod', name: 'Production', color: 'red', protected: true })])
  )
  await useProfilesStore().load('prod')
})
afterEach(() => {
  document.body.innerHTML = ''
})

function render() {
  const Host = defineComponent({
    setup: () => () =>
      h(NMessageProvider, null, {
        default: () => [h(ProtectedConfirmDialog), h(DuplicateWarningDialog)]
      })
  })
  return mount(Host, { global: { plugins: [pinia] }, attachTo: document.body })
}

const byTestId = <T extends HTMLElement>(id: string) =>
  document.body.querySelector<T>(`[data-testid="${id}"]`)

async function type(id: string, value: string): Promise<void> {
  const input = byTestId<HTMLInputElement>(id)
  if (!input) throw new Error(`no ${id}`)
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

describe('ProtectedConfirmDialog', () => {
  it('keeps the start button disabled until the name is typed exactly', async () => {
    const wrapper = render()
    const guard = useLaunchGuardStore()
    const answer = guard.askProtected('Production', 'loan request')
    await flushPromises()
    expect(byTestId('protected-confirm')?.textContent).toContain('loan request')
    const send = () => byTestId<HTMLButtonElement>('protected-confirm-send')
    expect(send()?.disabled).toBe(true)
    expect(send()?.textContent).toContain('Start in Production')

    await type('protected-confirm-input', 'production')
    expect(send()?.disabled).toBe(true)
    await type('protected-confirm-input', 'Production')
    expect(send()?.disabled).toBe(false)
    send()?.click()
    expect(await answer).toBe('Production')
    await flushPromises()
    expect(guard.protectedQuestion).toBeUndefined()
    wrapper.unmount()
  })

  it('cancels with nothing typed', async () => {
    const wrapper = render()
    const answer = useLaunchGuardStore().askProtected('Production', 'x')
    await flushPromises()
    byTestId<HTMLButtonElement>('protected-confirm-cancel')?.click()
    expect(await answer).toBeUndefined()
    wrapper.unmount()
  })
})

describe('DuplicateWarningDialog', () => {
  it('shows main’s message and answers send anyway or cancel', async () => {
    const wrapper = render()
    const guard = useLaunchGuardStore()
    const error = {
      code: 'DUPLICATE_START' as const,
      message: 'The same launch was sent 5 s ago and started instance 3f1c.',
      hint: 'Starting a process is not idempotent: sending again starts another instance.'
    }
    let answer = guard.askDuplicate(error)
    await flushPromises()
    expect(byTestId('duplicate-warning')?.textContent).toContain('5 s ago')
    expect(byTestId('duplicate-warning')?.textContent).toContain('not idempotent')
    byTestId<HTMLButtonElement>('duplicate-send-anyway')?.click()
    expect(await answer).toBe(true)

    answer = guard.askDuplicate(error)
    await flushPromises()
    byTestId<HTMLButtonElement>('duplicate-cancel')?.click()
    expect(await answer).toBe(false)
    wrapper.unmount()
  })
})
