// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import {
  failed,
  installFakeFlowx,
  makePlaylistEntry,
  makeProfile,
  makeRecord,
  ok,
  type FakeFlowx
} from '../test/fake-flowx'
import { makeLibraryEntry, makeListing } from '../test/fake-workbench'
import { usePlaylistsStore } from './playlists'
import { useProfilesStore } from './profiles'

let flowx: FakeFlowx
const sandbox = makeProfile({ id: 'sb', name: 'Local sandbox', localSandbox: true })
const staging = makeProfile({ id: 'p1', name: 'Staging' })

beforeEach(async () => {
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
  flowx.profiles.list.mockResolvedValue(ok([staging, sandbox]))
  flowx.library.list.mockResolvedValue(
    ok(
      makeListing([
        makeLibraryEntry({ id: 'default/new-customer.launch.json', name: 'new-customer' }),
        makeLibraryEntry({ id: 'default/loan-request.launch.json', name: 'loan-request' })
      ])
    )
  )
  flowx.playlists.get.mockResolvedValue(ok(makePlaylistEntry()))
  await useProfilesStore().load('p1')
})

async function presenting() {
  const store = usePlaylistsStore()
  await store.present({ slug: 'onboarding-demo' })
  return store
}

describe('presenting a playlist', () => {
  it("runs a step's saved launch on the step's environment, once", async () => {
    const store = await presenting()
    expect(await store.run(0)).toBe(true)
    expect(flowx.library.get).toHaveBeenCalledWith({ id: 'default/new-customer.launch.json' })
    const input = flowx.launch.start.mock.calls[0][0] as unknown as Record<string, unknown>
    expect(input).toMatchObject({
      profileId: 'p1',
      savedLaunchId: 'default/new-customer.launch.json'
    })
    // launch:start takes only the ids of the target's start mode.
    expect(input.target).not.toHaveProperty('buildId')
    expect(store.outcomes[0].record?.status).toBe('started')
    expect(flowx.launch.start).toHaveBeenCalledTimes(1)
  })

  it('never runs a failed step again on its own; only an explicit run does', async () => {
    flowx.launch.start.mockResolvedValueOnce(
      ok(makeRecord({ status: 'failed', httpStatus: 500, instance: undefined }))
    )
    const store = await presenting()
    expect(await store.run(0)).toBe(false)
    store.goTo(1)
    store.goTo(0)
    await flushPromises()
    expect(flowx.launch.start).toHaveBeenCalledTimes(1)
    expect(await store.run(0)).toBe(true)
    expect(flowx.launch.start).toHaveBeenCalledTimes(2)
  })

  it('names a saved launch that is not in the library, and sends nothing', async () => {
    flowx.playlists.get.mockResolvedValueOnce(
      ok(
        makePlaylistEntry({
          playlist: {
            name: 'x',
            description: '',
            steps: [{ savedLaunch: 'gone', profileId: 'p1', title: '', notes: '' }]
          }
        })
      )
    )
    const store = await presenting()
    expect(await store.run(0)).toBe(false)
    expect(store.outcomes[0].error?.message).toContain('“gone”')
    expect(flowx.launch.start).not.toHaveBeenCalled()
  })

  it('rehearses every step once on the Local sandbox and reports the failures', async () => {
    flowx.launch.start
      .mockResolvedValueOnce(ok(makeRecord()))
      .mockResolvedValueOnce(failed({ code: 'NOT_FOUND', message: 'No such process.' }))
    const store = await presenting()
    expect(await store.rehearse()).toBe(false)
    const profilesUsed = flowx.launch.start.mock.calls.map(
      (c) => (c[0] as unknown as { profileId: string }).profileId
    )
    expect(profilesUsed).toEqual(['sb', 'sb'])
    expect(store.rehearsal).toEqual({ running: false, done: 2, failed: [1] })
  })
})
