import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { Playlist } from '../../shared/domain'
import { parsePlaylist, playlistSlug } from './playlist-file'
import { PlaylistStore } from './playlist-store'

let dir: string
let library: string
let shared: string
let store: PlaylistStore

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-playlists-'))
  library = join(dir, 'library')
  shared = join(dir, 'team-repo')
  store = new PlaylistStore(() => [library, shared])
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const demo: Playlist = {
  name: 'Onboarding story',
  description: 'Three environments, one customer',
  steps: [
    {
      savedLaunch: 'Onboard Alice',
      profileId: 'local-sandbox',
      title: 'On the sandbox',
      notes: 'Say hi'
    },
    { savedLaunch: 'Onboard Alice', profileId: 'p-staging', title: 'Now staging', notes: '' }
  ]
}

describe('playlists', () => {
  it('saves a readable, versioned file in the default library and reads it back', async () => {
    const saved = await store.save(demo)
    expect(saved).toMatchObject({
      slug: 'onboarding-story',
      name: 'Onboarding story',
      stepCount: 2
    })
    expect(saved.folder).toBe(library)
    const text = readFileSync(join(library, 'onboarding-story.playlist.json'), 'utf8')
    expect(JSON.parse(text)).toMatchObject({ kind: 'flowx-launcher/playlist', version: 1 })
    expect(text).toContain('\n  "steps": [\n')
    expect((await store.get({ slug: 'onboarding-story' })).playlist).toEqual(demo)
    // Nothing but the file itself is left behind (no temp files).
    expect(readdirSync(library)).toEqual(['onboarding-story.playlist.json'])
  })

  it('renames the file when the name changes, and never overwrites another playlist', async () => {
    await store.save(demo)
    const other = await store.save({ ...demo, steps: [] })
    expect(other.slug).toBe('onboarding-story-2')
    const renamed = await store.save(
      { ...demo, name: 'Story for the board' },
      { from: { slug: 'onboarding-story' } }
    )
    expect(renamed.slug).toBe('story-for-the-board')
    expect(readdirSync(library).sort()).toEqual([
      'onboarding-story-2.playlist.json',
      'story-for-the-board.playlist.json'
    ])
  })

  it('lists every library folder; a broken file is listed with its problem and left alone', async () => {
    await store.save(demo)
    await store.save({ ...demo, name: 'Team demo' }, { folder: shared })
    writeFileSync(join(shared, 'broken.playlist.json'), '{"kind":"flowx-launcher/playlist",')
    writeFileSync(join(shared, 'newer.playlist.json'), '{"version": 9}')
    const listed = await store.list()

    expect(listed.map((p) => [p.slug, p.stepCount, p.problem ?? ''])).toEqual([
      ['onboarding-story', 2, ''],
      ['broken', 0, expect.stringContaining('Not valid JSON')],
      ['newer', 0, expect.stringContaining('newer FlowX Launcher')],
      ['team-demo', 2, '']
    ])
    expect(readFileSync(join(shared, 'broken.playlist.json'), 'utf8')).toBe(
      '{"kind":"flowx-launcher/playlist",'
    )
    await expect(store.get({ slug: 'broken', folder: shared })).rejects.toMatchObject({
      error: { code: 'INVALID_INPUT' }
    })
  })

  it('never overwrites a file changed on disk since it was opened', async () => {
    const opened = await store.save(demo)
    expect(opened.revision).toMatch(/^[0-9a-f]{20}$/)
    const file = join(library, 'onboarding-story.playlist.json')
    // A teammate's change arrives (a Git pull).
    writeFileSync(file, readFileSync(file, 'utf8').replace('Say hi', 'Say hello'))
    await expect(
      store.save(
        { ...demo, description: 'mine' },
        { from: { slug: 'onboarding-story' }, expectedRevision: opened.revision }
      )
    ).rejects.toMatchObject({ error: { code: 'CONFLICT' } })
    expect(readFileSync(file, 'utf8')).toContain('Say hello')
    const fresh = await store.get({ slug: 'onboarding-story' })
    const saved = await store.save(
      { ...fresh.playlist, description: 'mine' },
      { from: { slug: 'onboarding-story' }, expectedRevision: fresh.revision }
    )
    expect(saved.playlist.description).toBe('mine')
  })

  it('refuses folders outside the library, and deletes', async () => {
    await expect(store.save(demo, { folder: join(dir, 'elsewhere') })).rejects.toMatchObject({
      error: { message: 'That folder is not one of the library folders.' }
    })
    await store.save(demo)
    await store.delete({ slug: 'onboarding-story' })
    expect(await store.list()).toEqual([])
    await expect(store.delete({ slug: 'onboarding-story' })).rejects.toMatchObject({
      error: { code: 'RECORD_NOT_FOUND' }
    })
  })

  it('undoes a delete: the file comes back byte for byte, in its folder, beside a newer namesake', async () => {
    const trash = join(dir, 'playlists-trash')
    store = new PlaylistStore(() => [library, shared], trash)
    const saved = await store.save(demo, { folder: shared })
    const file = join(shared, 'onboarding-story.playlist.json')
    // A hand edit (spacing, key order) is part of what must come back unchanged.
    const bytes = `${readFileSync(file, 'utf8').trimEnd()}\n\n`
    writeFileSync(file, bytes)

    const deletion = await store.delete({ slug: saved.slug, folder: shared })
    expect(deletion.name).toBe('Onboarding story')
    expect(readdirSync(shared)).toEqual([])
    expect(await store.list()).toEqual([])

    const back = await store.restore(deletion.undoToken)
    expect(back).toMatchObject({ slug: 'onboarding-story', folder: shared })
    expect(readFileSync(file, 'utf8')).toBe(bytes)
    expect(readdirSync(trash)).toEqual([])
    await expect(store.restore(deletion.undoToken)).rejects.toMatchObject({
      error: { code: 'RECORD_NOT_FOUND', message: 'That deletion can no longer be undone.' }
    })

    // Deleted, then a new playlist takes the name: the restored one gets a free name.
    const again = await store.delete({ slug: 'onboarding-story', folder: shared })
    await store.save({ ...demo, description: 'new' }, { folder: shared })
    const renamed = await store.restore(again.undoToken)
    expect(renamed.slug).toBe('onboarding-story-2')
    expect(readFileSync(join(shared, 'onboarding-story-2.playlist.json'), 'utf8')).toBe(bytes)
  })

  it('checks steps: a step without a saved launch is named', () => {
    const read = parsePlaylist(
      JSON.stringify({
        kind: 'flowx-launcher/playlist',
        version: 1,
        name: 'x',
        description: '',
        steps: [{ savedLaunch: '', profileId: 'p', title: '', notes: '' }]
      })
    )
    expect(read).toEqual({
      ok: false,
      problem: 'Not a playlist at steps.0.savedLaunch: Choose a saved launch.'
    })
  })

  it('makes file names from any name', () => {
    expect(playlistSlug('Démo — Q4 / Board!')).toBe('demo-q4-board')
    expect(playlistSlug('***')).toBe('playlist')
  })
})
