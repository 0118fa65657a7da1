// @vitest-environment happy-dom
/** Deleting a playlist in the Playlists view offers Undo, which brings the file back. */
import { flushPromises, mount } from '@vue/test-utils'
import { NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'

import {
  failed,
  installFakeFlowx,
  makePlaylistEntry,
  ok,
  type FakeFlowx
} from '../../test/fake-flowx'
import PlaylistsView from '../../views/PlaylistsView.vue'

let flowx: FakeFlowx
const entry = makePlaylistEntry()
const { playlist: _playlist, ...summary } = entry

beforeEach(() => {
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
  flowx.playlists.list.mockResolvedValue(ok([summary]))
})
afterEach(() => {
  document.body.innerHTML = ''
})

async function openAndDelete() {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, null, { default: () => h(PlaylistsView) })
  })
  const wrapper = mount(Host, { attachTo: document.body })
  await flushPromises()
  await wrapper.get('[data-testid="playlist-item-onboarding-demo"]').trigger('click')
  await flushPromises()
  flowx.playlists.list.mockResolvedValue(ok([]))
  flowx.playlists.delete.mockResolvedValue(ok({ undoToken: 'f'.repeat(32), name: entry.name }))
  await wrapper.get('[data-testid="playlist-delete"]').trigger('click')
  await flushPromises()
  return wrapper
}

const toast = () => document.querySelector<HTMLElement>('[data-testid="playlist-undo-toast"]')

describe('deleting a playlist', () => {
  it('says it was deleted with an Undo that restores it and lists it again', async () => {
    const wrapper = await openAndDelete()
    expect(flowx.playlists.delete).toHaveBeenCalledWith({ slug: entry.slug, folder: entry.folder })
    expect(toast()?.textContent).toContain('Deleted “Onboarding demo”.')
    expect(wrapper.find('[data-testid="playlist-item-onboarding-demo"]').exists()).toBe(false)

    flowx.playlists.list.mockResolvedValue(ok([summary]))
    document.querySelector<HTMLElement>('[data-testid="playlist-undo"]')!.click()
    await flushPromises()
    expect(flowx.playlists.restore).toHaveBeenCalledWith({ undoToken: 'f'.repeat(32) })
    expect(wrapper.find('[data-testid="playlist-item-onboarding-demo"]').exists()).toBe(true)
    expect(document.body.textContent).toContain('Restored “Onboarding demo”.')
  })

  it('says why when the deletion can no longer be undone', async () => {
    await openAndDelete()
    flowx.playlists.restore.mockResolvedValue(
      failed({ code: 'RECORD_NOT_FOUND', message: 'That deletion can no longer be undone.' })
    )
    document.querySelector<HTMLElement>('[data-testid="playlist-undo"]')!.click()
    await flushPromises()
    expect(document.body.textContent).toContain('That deletion can no longer be undone.')
  })
})
