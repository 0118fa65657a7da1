import { describe, expect, it } from 'vitest'

import { SANDBOX_IDS } from '../sandbox'
import { jsonLines, useSandboxFixture } from './test-support'

const fx = useSandboxFixture()

const adHoc = (): string[] => ['build-info', '--base-url', fx.sandbox.baseUrl]

describe('build-info', () => {
  it('shows the active build of the Local sandbox profile’s default ids', async () => {
    const { code, stdout, stderr } = await fx.h.run(['build-info', '--profile', 'Local sandbox'])

    expect(stderr.text).toBe('')
    expect(code).toBe(0)
    const lines = stdout.lines()
    expect(lines[0]).toBe(`Build ${SANDBOX_IDS.committedBuildId} — active build, by workspace`)
    expect(stdout.text).toMatch(/^ {2}Status +COMMITTED$/m)
    expect(stdout.text).toMatch(/^ {2}Platforms +OMNICHANNEL$/m)
  })

  it('prints the fields as FlowX returned them with --json', async () => {
    const { code, stdout } = await fx.h.run([
      ...adHoc(),
      '--workspace',
      SANDBOX_IDS.workspaceId,
      '--app',
      SANDBOX_IDS.appId,
      '--json'
    ])
    expect(code).toBe(0)
    const [raw] = jsonLines(stdout)
    expect(raw).toMatchObject({
      workspaceId: SANDBOX_IDS.workspaceId,
      applicationId: SANDBOX_IDS.appId,
      buildId: SANDBOX_IDS.committedBuildId,
      buildSettings: { defaultLanguageCode: 'en' }
    })
  })

  it('names the id FlowX did not find: exit 1', async () => {
    const wrong = '9f9f9f9f-0000-4000-8000-000000000001'
    const { code, stdout, stderr } = await fx.h.run([
      ...adHoc(),
      '--workspace',
      wrong,
      '--app',
      SANDBOX_IDS.appId
    ])
    expect(code).toBe(1)
    expect(stdout.text).toBe('')
    expect(stderr.text).toContain(`no app ${SANDBOX_IDS.appId} in workspace ${wrong}`)
  })

  it('uses the 4.x app-only form without a workspace', async () => {
    const { code, stdout } = await fx.h.run([...adHoc(), '--app', SANDBOX_IDS.appId])
    expect(code).toBe(0)
    expect(stdout.lines()[0]).toBe(
      `Build ${SANDBOX_IDS.committedBuildId} — active build, FlowX 4.x form (by app)`
    )
  })

  it('reads the build of a launched instance', async () => {
    const started = await fx.h.run([...fx.byBuild(), '--json'])
    expect(started.code).toBe(0)
    const uuid = String(
      (jsonLines(started.stdout)[0] as { instance?: { uuid?: string } }).instance?.uuid
    )
    const { code, stdout } = await fx.h.run([...adHoc(), '--instance', uuid])
    expect(code).toBe(0)
    expect(stdout.text).toContain(`Build ${SANDBOX_IDS.committedBuildId} — build of the instance`)
    expect(stdout.text).toMatch(new RegExp(`^ {2}Instance +${uuid}$`, 'm'))
  })

  it.each([
    ['no app', ['--workspace', SANDBOX_IDS.workspaceId], 'Pass --app ID'],
    ['--instance with --app', ['--instance', 'x', '--app', 'y'], 'leave out --workspace and --app'],
    ['a malformed app id', ['--app', 'a/b'], 'The app id is not well formed']
  ])('refuses %s: exit 2', async (_label, args, message) => {
    const { code, stderr } = await fx.h.run([...adHoc(), ...args])
    expect(code).toBe(2)
    expect(stderr.text).toContain(message)
  })
})
