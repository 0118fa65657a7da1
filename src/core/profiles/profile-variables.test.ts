/** Profile variables: stored with the profile, kept across edits, carried by export and import. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { ProfileInput } from '../../shared/domain'
import { ProfileInputSchema } from '../../shared/schemas'
import type { ProfileService } from './profile-service'
import { exportProfiles, importProfiles, parseProfileFile } from './profile-transfer'
import { openTestProfiles } from './test-profiles'

let dir: string
let service: ProfileService

const staging: ProfileInput = {
  name: 'Staging',
  color: 'amber',
  baseUrl: 'https://admin.staging.example.com/rtm',
  platform: 'web',
  defaults: { workspaceId: 'w-1', appId: 'a-1', buildId: '' },
  variables: { customerId: 'C-100', 'tenant.code': 'ro' }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-profile-vars-'))
  ;({ profiles: service } = await openTestProfiles(dir))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('profile variables', () => {
  it('are saved with the profile and shown in its view', async () => {
    const saved = await service.save(staging)
    expect(saved.variables).toEqual({ customerId: 'C-100', 'tenant.code': 'ro' })
    const onDisk = JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')) as {
      profiles: { variables: unknown }[]
    }
    expect(onDisk.profiles[0].variables).toEqual({ customerId: 'C-100', 'tenant.code': 'ro' })
  })

  it('are kept by an edit that leaves them out, and replaced by one that gives them', async () => {
    const saved = await service.save(staging)
    const { variables: _v, ...rest } = staging
    expect((await service.save({ ...rest, id: saved.id })).variables).toEqual(staging.variables)
    const replaced = await service.save({ ...rest, id: saved.id, variables: { only: '1' } })
    expect(replaced.variables).toEqual({ only: '1' })
  })

  it('are copied by duplicate', async () => {
    const saved = await service.save(staging)
    expect((await service.duplicate(saved.id)).variables).toEqual(staging.variables)
  })

  it('load as none from a profiles file written before they existed, nothing reset', async () => {
    const saved = await service.save(staging)
    const file = join(dir, 'profiles.json')
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { profiles: Record<string, unknown>[] }
    delete doc.profiles[0].variables
    writeFileSync(file, JSON.stringify(doc))
    const reopened = (await openTestProfiles(dir)).profiles
    expect(reopened.get(saved.id)).toMatchObject({ name: 'Staging', variables: {} })
  })

  it('refuse a bad variable name with a specific message', () => {
    const parsed = ProfileInputSchema.safeParse({ ...staging, variables: { 'has space': 'x' } })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toBe(
      '“has space” is not a variable name: use letters, digits, _ - . (a letter or _ first), at most 64 characters.'
    )
  })

  it('travel in the export file and come back on import', async () => {
    await service.save(staging)
    const file = exportProfiles(service)
    expect(file.profiles[0].variables).toEqual(staging.variables)
    const text = JSON.stringify(file)
    rmSync(dir, { recursive: true, force: true })
    dir = mkdtempSync(join(tmpdir(), 'flowx-profile-vars-'))
    const fresh = (await openTestProfiles(dir)).profiles
    const { imported } = await importProfiles(fresh, parseProfileFile(text))
    expect(imported[0].variables).toEqual(staging.variables)
  })

  it('import an export file from before variables existed', async () => {
    await service.save(staging)
    const file = exportProfiles(service) as unknown as { profiles: Record<string, unknown>[] }
    delete file.profiles[0].variables
    expect(parseProfileFile(JSON.stringify(file)).profiles[0].variables).toEqual({})
  })
})
