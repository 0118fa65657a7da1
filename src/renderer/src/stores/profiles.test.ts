// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import {
  deferred,
  failed,
  installFakeFlowx,
  makeProfile,
  ok,
  type FakeFlowx
} from '../test/fake-flowx'
import { useProfilesStore } from './profiles'

const sandbox = makeProfile({ id: 'sbx', name: 'Local sandbox', localSandbox: true, baseUrl: '' })
let flowx: FakeFlowx

beforeEach(() => {
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
  flowx.profiles.list.mockResolvedValue(ok([makeProfile(), sandbox]))
})

describe('profiles store', () => {
  it('activates the profile main remembers', async () => {
    const profiles = useProfilesStore()
    await profiles.load('p1')
    expect(profiles.activeProfile?.name).toBe('Staging')
    expect(flowx.sandbox.ensure).not.toHaveBeenCalled()
  })

  it('starts the sandbox when its profile is active, then picks up its base URL', async () => {
    const running = { ...sandbox, baseUrl: 'http://127.0.0.1:40123/rtm' }
    flowx.profiles.list
      .mockResolvedValueOnce(ok([makeProfile(), sandbox]))
      .mockResolvedValueOnce(ok([makeProfile(), running]))
    const profiles = useProfilesStore()
    await profiles.load('sbx')
    expect(flowx.sandbox.ensure).toHaveBeenCalledTimes(1)
    expect(profiles.activeProfile?.baseUrl).toBe('http://127.0.0.1:40123/rtm')
  })

  it('is loading while it fetches the list, not while the sandbox starts (that has its own flag)', async () => {
    const list = deferred<Awaited<ReturnType<typeof flowx.profiles.list>>>()
    const ensure = deferred<Awaited<ReturnType<typeof flowx.sandbox.ensure>>>()
    flowx.profiles.list.mockReturnValueOnce(list.promise)
    flowx.sandbox.ensure.mockReturnValueOnce(ensure.promise)
    const profiles = useProfilesStore()
    const done = profiles.load('sbx')
    expect(profiles.loading).toBe(true)
    list.resolve(ok([makeProfile(), sandbox]))
    await vi.waitFor(() => expect(profiles.sandboxStarting).toBe(true))
    expect(profiles.loading).toBe(false)
    expect(profiles.loaded).toBe(false)
    ensure.resolve(ok({ baseUrl: 'http://127.0.0.1:40123/rtm' }))
    await done
    expect(profiles.loaded).toBe(true)
  })

  it('takes a list main already sent without asking or showing it as loading', async () => {
    const profiles = useProfilesStore()
    const done = profiles.load('p1', [makeProfile(), sandbox])
    expect(profiles.loading).toBe(false)
    expect(profiles.activeId).toBe('p1')
    await done
    expect(flowx.profiles.list).not.toHaveBeenCalled()
    expect(profiles.loaded).toBe(true)
  })

  it('keeps a sandbox failure typed', async () => {
    flowx.sandbox.ensure.mockResolvedValueOnce(
      failed({ code: 'INTERNAL', message: 'Port in use.' })
    )
    const profiles = useProfilesStore()
    await profiles.load('p1')
    await profiles.setActive('sbx')
    expect(profiles.activeId).toBe('sbx')
    expect(profiles.sandboxError?.message).toBe('Port in use.')
  })

  it('keeps a refused save as a typed error next to the form', async () => {
    flowx.profiles.save.mockResolvedValueOnce(
      failed({ code: 'INVALID_INPUT', message: 'A profile named “Staging” already exists.' })
    )
    const profiles = useProfilesStore()
    await profiles.load('p1')
    const saved = await profiles.save({
      name: 'Staging',
      color: 'red',
      baseUrl: 'https://x.example.com/rtm',
      platform: 'web',
      defaults: { workspaceId: '', appId: '', buildId: '' }
    })
    expect(saved).toBeUndefined()
    expect(profiles.saveError?.code).toBe('INVALID_INPUT')
    expect(profiles.profiles).toHaveLength(2)
  })

  it('adds a saved profile to the list', async () => {
    const profiles = useProfilesStore()
    await profiles.load('p1')
    const saved = await profiles.save({
      name: 'Dev',
      color: 'green',
      baseUrl: 'https://dev.example.com/rtm',
      platform: 'web',
      defaults: { workspaceId: '', appId: '', buildId: '' }
    })
    expect(saved?.id).toBe('p-new')
    expect(profiles.profiles.map((p) => p.name)).toEqual(['Staging', 'Local sandbox', 'Dev'])
  })

  it('moves to another profile when the active one is deleted', async () => {
    const profiles = useProfilesStore()
    await profiles.load('p1')
    await profiles.remove('p1')
    expect(flowx.profiles.remove).toHaveBeenCalledWith({ id: 'p1' })
    expect(profiles.activeId).toBe('sbx')
    expect(flowx.profiles.setActive).toHaveBeenLastCalledWith({ id: 'sbx' })
  })
})
