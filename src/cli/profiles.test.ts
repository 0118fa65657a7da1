import { afterEach, describe, expect, it } from 'vitest'

import { SANDBOX_IDS } from '../sandbox'
import type { LaunchJson } from './launch-report'
import { jsonLines, useSandboxFixture } from './test-support'

const STORED_TOKEN = 'stored-by-the-app-0123456789'
const fx = useSandboxFixture({ withToken: false })
afterEach(() => {
  expect(fx.h.printed()).not.toContain(STORED_TOKEN)
})

/** Save a Staging profile the way the app does, its token sealed by a keychain the CLI cannot open. */
function saveStaging(options: { protected?: boolean } = {}): Promise<void> {
  return fx.saveProfile('Staging', {
    secrets: { token: { action: 'set', value: STORED_TOKEN } },
    protected: options.protected ?? false
  })
}

describe('start --profile', () => {
  it('uses the built-in Local sandbox, its defaults and demo token, without FLOWX_TOKEN', async () => {
    const args = ['start', '--profile', 'Local sandbox', '--process', '[DOCS]customer_onboarding']
    const { code, stdout } = await fx.h.run([...args, '--json'])

    expect(code).toBe(0)
    const [result] = jsonLines<LaunchJson>(stdout)
    expect(result).toMatchObject({ status: 'started', profile: 'Local sandbox', mode: 'workspace' })
    expect(result.url).toContain(`/wks/${SANDBOX_IDS.workspaceId}/app/${SANDBOX_IDS.appId}/`)
    expect(fx.h.withLedger((ledger) => ledger.get(result.id)?.profileId)).toBe('local-sandbox')
  })

  it('keeps the demo token for the Local sandbox even when FLOWX_TOKEN is set', async () => {
    fx.tokens.push('exported-for-production-0123')
    const args = ['start', '--profile', 'Local sandbox', '--process', 'loan request', '--json']
    const { code } = await fx.h.run([...args, '--data', '{"customerId":"c","amount":1}'], {
      env: { FLOWX_TOKEN: 'exported-for-production-0123' }
    })
    expect(code).toBe(0)
  })

  it('lets flags override the profile defaults (name matched in any case)', async () => {
    const args = ['start', '--profile', 'local SANDBOX', '--build', SANDBOX_IDS.wipBuildId]
    const { code, stdout } = await fx.h.run([...args, '--process', 'draft_feature', '--json'])

    expect(code).toBe(0)
    const [result] = jsonLines<LaunchJson>(stdout)
    expect(result.mode).toBe('build')
    expect(result.instance?.buildId).toBe(SANDBOX_IDS.wipBuildId)
  })

  it('refuses a stored profile without FLOWX_TOKEN: exit 2, nothing recorded', async () => {
    await saveStaging()
    const { code, stderr } = await fx.h.run(['start', '--profile', 'Staging', '--process', 'p'])

    expect(code).toBe(2)
    expect(stderr.lines()).toHaveLength(1)
    expect(stderr.text).toContain('Set FLOWX_TOKEN')
    expect(fx.h.recordCount()).toBe(0)
  })

  it("uses a stored profile's URL and default build with FLOWX_TOKEN", async () => {
    await saveStaging()
    const sent = fx.sandbox.requests.length
    const { code, stdout } = await fx.h.run(
      ['start', '--profile', 'Staging', '--process', 'cerere_împrumut', '--json'],
      { env: { FLOWX_TOKEN: fx.sandbox.demoToken } }
    )

    expect(code).toBe(0)
    const [result] = jsonLines<LaunchJson>(stdout)
    expect(result).toMatchObject({ status: 'started', profile: 'Staging', mode: 'build' })
    expect(fx.sandbox.requests.length).toBe(sent + 1)
    expect(fx.sandbox.requests.at(-1)?.rawPath).toContain(
      '/process-name/cerere_%C3%AEmprumut/start'
    )
  })
})

describe('start --profile on a protected profile', () => {
  const args = ['start', '--profile', 'Staging', '--process', 'cerere_împrumut', '--json']
  const env = () => ({ env: { FLOWX_TOKEN: fx.sandbox.demoToken } })

  it('refuses without --confirm or with the wrong name: exit 2, nothing sent', async () => {
    await saveStaging({ protected: true })
    const sent = fx.sandbox.requests.length
    for (const extra of [[], ['--confirm', 'staging']]) {
      const { code, stderr } = await fx.h.run([...args, ...extra], env())
      expect(code).toBe(2)
      expect(stderr.text).toContain('--confirm "Staging"')
    }
    expect(fx.sandbox.requests.length).toBe(sent)
    expect(fx.h.recordCount()).toBe(0)
  })

  it('starts with --confirm and the exact profile name', async () => {
    await saveStaging({ protected: true })
    const { code, stdout } = await fx.h.run([...args, '--confirm', 'Staging'], env())
    expect(code).toBe(0)
    expect(jsonLines<LaunchJson>(stdout)[0]).toMatchObject({ status: 'started' })
  })
})

describe('profiles', () => {
  it('lists profiles with their ids and whether a token is set, never its value', async () => {
    await saveStaging()
    const { code, stdout } = await fx.h.run(['profiles'])

    expect(code).toBe(0)
    expect(stdout.text).toContain('Local sandbox  (built-in local sandbox)')
    expect(stdout.text).toContain('Staging')
    expect(stdout.text).toContain(fx.sandbox.baseUrl)
    expect(stdout.text).toContain(SANDBOX_IDS.committedBuildId)
    expect(stdout.text).toMatch(/Auth\s+pasted token/)
    expect(stdout.text).toMatch(/Token\s+set in the app \(use FLOWX_TOKEN here\)/)
    expect(stdout.text).toMatch(/Auth\s+managed by the app/)
  })

  it('prints one JSON object per profile with --json', async () => {
    const { code, stdout } = await fx.h.run(['profiles', '--json'])

    expect(code).toBe(0)
    expect(jsonLines(stdout)).toEqual([
      expect.objectContaining({
        name: 'Local sandbox',
        localSandbox: true,
        defaults: {
          workspaceId: SANDBOX_IDS.workspaceId,
          appId: SANDBOX_IDS.appId,
          buildId: SANDBOX_IDS.committedBuildId
        }
      })
    ])
  })
})
