import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { BuildInfoClient } from './build-info/build-info'
import { testManager } from './auth/test-support'
import { Connections } from './launches/connections'
import { Redactor } from './logging/redact'
import { PlaylistStore } from './playlists/playlist-store'
import { silentLogger } from './ports'
import type { ProfileService } from './profiles/profile-service'
import { openTestProfiles } from './profiles/test-profiles'
import { ReportService } from './reports/report-service'
import type { SecretVault } from './secrets/secret-vault'
import { createSupportHandlers, type SupportHandlers } from './support-handlers'

let dir: string
let profiles: ProfileService
let vault: SecretVault
let opened: string[]
let handlers: SupportHandlers

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-support-'))
  ;({ profiles, vault } = await openTestProfiles(dir))
  const tokens = testManager().manager
  opened = []
  handlers = createSupportHandlers({
    profiles,
    vault,
    redactor: new Redactor(),
    logger: silentLogger,
    connections: new Connections({ profiles, vault, tokens }),
    buildInfo: new BuildInfoClient({ tokens }),
    reports: new ReportService({
      ledger: { get: () => undefined, search: () => ({ items: [] }) },
      redact: (t) => t,
      version: 'test'
    }),
    playlists: new PlaylistStore(() => [join(dir, 'library')]),
    files: { saveText: async () => undefined, openText: async () => undefined },
    // The shell's port (shell.openExternal in the app): records what it was asked to open.
    openExternal: async (url) => {
      opened.push(url)
    }
  })
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const profile = (designerUrl: string): Parameters<ProfileService['save']>[0] => ({
  name: 'Staging',
  color: 'blue',
  baseUrl: 'https://admin.bank.example/rtm',
  platform: 'web',
  defaults: { workspaceId: '', appId: '', buildId: '' },
  auth: { mode: 'none' },
  designerUrl
})

describe('Open in Designer', () => {
  it('opens a link on the profile’s Designer origin', async () => {
    const saved = await profiles.save(profile('https://designer.bank.example'))
    const url =
      'https://designer.bank.example/process-instances/7e7e7e7e-1111-4000-8000-000000000009'
    await handlers['app:open-external']({ profileId: saved.id, url })
    expect(opened).toEqual([url])
  })

  it('refuses any other origin, and profiles without a Designer URL', async () => {
    const saved = await profiles.save(profile('https://designer.bank.example'))
    for (const url of [
      'https://evil.example/x',
      'http://designer.bank.example/x',
      'file:///etc/passwd'
    ]) {
      await expect(
        handlers['app:open-external']({ profileId: saved.id, url })
      ).rejects.toMatchObject({ error: { code: 'INVALID_INPUT' } })
    }
    const bare = await profiles.save({ ...profile(''), name: 'No designer' })
    await expect(
      handlers['app:open-external']({ profileId: bare.id, url: 'https://designer.bank.example/x' })
    ).rejects.toMatchObject({ error: { message: '“No designer” has no FlowX Designer URL.' } })
    expect(opened).toEqual([])
  })

  it('keeps the Designer URL with the profile; an invalid one is refused on save', async () => {
    const saved = await profiles.save(profile('https://designer.bank.example/'))
    expect(saved.designerUrl).toBe('https://designer.bank.example')
    // An edit without the field keeps it.
    const { designerUrl: _drop, ...rest } = profile('')
    const edited = await profiles.save({ ...rest, id: saved.id, name: 'Staging 2' })
    expect(edited.designerUrl).toBe('https://designer.bank.example')
    await expect(profiles.save({ ...profile('ftp://x'), name: 'Bad' })).rejects.toMatchObject({
      error: { code: 'INVALID_INPUT' }
    })
  })
})

describe('build info channels', () => {
  it('asks FlowX for the active build of a stored profile’s ids and of unsaved form values', async () => {
    const { SANDBOX_IDS, startSandbox } = await import('../sandbox')
    const sandbox = await startSandbox()
    try {
      const form = {
        name: 'Sandbox copy',
        color: 'teal' as const,
        baseUrl: sandbox.baseUrl,
        platform: 'web',
        defaults: { workspaceId: SANDBOX_IDS.workspaceId, appId: SANDBOX_IDS.appId, buildId: '' },
        auth: {
          mode: 'client-credentials' as const,
          issuer: sandbox.issuer,
          clientId: SANDBOX_IDS.clientId
        },
        secrets: { clientSecret: { action: 'set' as const, value: SANDBOX_IDS.clientSecret } }
      }
      const draft = await handlers['build:info']({ profile: form })
      expect(draft.info.buildId).toBe(SANDBOX_IDS.committedBuildId)
      expect(profiles.list()).toHaveLength(0)

      const saved = await profiles.save(form)
      const stored = await handlers['build:info']({ profileId: saved.id })
      expect(stored).toMatchObject({ via: 'workspace', cached: false })
      // Only the app-only (4.x) form when the workspace is cleared for this call.
      const legacy = await handlers['build:info']({ profileId: saved.id, workspaceId: '' })
      expect(legacy.via).toBe('app')
    } finally {
      await sandbox.close()
    }
  })
})
