import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { SANDBOX_IDS } from '../sandbox'
import { jsonLines, saveAppProfile, useSandboxFixture } from './test-support'

const fx = useSandboxFixture({ withToken: false })
const CLIENT_SECRET = 'exported-never-0123456789'
const PROXY_PASSWORD = 'proxy-pass-0123456789'

/** A client-credentials profile behind an authenticating proxy, both secrets saved by the app. */
async function saveStaging(): Promise<void> {
  await saveAppProfile(fx.h.dataDir, {
    name: 'Staging',
    color: 'blue',
    baseUrl: 'https://flowx.example.com/rtm',
    platform: 'web',
    defaults: { workspaceId: SANDBOX_IDS.workspaceId, appId: SANDBOX_IDS.appId, buildId: '' },
    protected: true,
    auth: {
      mode: 'client-credentials',
      issuer: 'https://kc.example.com/realms/flowx',
      clientId: 'flowx-launcher'
    },
    proxy: { mode: 'manual', url: 'http://proxy.example.com:3128', username: 'me' },
    secrets: {
      clientSecret: { action: 'set', value: CLIENT_SECRET },
      proxyPassword: { action: 'set', value: PROXY_PASSWORD }
    }
  })
}

describe('profiles export and import', () => {
  it('round-trips settings with "set": true placeholders and never a secret value', async () => {
    fx.tokens.push(CLIENT_SECRET, PROXY_PASSWORD)
    await saveStaging()
    const exported = await fx.h.run(['profiles', 'export', '--out', 'profiles.json'])

    expect(exported.code).toBe(0)
    expect(exported.stdout.text).toBe('')
    expect(exported.stderr.lines()).toEqual([
      `Exported 1 profile to ${join(fx.h.dir, 'profiles.json')}.`,
      'Whoever imports it enters these secrets:',
      '  Staging: client secret',
      '  Staging: proxy password'
    ])
    const text = readFileSync(join(fx.h.dir, 'profiles.json'), 'utf8')
    expect(text).not.toContain(CLIENT_SECRET)
    expect(text).not.toContain(PROXY_PASSWORD)
    const file = JSON.parse(text)
    expect(file.profiles).toHaveLength(1)
    expect(file.profiles[0].secrets).toEqual({
      clientSecret: { set: true },
      proxyPassword: { set: true }
    })

    const other = join(fx.h.dir, 'other')
    const imported = await fx.h.run(['profiles', 'import', 'profiles.json', '--data-dir', other])
    expect(imported.code).toBe(0)
    expect(imported.stdout.text).toBe('Imported “Staging”.\n')
    expect(imported.stderr.text).toContain('Staging: client secret')

    const listed = await fx.h.run(['profiles', '--data-dir', other])
    expect(listed.stdout.text).toMatch(
      /Auth +client credentials \(flowx-launcher @ https:\/\/kc\.example\.com\/realms\/flowx\)/
    )
    expect(listed.stdout.text).toMatch(/Client secret +not set \(use FLOWX_CLIENT_SECRET\)/)
    expect(listed.stdout.text).toMatch(/Proxy password +not set \(use FLOWX_PROXY_PASSWORD\)$/m)
    const [json] = jsonLines(
      (await fx.h.run(['profiles', 'list', '--json', '--data-dir', other])).stdout
    ).filter((p) => p.name === 'Staging')
    expect(json).toMatchObject({
      protected: true,
      auth: { mode: 'client-credentials', clientId: 'flowx-launcher' },
      secrets: { clientSecret: { set: false }, proxyPassword: { set: false } }
    })
  })

  it('lists the stored secrets as set in the app, never their values', async () => {
    fx.tokens.push(CLIENT_SECRET, PROXY_PASSWORD)
    await saveStaging()
    const { code, stdout } = await fx.h.run(['profiles'])

    expect(code).toBe(0)
    expect(stdout.text).toContain('Staging  (protected)')
    expect(stdout.text).toMatch(/Client secret +set in the app \(use FLOWX_CLIENT_SECRET here\)/)
    expect(stdout.text).toMatch(/Proxy password +set in the app \(use FLOWX_PROXY_PASSWORD here\)/)
    expect(stdout.text).toMatch(/Local sandbox[^]*Auth +managed by the app/)
  })

  it('prints the export on stdout without --out, and renames a clashing import', async () => {
    await saveStaging()
    const only = await fx.h.run(['profiles', 'export', '--profile', 'staging'])
    expect(only.code).toBe(0)
    writeFileSync(join(fx.h.dir, 'out.json'), only.stdout.text)

    const again = await fx.h.run(['profiles', 'import', 'out.json'])
    expect(again.code).toBe(0)
    expect(again.stdout.text).toBe('Imported “Staging (imported)”.\n')
  })

  it.each([
    ['an unknown profile', ['profiles', 'export', '--profile', 'Nowhere'], 'No profile named'],
    ['a missing file', ['profiles', 'import', 'nope.json'], 'Could not read'],
    ['a file that is not an export', ['profiles', 'import', 'bad.json'], 'not a FlowX Launcher']
  ])('refuses %s: exit 2', async (_label, args, message) => {
    writeFileSync(join(fx.h.dir, 'bad.json'), '{"profiles": []}')
    const { code, stdout, stderr } = await fx.h.run(args)

    expect(code).toBe(2)
    expect(stdout.text).toBe('')
    expect(stderr.text).toContain(message)
  })
})
