// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h, type Component } from 'vue'

import { useLaunchStore } from '../../stores/launch'
import { useProfilesStore } from '../../stores/profiles'
import {
  installFakeFlowx,
  makeProfile,
  makeRecord,
  ok,
  type FakeFlowx
} from '../../test/fake-flowx'
import { makeReplayPlan } from '../../test/fake-workbench'
import CurlCopyDialog from './CurlCopyDialog.vue'
import CurlPasteDialog from './CurlPasteDialog.vue'
import ReplayDialog from './ReplayDialog.vue'

let pinia: ReturnType<typeof createPinia>
let flowx: FakeFlowx

beforeEach(async () => {
  pinia = createPinia()
  setActivePinia(pinia)
  flowx = installFakeFlowx()
  flowx.profiles.list.mockResolvedValue(
    ok([
      makeProfile(),
      makeProfile({ id: 'prod', name: 'Production', color: 'red', protected: true })
    ])
  )
  useLaunchStore()
  await useProfilesStore().load('p1')
  await flushPromises()
})
afterEach(() => {
  document.body.innerHTML = ''
})

function render(component: Component, props: Record<string, unknown>) {
  const Host = defineComponent({
    setup: () => () =>
      h(NMessageProvider, null, {
        default: () => h(NDialogProvider, null, { default: () => h(component, props) })
      })
  })
  return mount(Host, { global: { plugins: [pinia] }, attachTo: document.body })
}

const byTestId = <T extends HTMLElement>(id: string) =>
  document.body.querySelector<T>(`[data-testid="${id}"]`)

async function click(id: string): Promise<void> {
  const el = byTestId(id)
  if (!el) throw new Error(`no ${id}`)
  el.click()
  await flushPromises()
}

async function type(id: string, value: string): Promise<void> {
  const input = byTestId<HTMLInputElement>(id)
  if (!input) throw new Error(`no ${id}`)
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

describe('CurlCopyDialog', () => {
  it('shows the placeholders command at once and copies it', async () => {
    render(CurlCopyDialog, { source: { kind: 'form' } })
    await flushPromises()
    expect(flowx.curl.fromForm).toHaveBeenCalledWith(
      expect.objectContaining({ profileId: 'p1', mode: 'placeholders' })
    )
    expect(byTestId('curl-command')?.textContent).toContain('# placeholders')
    await click('curl-copy-button')
    expect(flowx.app.copyText).toHaveBeenCalledWith({ text: expect.stringContaining('curl') })
  })

  it('asks resolved mode for an explicit yes and, on a protected profile, the typed name', async () => {
    render(CurlCopyDialog, {
      source: { kind: 'launch', id: 'rec1', profileName: 'Production', protected: true }
    })
    await flushPromises()
    byTestId<HTMLInputElement>('curl-mode-resolved')?.querySelector('input')?.click()
    await flushPromises()
    expect(byTestId('curl-resolved-confirm')).not.toBeNull()
    const copy = () => byTestId<HTMLButtonElement>('curl-copy-resolved')
    expect(copy()?.disabled).toBe(true)
    byTestId('curl-resolved-understood')?.click()
    await flushPromises()
    expect(copy()?.disabled).toBe(true)
    await type('curl-confirm-name', 'Production')
    expect(copy()?.disabled).toBe(false)
    await click('curl-copy-resolved')
    expect(flowx.curl.fromLaunch).toHaveBeenLastCalledWith({
      id: 'rec1',
      mode: 'resolved',
      confirmed: true,
      confirmProfileName: 'Production'
    })
    expect(byTestId('curl-copied')?.textContent).toMatch(/Copied with the real token/)
  })
})

describe('CurlPasteDialog', () => {
  it('reads the pasted text and fills the form; the token is not used unless chosen', async () => {
    flowx.curl.parse.mockResolvedValueOnce(
      ok({
        mode: 'build',
        workspaceId: '',
        appId: 'app-9',
        buildId: 'build-9',
        processName: 'pasted_process',
        payload: '{\n  "a": 1\n}',
        tokenHandle: 'tok-1',
        tokenClaims: { roles: [], username: 'alice' },
        notes: ['Cookie header ignored.']
      })
    )
    render(CurlPasteDialog, {})
    await type(
      'curl-paste-text',
      "curl 'https://x/rtm/api/runtime/app/a/build/b/process-name/p/start'"
    )
    await click('curl-paste-read')
    expect(byTestId('curl-paste-fields')?.textContent).toContain('pasted_process')
    expect(byTestId('curl-paste-token')?.textContent).toContain('alice')
    expect(document.body.textContent).toContain('Cookie header ignored.')
    await click('curl-paste-apply')
    const launch = useLaunchStore()
    expect(launch.form).toMatchObject({ mode: 'build', appId: 'app-9', buildId: 'build-9' })
  })
})

describe('ReplayDialog', () => {
  it('shows the diff before sending and sends the plan it showed', async () => {
    render(ReplayDialog, { record: makeRecord(), mode: 'fresh' })
    await flushPromises()
    expect(flowx.history.replayPlan).toHaveBeenCalledWith({ id: 'rec1', mode: 'fresh' })
    const diff = byTestId('replay-diff')
    expect(diff?.textContent).toContain('$uuid')
    expect(byTestId('replay-payload')?.querySelectorAll('.removed').length).toBeGreaterThan(0)
    await click('replay-send')
    expect(flowx.history.replay).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'rec1', mode: 'fresh' })
    )
  })

  it('waits for a target profile before planning a replay to another profile', async () => {
    flowx.history.replayPlan.mockResolvedValue(
      ok(
        makeReplayPlan({
          mode: 'to-profile',
          problem: {
            kind: 'unresolved',
            message: 'The variable {{customerId}} has no value.',
            prompts: []
          }
        })
      )
    )
    render(ReplayDialog, { record: makeRecord(), mode: 'to-profile' })
    await flushPromises()
    expect(flowx.history.replayPlan).not.toHaveBeenCalled()
    expect(byTestId<HTMLButtonElement>('replay-send')?.disabled).toBe(true)
  })
})
