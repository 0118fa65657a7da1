/**
 * `start --base-url` opens only what a launch needs (launch-core.ts): the settings, as createCore
 * opens them (a damaged file kept aside and said so; the history's retention rule applied), and
 * the history. The profiles and secrets files are neither read, written nor created.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { DEFAULT_APP_SETTINGS } from '../core/profiles/profile-store'
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
