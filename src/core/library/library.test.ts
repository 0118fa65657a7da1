import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { AppFailure } from '../../shared/errors'
import { SAMPLE } from './test-launches'
import { Library } from './library'

let root: string
let folders: string[]
let library: Library

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'flowx-library-'))
  folders = []
  library = new Library({
    defaultDir: join(root, 'library'),
    trashDir: join(root, 'library-trash'),
    folders: { read: () => folders, write: (next) => (folders = next) }
  })
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

async function failure(run: () => Promise<unknown>): Promise<AppFailure> {
  try {
    await run()
  } catch (error) {
    if (error instanceof AppFailure) return error
    throw error
  }
  throw new Error('expected an AppFailure')
}

describe('library', () => {
  it('saves a launch as <slug>.launch.json in the default folder and lists it', async () => {
    const saved = await library.save({ launch: SAMPLE })
    expect(saved.entry).toMatchObject({
      id: 'default/customer-onboarding-stefan.launch.json',
      status: 'ok',
      name: SAMPLE.name,
      tags: ['onboarding', 'smoke'],
      mode: 'build'
    })
    expect(readdirSync(join(root, 'library'))).toEqual(['customer-onboarding-stefan.launch.json'])
    const { entries, folders: listed } = await library.list()
    expect(listed).toEqual([{ id: 'default', path: join(root, 'library'), isDefault: true }])
    expect(entries.map((e) => e.id)).toEqual([saved.entry.id])
    expect((await library.get(saved.entry.id)).launch.payload).toContain('9007199254740993')
  })

  it('gives a second launch of the same name its own file', async () => {
    await library.save({ launch: SAMPLE })
    const second = await library.save({ launch: SAMPLE })
    expect(second.entry.file).toBe('customer-onboarding-stefan-2.launch.json')
  })

  it('refuses to overwrite a file changed on disk since it was opened', async () => {
    const saved = await library.save({ launch: SAMPLE })
    const path = join(root, 'library', saved.entry.file)
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('Run on staging first.', 'edited by a colleague')
    )
    const error = await failure(() =>
      library.save({
        id: saved.entry.id,
        launch: { ...SAMPLE, notes: 'mine' },
        expectedRevision: saved.entry.revision
      })
    )
    expect(error.error.code).toBe('CONFLICT')
    expect(error.message).toContain('was changed on disk since it was opened')
    expect(readFileSync(path, 'utf8')).toContain('edited by a colleague')
    // With the new revision, the save goes through.
    const fresh = await library.get(saved.entry.id)
    const again = await library.save({
      id: saved.entry.id,
      launch: { ...SAMPLE, notes: 'mine' },
      expectedRevision: fresh.entry.revision
    })
    expect(again.launch.notes).toBe('mine')
  })

  it('lists a broken file with its error and never overwrites it', async () => {
    mkdirSync(join(root, 'library'), { recursive: true })
    const path = join(root, 'library', 'broken.launch.json')
    writeFileSync(path, '{"kind": "flowx-launcher/launch", "version": 1, "name": "x",,}')
    const { entries } = await library.list()
    expect(entries).toEqual([
      expect.objectContaining({
        id: 'default/broken.launch.json',
        status: 'broken',
        error: expect.stringContaining('Not valid JSON at line 1, column 61')
      })
    ])
    const error = await failure(() =>
      library.save({ id: 'default/broken.launch.json', launch: SAMPLE })
    )
    expect(error.error.code).toBe('CONFLICT')
    expect(readFileSync(path, 'utf8')).toContain(',,}')
    expect((await failure(() => library.find('broken'))).message).toContain('is broken')
  })

  it('renames (the file follows), duplicates, deletes and restores', async () => {
    const saved = await library.save({ launch: SAMPLE })
    const renamed = await library.rename(saved.entry.id, 'Loan request')
    expect(renamed.entry.file).toBe('loan-request.launch.json')
    expect(readdirSync(join(root, 'library'))).toEqual(['loan-request.launch.json'])
    const copy = await library.duplicate(renamed.entry.id)
    expect(copy.launch.name).toBe('Loan request copy')
    const deletion = await library.remove(renamed.entry.id, renamed.entry.revision)
    expect(deletion.name).toBe('Loan request')
    expect(readdirSync(join(root, 'library'))).toEqual(['loan-request-copy.launch.json'])
    const restored = await library.restore(deletion.undoToken)
    expect(restored.entry.file).toBe('loan-request.launch.json')
    expect(restored.launch.payload).toContain('9007199254740993')
    expect((await failure(() => library.restore(deletion.undoToken))).error.code).toBe(
      'RECORD_NOT_FOUND'
    )
  })

  it('shows added folders side by side, with playlists, and forgets removed ones', async () => {
    const team = join(root, 'team-repo')
    mkdirSync(team)
    writeFileSync(
      join(team, 'demo.playlist.json'),
      JSON.stringify({
        kind: 'flowx-launcher/playlist',
        version: 1,
        name: 'Demo',
        description: 'd',
        steps: []
      })
    )
    writeFileSync(join(team, 'README.md'), 'not listed')
    const added = await library.addFolder(team)
    expect(added.map((f) => f.path)).toEqual([join(root, 'library'), team])
    await library.save({ folderId: added[1].id, launch: SAMPLE })
    const { entries } = await library.list()
    expect(entries.map((e) => [e.kind, e.name, e.folderId])).toEqual([
      ['launch', SAMPLE.name, added[1].id],
      ['playlist', 'Demo', added[1].id]
    ])
    expect(folders).toEqual([team])
    library.removeFolder(added[1].id)
    expect((await library.list()).entries).toEqual([])
    expect(readdirSync(team).sort()).toEqual([
      'README.md',
      'customer-onboarding-stefan.launch.json',
      'demo.playlist.json'
    ])
  })

  it('lists a folder that went missing with its error', async () => {
    const gone = join(root, 'gone')
    mkdirSync(gone)
    await library.addFolder(gone)
    rmSync(gone, { recursive: true })
    const { folders: listed } = await library.list()
    expect(listed[1].error).toBe(`Cannot read ${gone}: the folder does not exist.`)
  })

  it('finds a saved launch by name, slug or path, and names what it cannot find', async () => {
    const saved = await library.save({ launch: SAMPLE })
    expect((await library.find('customer onboarding — ștefan')).entry.id).toBe(saved.entry.id)
    expect((await library.find('customer-onboarding-stefan')).entry.id).toBe(saved.entry.id)
    expect((await library.find(join(root, 'library', saved.entry.file))).launch.name).toBe(
      SAMPLE.name
    )
    const missing = await failure(() => library.find('Nope'))
    expect(missing.message).toBe('There is no saved launch named “Nope”.')
  })

  it('refuses to save a launch that holds a token', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vIiwiZXhwIjoxfQ.c2lnbmF0dXJl'
    const error = await failure(() =>
      library.save({ launch: { ...SAMPLE, variables: { t: jwt } } })
    )
    expect(error.message).toContain('looks like an access token')
    expect(readdirSync(root)).not.toContain('library-trash')
  })
})
