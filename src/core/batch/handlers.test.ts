/** The batch channels as the app wires them (createCore), against the sandbox over real HTTP. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { startSandbox, SANDBOX_IDS, type Sandbox } from '../../sandbox'
import type { BatchProgress } from '../../shared/batch'
import type { Core } from '../app'
import { createTestCore } from '../test-support'
import { customersCsv } from './test-batch'

let dir: string
let sandbox: Sandbox
let core: Core
let picked: string | undefined

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-batch-app-'))
  sandbox = await startSandbox({ port: 0 })
  core = await createTestCore(join(dir, 'data'), {
    files: {
      saveText: async (name, text) => {
        const path = join(dir, name)
        writeFileSync(path, text)
        return path
      },
      openText: async () => undefined,
      pickFile: async () => picked
    }
  })
})

afterEach(async () => {
  await core.close()
  await sandbox.close()
  rmSync(dir, { recursive: true, force: true })
})

async function profile(name: string, isProtected: boolean): Promise<string> {
  const saved = await core.handlers['profiles:save']({
    name,
    color: 'blue',
    baseUrl: sandbox.baseUrl,
    platform: 'web',
    defaults: { workspaceId: '', appId: SANDBOX_IDS.appId, buildId: SANDBOX_IDS.committedBuildId },
    protected: isProtected,
    secrets: { token: { action: 'set', value: sandbox.demoToken } }
  })
  return saved.id
}

async function pick(rows: number): Promise<string> {
  picked = join(dir, 'customers.csv')
  writeFileSync(picked, customersCsv(rows))
  const result = await core.handlers['batch:pick-rows'](undefined)
  if (!result) throw new Error('nothing picked')
  return result.rowsFileId
}

const form = {
  kind: 'form' as const,
  target: {
    mode: 'build' as const,
    workspaceId: '',
    appId: '{{appId}}',
    buildId: '{{buildId}}',
    processName: '[DOCS]customer_onboarding'
  },
  payload: '{"customerId":"{{customerId}}","amount":{{amount}}}'
}

describe('batch channels in the app', () => {
  it('runs a saved launch from the library over a picked file, pushing progress', async () => {
    const profileId = await profile('Staging', false)
    const saved = await core.handlers['library:save']({
      launch: {
        name: 'New customer',
        description: '',
        tags: [],
        target: form.target,
        payload: form.payload,
        variables: { amount: '1' },
        ticket: '',
        notes: ''
      }
    })
    const rowsFileId = await pick(3)
    const source = { kind: 'saved' as const, id: saved.entry.id }
    const preview = await core.handlers['batch:preview']({ profileId, rowsFileId, source })
    expect(preview).toMatchObject({ total: 3, sendable: 3, errorCount: 0 })

    const pushed: BatchProgress[] = []
    core.subscribe('batch:progress', (p) => pushed.push(p))
    const batch = await core.handlers['batch:start']({ profileId, rowsFileId, source })
    const done = await core.batches.wait(batch.id)
    expect(done).toMatchObject({
      savedLaunch: 'New customer',
      started: 3,
      rowsFile: 'customers.csv'
    })
    expect(pushed.at(-1)).toMatchObject({ batchId: batch.id, status: 'done' })
    const view = await core.handlers['batch:get']({ id: batch.id })
    expect(view.rows.map((r) => r.status)).toEqual(['started', 'started', 'started'])
    expect((await core.handlers['batch:list'](undefined)).map((b) => b.id)).toContain(batch.id)
    const exported = await core.handlers['batch:export']({ id: batch.id, format: 'csv' })
    expect(exported).toMatchObject({ count: 3 })
    expect(exported.path).toMatch(/customers-.*-results\.csv$/)
  })

  it('a protected profile needs its name and the count; nothing is sent otherwise', async () => {
    const profileId = await profile('Production', true)
    const rowsFileId = await pick(4)
    const input = { profileId, rowsFileId, source: form }
    await expect(core.handlers['batch:start'](input)).rejects.toThrow(/type its name and confirm 4/)
    await expect(
      core.handlers['batch:start']({ ...input, confirmProfileName: 'Production', confirmCount: 5 })
    ).rejects.toThrow(/starts 4 processes, not 5/)
    await expect(
      core.handlers['batch:start']({ ...input, confirmProfileName: 'production', confirmCount: 4 })
    ).rejects.toThrow(/does not match/)
    expect(sandbox.requests.filter((r) => r.rawPath.endsWith('/start'))).toHaveLength(0)
    const batch = await core.handlers['batch:start']({
      ...input,
      confirmProfileName: 'Production',
      confirmCount: 4
    })
    expect(await core.batches.wait(batch.id)).toMatchObject({ started: 4 })
  })

  it('refuses a rows file handle it did not hand out', async () => {
    const profileId = await profile('Staging', false)
    await expect(
      core.handlers['batch:preview']({ profileId, rowsFileId: 'made-up', source: form })
    ).rejects.toThrow(/Pick the rows file again/)
  })
})
