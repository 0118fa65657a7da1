/** `run NAME` and `batch NAME` find saved launches in the extra library folders of the settings too. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { DEFAULT_APP_SETTINGS } from '../core/profiles/profile-store'
import { jsonLines, useSandboxFixture } from './test-support'

const fx = useSandboxFixture()
const DOCS = '[DOCS]customer_onboarding'

/** The settings file with an extra library folder, as the app's Settings → Library folders writes it. */
function addLibraryFolder(dataDir: string, folder: string): void {
  const path = join(dataDir, 'settings.json')
  const doc = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)
    : { version: 2, drafts: {}, weakSecretStorage: false }
  const app = { ...DEFAULT_APP_SETTINGS, ...(doc.app as object), libraryFolders: [folder] }
  writeFileSync(path, JSON.stringify({ ...doc, app }))
}

describe('saved launches in extra library folders', () => {
  it('`run NAME` and `batch NAME --rows` find a launch saved in a folder from the settings', async () => {
    await fx.saveProfile('Sandbox B', { variables: { customerId: 'C-B' } })
    const saved = await fx.h.run([
      'start',
      '--profile',
      'Sandbox B',
      '--process',
      DOCS,
      '--data',
      '{"customerId": "{{customerId}}"}',
      '--save-as',
      'Team smoke',
      '--dry-run'
    ])
    expect(saved.code).toBe(0)
    // The team's shared folder holds the file; the default library no longer does.
    const team = join(fx.h.dir, 'team-library')
    mkdirSync(team)
    renameSync(
      join(fx.h.dataDir, 'library', 'team-smoke.launch.json'),
      join(team, 'team-smoke.launch.json')
    )
    const rows = join(fx.h.dir, 'rows.csv')
    writeFileSync(rows, 'customerId\nC-1\nC-2\n')

    const before = await fx.h.run(['batch', 'Team smoke', '--profile', 'Sandbox B', '--rows', rows])
    expect(before.code).toBe(2)
    expect(before.stderr.text).toContain('Team smoke')

    addLibraryFolder(fx.h.dataDir, team)
    const ran = await fx.h.run(['run', 'Team smoke', '--profile', 'Sandbox B', '--dry-run'])
    expect(ran.code).toBe(0)
    expect(ran.stdout.text).toContain('"customerId": "C-B"')

    const batch = await fx.h.run([
      'batch',
      'Team smoke',
      '--profile',
      'Sandbox B',
      '--rows',
      rows,
      '--yes',
      '--json'
    ])
    expect(batch.code).toBe(0)
    const lines = jsonLines<{ type?: string; status?: string; historyId?: string }>(batch.stdout)
    expect(lines.at(-1)).toMatchObject({ type: 'summary', total: 2, started: 2 })
    const first = lines.find((l) => l.status === 'started')!
    expect(fx.h.withLedger((ledger) => ledger.get(first.historyId!))?.savedLaunch).toBe(
      'Team smoke'
    )
  })
})
