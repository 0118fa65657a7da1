import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { FileDialogs } from '../ports'
import { EMPTY_SETTINGS, SETTINGS_MIGRATIONS, SettingsDocSchema } from '../profiles/profile-store'
import { confBackend } from '../stores/conf-backend'
import { openStore } from '../stores/open-store'
import { historyChannels } from './channels'
import { makeLaunch, makeTempLedgerDir } from './fixtures/launches'
import { openLedger, type Ledger } from './index'

let temp: ReturnType<typeof makeTempLedgerDir>
let ledger: Ledger
const saved: Array<{ name: string; text: string }> = []

const files: FileDialogs = {
  saveText: async (name, text) => {
    saved.push({ name, text })
    return `/chosen/${name}`
  },
  openText: async () => undefined
}

function settingsStore() {
  return openStore({
    backend: confBackend,
    cwd: temp.dir,
    name: 'settings',
    schema: SettingsDocSchema,
    defaults: EMPTY_SETTINGS,
    migrations: SETTINGS_MIGRATIONS
  })
}

beforeEach(async () => {
  temp = makeTempLedgerDir()
  ledger = await openLedger(temp.file)
  saved.length = 0
})

afterEach(async () => {
  await ledger.close()
  temp.cleanup()
})

describe('settings channels', () => {
  it('reads defaults, keeps an update across a reopen, and leaves the other fields alone', async () => {
    const channels = historyChannels({ ledger, settings: settingsStore(), files })
    expect(await channels['settings:get'](undefined)).toEqual({
      theme: 'system',
      textSize: 100,
      retention: { mode: 'forever' },
      batchConcurrency: 4,
      libraryFolders: [],
      demo: { enabled: false, persist: false, textScale: 150 }
    })
    const next = await channels['settings:update']({ theme: 'dark', textSize: 150 })
    expect(next).toMatchObject({ theme: 'dark', textSize: 150, batchConcurrency: 4 })
    const again = historyChannels({ ledger, settings: settingsStore(), files })
    expect(await again['settings:get'](undefined)).toEqual(next)
  })

  it('migrates a version 1 settings file, keeping its drafts and weak-storage choice', () => {
    const draft = {
      mode: 'build',
      workspaceId: '',
      appId: 'a',
      buildId: 'b',
      processName: 'p',
      payload: '{}'
    }
    writeFileSync(
      join(temp.dir, 'settings.json'),
      JSON.stringify({ version: 1, drafts: { p1: draft }, weakSecretStorage: true })
    )
    const doc = settingsStore().read()
    expect(doc.version).toBe(2)
    expect(doc.weakSecretStorage).toBe(true)
    expect(doc.drafts.p1).toMatchObject({ processName: 'p' })
    expect(doc.app.retention).toEqual({ mode: 'forever' })
    // The original is kept aside before the upgrade.
    expect(
      readdirSync(temp.dir).some((name) => name.startsWith('settings') && name !== 'settings.json')
    ).toBe(true)
  })

  it('applies a new retention setting to the ledger', async () => {
    const old = new Date(Date.now() - 200 * 86_400_000).toISOString()
    const { id } = await ledger.begin(makeLaunch({ id: 'old', startedAt: old }))
    await ledger.complete(id, { status: 'started', durationMs: 1 })
    await ledger.begin(makeLaunch({ id: 'new', startedAt: new Date().toISOString() }))
    const channels = historyChannels({ ledger, settings: settingsStore(), files })
    await channels['settings:update']({ retention: { mode: 'days', days: 90 } })
    // setRetention is queued on the same ledger before this search: it has run by now.
    await ledger.flush()
    expect((await ledger.search({})).items.map((i) => i.id)).toEqual(['new'])
  })
})

describe('history channels', () => {
  it('deletes with undo and exports what the filter matches as CSV and JSON', async () => {
    const channels = historyChannels({
      ledger,
      settings: settingsStore(),
      files,
      now: () => new Date('2025-03-01T00:00:00Z')
    })
    await ledger.begin(
      makeLaunch({
        id: 'a',
        ticket: 'SUP-1',
        note: '=cmd|calc',
        payload: '{"email":"alice@example.com"}'
      })
    )
    await ledger.begin(makeLaunch({ id: 'b', startedAt: '2025-01-01T00:01:00.000Z' }))

    expect((await channels['history:delete']({ id: 'b' })).id).toBe('b')
    await expect(channels['history:get']({ id: 'b' })).rejects.toMatchObject({
      error: { code: 'RECORD_NOT_FOUND' }
    })
    await channels['history:restore']({ id: 'b' })
    expect((await channels['history:get']({ id: 'b' })).id).toBe('b')

    expect(await channels['history:export']({ format: 'csv', query: { ticket: 'SUP-1' } })).toEqual(
      {
        path: '/chosen/flowx-history-2025-03-01.csv',
        count: 1
      }
    )
    const csv = saved[0].text.split('\r\n')
    expect(csv[0]).toContain('ticket,note')
    expect(csv[1]).toContain(`SUP-1,'=cmd|calc`)
    expect(csv[1]).toContain('"{""email"":""alice@example.com""}"')

    await channels['history:export']({ format: 'json' })
    const json = JSON.parse(saved[1].text) as {
      count: number
      launches: Array<{ id: string; ticket?: string }>
    }
    expect(json.count).toBe(2)
    expect(json.launches.map((l) => l.id)).toEqual(['b', 'a'])
    expect(JSON.stringify(json)).not.toMatch(/authorization|bearer/i)
    expect(readFileSync(temp.file).length).toBeGreaterThan(0)
  })
})

describe('process-name suggestions', () => {
  it('adds the names a profile suggests after the ones from its history', async () => {
    await ledger.begin(makeLaunch({ profileId: 'sandbox', processName: 'loan request' }))
    const channels = historyChannels({
      ledger,
      settings: settingsStore(),
      files,
      suggestedProcessNames: (profileId) =>
        profileId === 'sandbox' ? ['parallel_checks', 'loan request'] : []
    })
    expect(await channels['history:process-names']({ profileId: 'sandbox' })).toEqual([
      'loan request',
      'parallel_checks'
    ])
    expect(
      await channels['history:process-names']({ profileId: 'sandbox', prefix: 'par' })
    ).toEqual(['parallel_checks'])
    expect(await channels['history:process-names']({ profileId: 'other' })).toEqual([])
  })
})
