/**
 * Smoke test of the BUILT main bundle on plain Node with a stubbed 'electron' (stack-notes.md
 * §6.6, G5): the bundle loads, runs the bootstrap in order, opens real stores in a temp home and
 * loads the app entry. Runs after `electron-vite build`; skipped before.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

const BUILT = resolve(__dirname, '../../out/main/index.js')
const RUNNER = join(__dirname, 'test-support/run-built-main.mjs')
const home = mkdtempSync(join(tmpdir(), 'flowx-built-main-'))

afterAll(() => rmSync(home, { recursive: true, force: true }))

describe.skipIf(!existsSync(BUILT))('out/main/index.js', () => {
  it('boots in order on Node with a stubbed electron and loads the app entry', () => {
    const run = spawnSync(process.execPath, [RUNNER, BUILT], {
      env: { ...process.env, FLOWX_LAUNCHER_HOME: home },
      encoding: 'utf8',
      // A safety net only: the boot takes about a second; a loaded machine gets far more.
      timeout: 120_000
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const calls = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '[]') as string[]
    const at = (call: string) => calls.indexOf(call)
    // Installed: FLOWX_LAUNCHER_HOME (set for the CLI) does not move userData.
    expect(calls[0]).toBe('app.requestSingleInstanceLock')
    expect(calls.filter((c) => c.startsWith('app.setPath'))).toEqual([])
    expect(at('app.enableSandbox')).toBeLessThan(at('app.whenReady'))
    expect(at('protocol.registerSchemesAsPrivileged')).toBeLessThan(at('app.whenReady'))
    expect(at('session.setPermissionRequestHandler')).toBeGreaterThan(at('app.whenReady'))
    expect(at('protocol.handle app')).toBeGreaterThan(at('app.whenReady'))
    expect(at('BrowserWindow sandbox=true')).toBeGreaterThan(at('protocol.handle app'))
    expect(at('webContents.ipc.handle app:get-state')).toBeGreaterThan(
      at('BrowserWindow sandbox=true')
    )
    expect(at('Menu.setApplicationMenu')).toBeGreaterThan(at('app.whenReady'))
    expect(at('Menu.setApplicationMenu')).toBeLessThan(at('BrowserWindow sandbox=true'))
    expect(calls.at(-1)).toBe('loadURL app://bundle/index.html')
    expect(calls.filter((c) => c.startsWith('ipcMain.handle'))).toEqual([])
    // Stores are created by their first save: the built-in sandbox profile, here.
    for (const name of ['profiles.json', 'logs/main.log']) {
      expect(existsSync(join(home, name))).toBe(true)
    }
    expect(readFileSync(join(home, 'logs/main.log'), 'utf8')).toContain('FlowX Launcher started')
  }, 150_000)
})
