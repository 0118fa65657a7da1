// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { useLaunchStore } from '../../stores/launch'
import { useProfilesStore } from '../../stores/profiles'
import { installFakeFlowx, ok, type FakeFlowx } from '../../test/fake-flowx'
import { makeLibraryEntry, makeListing } from '../../test/fake-workbench'
import { mountComponentInApp } from '../../test/mount'
import LibraryPanel from './LibraryPanel.vue'

let pinia: ReturnType<typeof createPinia>
let flowx: FakeFlowx

beforeEach(async () => {
  pinia = createPinia()
  setActivePinia(pinia)
  flowx = installFakeFlowx()
  flowx.library.list.mockResolvedValue(
    ok(
      makeListing([
        makeLibraryEntry(),
        makeLibraryEntry({
          id: 'default/broken.launch.json',
          file: 'broken.launch.json',
          status: 'broken',
          error: 'Invalid JSON at line 2, column 5: expected a value.',
          name: '',
          tags: []
        })
      ])
    )
  )
  useLaunchStore()
  await useProfilesStore().load('p1')
  await flushPromises()
})
afterEach(() => {
  document.body.innerHTML = ''
})

function render() {
  return mountComponentInApp(LibraryPanel, {}, pinia)
}

const byTestId = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`)

describe('LibraryPanel', () => {
  it('lists saved launches and shows a broken file with its error, not openable', async () => {
    render()
    await flushPromises()
    expect(byTestId('library-entry-new-customer.launch.json')?.textContent).toContain(
      'New customer'
    )
    const broken = byTestId('library-entry-broken.launch.json')
    expect(broken?.textContent).toContain('Invalid JSON at line 2, column 5')
    expect(broken?.querySelector('button')?.disabled).toBe(true)
  })

  it('opens a saved launch into the form on click', async () => {
    render()
    await flushPromises()
    byTestId('library-entry-new-customer.launch.json')?.querySelector('button')?.click()
    await flushPromises()
    expect(flowx.library.get).toHaveBeenCalledWith({ id: 'default/new-customer.launch.json' })
    expect(useLaunchStore().form.processName).toBe('customer_onboarding')
    expect(byTestId('library-entry-new-customer.launch.json')?.getAttribute('aria-current')).toBe(
      'true'
    )
  })

  it('deletes with an Undo toast that restores the file', async () => {
    render()
    await flushPromises()
    byTestId('library-entry-actions-new-customer.launch.json')?.click()
    await flushPromises()
    const del = [...document.body.querySelectorAll<HTMLElement>('.n-dropdown-option')].find((o) =>
      o.textContent?.includes('Delete')
    )
    del?.querySelector<HTMLElement>('.n-dropdown-option-body')?.click()
    await flushPromises()
    expect(flowx.library.delete).toHaveBeenCalledWith({
      id: 'default/new-customer.launch.json',
      expectedRevision: 'r1'
    })
    expect(byTestId('library-entry-new-customer.launch.json')).toBeNull()
    expect(byTestId('library-undo-toast')?.textContent).toContain('Deleted “New customer”')
    byTestId('library-undo')?.click()
    await flushPromises()
    expect(flowx.library.restore).toHaveBeenCalledWith({ undoToken: 'undo-1' })
    expect(byTestId('library-entry-new-customer.launch.json')).not.toBeNull()
  })
})
