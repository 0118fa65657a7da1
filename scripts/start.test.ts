import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { findElectron, missingElectronMessage } from './start.mjs'

const dirs: string[] = []
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'flowx-start-'))
  dirs.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(resolve(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const PKG = { 'node_modules/electron/package.json': JSON.stringify({ version: '45.4.1' }) }

describe('npm start: the Electron binary', () => {
  it('is found where Electron installs it', () => {
    const root = project({
      ...PKG,
      'node_modules/electron/path.txt': 'electron',
      'node_modules/electron/dist/electron': ''
    })
    expect(findElectron(root, {}, 'linux')).toMatchObject({ ok: true, version: '45.4.1' })
  })

  it('says what is missing, how to get it, and that the CLI works meanwhile', () => {
    const root = project(PKG)
    const found = findElectron(root, {}, 'linux')
    expect(found.ok).toBe(false)
    const message = missingElectronMessage(found, root)
    expect(message).toContain('the Electron 45.4.1 binary is not there')
    expect(message).toContain('node_modules/electron/dist/electron')
    expect(message).toContain('npx install-electron --no')
    expect(message).toContain('ELECTRON_MIRROR=')
    expect(message).toContain('ELECTRON_OVERRIDE_DIST_PATH=')
    expect(message).toContain('npx flowx-launcher start')
  })

  it('follows ELECTRON_OVERRIDE_DIST_PATH, and names it when it is wrong', () => {
    const root = project({ ...PKG, 'electron-dist/electron': '' })
    const env = { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'electron-dist') }
    expect(findElectron(root, env, 'linux').ok).toBe(true)
    const wrong = findElectron(
      root,
      { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'nowhere') },
      'linux'
    )
    expect(wrong.ok).toBe(false)
    expect(missingElectronMessage(wrong, root)).toContain('ELECTRON_OVERRIDE_DIST_PATH is')
  })

  it('asks for npm install when the electron package itself is missing', () => {
    const root = project({})
    expect(missingElectronMessage(findElectron(root, {}, 'linux'), root)).toContain('npm install')
  })

  it('exits with the message instead of a stack trace when run', () => {
    // This checkout has no Electron binary unless one was installed; either way no stack trace.
    const run = spawnSync(process.execPath, [resolve(__dirname, 'start.mjs'), '--version'], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(tmpdir(), 'no-electron-here') },
      timeout: 30_000
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('FlowX Launcher cannot start')
    expect(run.stderr).not.toMatch(/at .+:\d+:\d+/)
  })
})
