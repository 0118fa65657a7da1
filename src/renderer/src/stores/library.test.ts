// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import { failed, installFakeFlowx, makeProfile, ok, type FakeFlowx } from '../test/fake-flowx'
import { makeLibraryEntry, makeListing, makeSavedDocument } from '../test/fake-workbench'
import { useLaunchStore } from './launch'
import { useLaunchContextStore } from './launch-context'
import { entryMatches } from '../lib/library-list'
import { useLibraryStore } from './library'
import { useProfilesStore } from './profiles'

let flowx: FakeFlowx

const sandbox = makeProfile({ id: 'p2', name: 'Local sandbox', localSandbox: true })

async function ready() {
  await useProfilesStore().load('p1')
  await flushPromises()
  return { library: useLibraryStore(), launch: useLaunchStore(), context: useLaunchContextStore() }
}

beforeEach(() => {
  setActivePinia(createPinia())
  flowx = installFakeFlowx()
  flowx.profiles.list.mockResolvedValue(ok([makeProfile(), sandbox]))
})

describe('library store', () => {
  it('groups entries by folder, filtered by tag and by every word searched', async () => {
    const { library } = await ready()
    flowx.library.list.mockResolvedValue(
      ok({
        folders: [
          { id: 'default', path: '/data/library', isDefault: true },
          { id: 'team', path: '/repo/launches', isDefault: false }
        ],
        entries: [
          makeLibraryEntry(),
          makeLibraryEntry({
            id: 'team/loan.launch.json',
            folderId: 'team',
            file: 'loan.launch.json',
            name: 'Loan request',
            tags: ['loans'],
            processName: 'loan_request'
          }),
          makeLibraryEntry({
            id: 'team/bad.launch.json',
            folderId: 'team',
            file: 'bad.launch.json',
            status: 'broken',
            error: 'Invalid JSON at line 3, column 2',
            name: '',
            tags: []
          })
        ]
      })
    )
    await library.load()
    expect(library.groups.map((g) => [g.folder.id, g.entries.length])).toEqual([
      ['default', 1],
      ['team', 2]
    ])
    expect(library.tags).toEqual(['loans', 'onboarding'])
    library.tag = 'loans'
    expect(library.shownCount).toBe(1)
    library.tag = undefined
    library.search = 'loan request'
    expect(library.groups[1].entries.map((e) => e.name)).toEqual(['Loan request'])
    expect(entryMatches(makeLibraryEntry(), 'customer_onboarding onboarding')).toBe(true)
  })

  it('opens a saved launch into the form with its defaults, and marks edits as unsaved', async () => {
    const { library, launch, context } = await ready()
    expect(await library.open('default/new-customer.launch.json')).toBe(true)
    expect(launch.form).toMatchObject({
      mode: 'workspace',
      appId: '{{appId}}',
      processName: 'customer_onboarding',
      payload: '{\n  "customerId": "{{customerId}}"\n}'
    })
    expect(context.defaults).toEqual({ customerId: 'c-1' })
    expect(context.savedLaunchId).toBe('default/new-customer.launch.json')
    expect(library.dirty).toBe(false)
    launch.form.processName = 'other'
    expect(library.dirty).toBe(true)
    launch.form.processName = 'customer_onboarding'
    context.defaultRows = [{ name: 'customerId', value: 'c-2' }]
    expect(library.dirty).toBe(true)
  })

  it('saves over the file with the revision it read, and keeps the form when main refuses', async () => {
    const { library, launch } = await ready()
    await library.open('default/new-customer.launch.json')
    launch.form.processName = 'edited'
    flowx.library.save.mockResolvedValueOnce(
      failed({ code: 'CONFLICT', message: 'new-customer.launch.json changed on disk.' })
    )
    expect(await library.save()).toBe(false)
    expect(flowx.library.save).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'default/new-customer.launch.json',
        expectedRevision: 'r1',
        launch: expect.objectContaining({
          target: expect.objectContaining({ processName: 'edited' })
        })
      })
    )
    expect(library.saveError?.code).toBe('CONFLICT')
    expect(library.dirty).toBe(true)
    expect(await library.save()).toBe(true)
    expect(library.dirty).toBe(false)
    expect(library.saveError).toBeUndefined()
  })

  it('saves as a new saved launch with name, tags, ticket and notes', async () => {
    const { library, launch, context } = await ready()
    launch.form.processName = 'p'
    context.defaultRows = [{ name: 'x', value: '1' }]
    const meta = { name: 'Mine', description: 'd', tags: ['t'], ticket: 'SUP-1', notes: 'n' }
    expect(await library.saveAs(meta)).toBe(true)
    expect(flowx.library.save).toHaveBeenCalledWith({
      launch: expect.objectContaining({ ...meta, variables: { x: '1' } })
    })
    expect(library.current?.launch.name).toBe('Mine')
    expect(context.ticket).toBe('SUP-1')
  })

  it('will not save defaults with a broken row', async () => {
    const { library, context } = await ready()
    context.defaultRows = [{ name: '9x', value: '1' }]
    expect(library.saveBlocker).toMatch(/Saved defaults/)
    expect(
      await library.saveAs({ name: 'n', description: '', tags: [], ticket: '', notes: '' })
    ).toBe(false)
    expect(flowx.library.save).not.toHaveBeenCalled()
  })

  it('deletes, then restores with the undo token', async () => {
    const { library } = await ready()
    flowx.library.list.mockResolvedValue(ok(makeListing()))
    await library.load()
    await library.open('default/new-customer.launch.json')
    const deletion = await library.remove(makeLibraryEntry())
    expect(deletion?.undoToken).toBe('undo-1')
    expect(library.shownCount).toBe(0)
    expect(library.current).toBeUndefined()
    expect(await library.restore(deletion!)).toBe(true)
    expect(flowx.library.restore).toHaveBeenCalledWith({ undoToken: 'undo-1' })
    expect(library.shownCount).toBe(1)
  })

  it('keeps the open saved launch in the form when the profile changes', async () => {
    const { library, launch } = await ready()
    flowx.library.get.mockResolvedValue(ok(makeSavedDocument({}, { payload: '{"a":{{a}}}' })))
    await library.open('default/new-customer.launch.json')
    launch.form.payload = '{"a":{{b}}}'
    await useProfilesStore().setActive('p2')
    await flushPromises()
    expect(launch.formProfileId).toBe('p2')
    expect(launch.form.payload).toBe('{"a":{{b}}}')
    expect(launch.form.processName).toBe('customer_onboarding')
  })
})
