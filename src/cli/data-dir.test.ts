import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { defaultDataDir, resolveDataDir } from './data-dir'
import { runCli } from './index'

describe('defaultDataDir', () => {
  it.each([
    ['linux', {}, '/home/ana', '/home/ana/.config/FlowX Launcher'],
    ['linux', { XDG_CONFIG_HOME: '/srv/cfg' }, '/home/ana', '/srv/cfg/FlowX Launcher'],
    ['linux', { XDG_CONFIG_HOME: '' }, '/home/ana', '/home/ana/.config/FlowX Launcher'],
    ['freebsd', {}, '/usr/home/ana', '/usr/home/ana/.config/FlowX Launcher'],
    ['darwin', {}, '/Users/ana', '/Users/ana/Library/Application Support/FlowX Launcher'],
    [
      'darwin',
      { XDG_CONFIG_HOME: '/ignored' },
      '/Users/ana',
      '/Users/ana/Library/Application Support/FlowX Launcher'
    ],
    [
      'win32',
      { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' },
      'C:\\Users\\ana',
      'C:\\Users\\ana\\AppData\\Roaming\\FlowX Launcher'
    ],
    ['win32', {}, 'C:\\Users\\ana', 'C:\\Users\\ana\\AppData\\Roaming\\FlowX Launcher']
  ] as const)('%s %j in %s → %s', (platform, env, home, expected) => {
    expect(defaultDataDir(platform, env, home)).toBe(expected)
  })
})

describe('resolveDataDir', () => {
  const base = { platform: 'linux' as const, home: '/home/ana', cwd: '/work' }

  it('prefers --data-dir, then FLOWX_LAUNCHER_HOME, then the app directory', () => {
    const env = { FLOWX_LAUNCHER_HOME: '/from/env' }
    expect(resolveDataDir({ ...base, env, flag: '/from/flag' })).toBe('/from/flag')
    expect(resolveDataDir({ ...base, env })).toBe('/from/env')
    expect(resolveDataDir({ ...base, env: {} })).toBe('/home/ana/.config/FlowX Launcher')
    expect(resolveDataDir({ ...base, env: { FLOWX_LAUNCHER_HOME: ' ' } })).toBe(
      '/home/ana/.config/FlowX Launcher'
    )
  })

  it('makes relative directories absolute against the working directory', () => {
    expect(resolveDataDir({ ...base, env: {}, flag: 'data' })).toBe('/work/data')
    expect(resolveDataDir({ ...base, env: { FLOWX_LAUNCHER_HOME: '../d' } })).toBe('/d')
  })
})

describe('the data directory a command uses', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flowx-cli-dir-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  async function profilesIn(argv: string[], env: Record<string, string>): Promise<number> {
    const sink = { write: () => true }
    const io = { stdout: sink, stderr: sink, stdin: Readable.from([]), env, cwd: dir }
    // A command that saves (read commands write nothing): importing an export with no profiles.
    const file = join(dir, 'none.json')
    const none = { format: 'flowx-launcher-profiles', version: 1, exportedAt: '', profiles: [] }
    writeFileSync(file, JSON.stringify({ ...none, secretsRequired: [] }))
    const args = ['profiles', 'import', file, ...argv]
    return runCli(args, io, { home: join(dir, 'home'), platform: 'linux' })
  }

  it('is --data-dir over FLOWX_LAUNCHER_HOME over the default', async () => {
    expect(
      await profilesIn(['--data-dir', 'flag'], { FLOWX_LAUNCHER_HOME: join(dir, 'env') })
    ).toBe(0)
    expect(existsSync(join(dir, 'flag', 'profiles.json'))).toBe(true)
    expect(existsSync(join(dir, 'env'))).toBe(false)

    expect(await profilesIn([], { FLOWX_LAUNCHER_HOME: join(dir, 'env') })).toBe(0)
    expect(existsSync(join(dir, 'env', 'profiles.json'))).toBe(true)

    expect(await profilesIn([], {})).toBe(0)
    expect(existsSync(join(dir, 'home', '.config', 'FlowX Launcher', 'profiles.json'))).toBe(true)
  })
})
