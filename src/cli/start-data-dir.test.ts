/**
 * `start --base-url` opens only what a launch needs (launch-core.ts): the settings, as createCore
 * opens them (a damaged file kept aside and said so; the history's retention rule applied), and
 * the history. The profiles and secrets files are neither read, written nor created.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { DEFAULT_APP_SETTINGS, SettingsDocSchema } from '../core/profiles/profile-store'
import { useSandboxFixture } from './test-support'

const fx = useSandboxFixture()

function writeSettings(content: string): string {
  mkdirSync(fx.h.dataDir, { recursive: true })
  const file = join(fx.h.dataDir, 'settings.json')
  writeFileSync(file, content)
  return file
}

describe('start --base-url and the data directory', () => {
  it("applies the settings' history retention, as every command that writes does", async () => {
    writeSettings(
      JSON.stringify({
        version: 2,
        drafts: {},
        weakSecretStorage: false,
        app: { ...DEFAULT_APP_SETTINGS, retention: { mode: 'count', launches: 1 } }
      })
    )
    for (let n = 0; n < 3; n++) expect((await fx.h.run(fx.byBuild())).code).toBe(0)
    // Each start keeps the newest launch of the ones before it, then adds its own.
    expect(fx.h.recordCount()).toBe(2)
  })

  it('keeps a damaged settings file aside, says where, and starts', async () => {
    const file = writeSettings('{"version":2,"drafts":')

    const { code, stderr } = await fx.h.run(fx.byBuild())

    expect(code).toBe(0)
    const kept = /It was kept as (\S+\.corrupt-\S+\.json)/.exec(stderr.text)?.[1]
    expect(kept, stderr.text).toBeDefined()
    expect(readFileSync(kept as string, 'utf8')).toBe('{"version":2,"drafts":')
    expect(existsSync(file)).toBe(false)
    expect(fx.h.recordCount()).toBe(1)
  })

  it('keeps aside a settings file whose retention rule is not one the app writes', async () => {
    const content = JSON.stringify({
      version: 2,
      drafts: {},
      app: { ...DEFAULT_APP_SETTINGS, retention: { mode: 'count', launches: 0 } }
    })
    const file = writeSettings(content)

    const { code, stderr } = await fx.h.run(fx.byBuild())

    expect(code).toBe(0)
    const kept = /It was kept as (\S+\.corrupt-\S+\.json)/.exec(stderr.text)?.[1]
    expect(kept, stderr.text).toBeDefined()
    expect(readFileSync(kept as string, 'utf8')).toBe(content)
    expect(existsSync(file)).toBe(false)
  })

  it('reads only the retention rule: the rest of the settings is left to the app to judge', async () => {
    // A draft the app would not accept: not start's business, so the file stays as it is.
    const content = JSON.stringify({
      version: 2,
      drafts: { one: { unexpected: true } },
      app: { retention: { mode: 'count', launches: 1 } }
    })
    const file = writeSettings(content)

    for (let n = 0; n < 2; n++) {
      const { code, stderr } = await fx.h.run(fx.byBuild())
      expect(code).toBe(0)
      expect(stderr.text).toBe('')
    }

    expect(readFileSync(file, 'utf8')).toBe(content)
    expect(fx.h.recordCount()).toBe(2)
  })

  it('upgrades a version 1 settings file to one the app reads, keeping the original', async () => {
    const v1 = '{"version":1,"drafts":{},"weakSecretStorage":false}'
    const file = writeSettings(v1)

    const { code, stderr } = await fx.h.run(fx.byBuild())

    expect(code).toBe(0)
    expect(stderr.text).toBe('')
    expect(readFileSync(join(fx.h.dataDir, 'settings.pre-v2.json'), 'utf8')).toBe(v1)
    const upgraded = SettingsDocSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    expect(upgraded.success, JSON.stringify(upgraded.error?.issues)).toBe(true)
    expect(upgraded.data?.app).toEqual(DEFAULT_APP_SETTINGS)
  })

  it('says a newer settings file is left untouched, and starts', async () => {
    const file = writeSettings('{"version":99,"app":{"retention":{"mode":"forever"}}}')

    const { code, stderr } = await fx.h.run(fx.byBuild())

    expect(code).toBe(0)
    expect(stderr.text).toMatch(
      /The settings file was written by a newer FlowX Launcher \(file version 99; this one reads up to version 2\)\. It is left untouched/
    )
    expect(readFileSync(file, 'utf8')).toBe('{"version":99,"app":{"retention":{"mode":"forever"}}}')
    expect(fx.h.recordCount()).toBe(1)
  })

  it('leaves the profiles and secrets files alone, damaged or missing', async () => {
    mkdirSync(fx.h.dataDir)
    writeFileSync(join(fx.h.dataDir, 'profiles.json'), '{"version":2,"profiles":[{"id":"a')

    const { code, stderr } = await fx.h.run(fx.byBuild())

    expect(code).toBe(0)
    expect(stderr.text).toBe('')
    expect(readFileSync(join(fx.h.dataDir, 'profiles.json'), 'utf8')).toBe(
      '{"version":2,"profiles":[{"id":"a'
    )
    expect(readdirSync(fx.h.dataDir).filter((f) => /^(profiles|secrets)\b/.test(f))).toEqual([
      'profiles.json'
    ])
    expect(fx.h.recordCount()).toBe(1)
  })
})
