/**
 * security.md BLD-1: every Electron fuse decided, flipped strictly by the afterPack hook. The hook
 * runs here on a file that carries a fuse wire as an Electron binary does (sentinel, version,
 * length, one byte per fuse), so the test needs no Electron download.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import afterPack, { FUSE_DECISIONS, fuseConfig } from '../../scripts/security/fuses.mjs'

const ROOT = resolve(__dirname, '../..')
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowx-fuses-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A stand-in executable with a fuse wire of `length` fuses, all at Electron's defaults. */
function fakeElectron(name: string, length: number): string {
  const wire = Buffer.alloc(length, FuseState.ENABLE)
  const file = join(dir, name)
  writeFileSync(
    file,
    Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, length]), wire])
  )
  return file
}

const context = (platform: string) => ({
  appOutDir: dir,
  electronPlatformName: platform,
  packager: { appInfo: { productFilename: 'FlowX Launcher' }, executableName: 'flowx-launcher' }
})

describe('fuse decisions', () => {
  it('decide every fuse @electron/fuses knows, as security.md asks', () => {
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)))
    expect(Object.keys(FUSE_DECISIONS).sort()).toEqual(known.sort())
    expect(FUSE_DECISIONS).toMatchObject({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
      LoadBrowserProcessSpecificV8Snapshot: false,
      WasmTrapHandlers: true
    })
    expect(fuseConfig('linux')).toMatchObject({ strictlyRequireAllFuses: true })
  })

  it('the afterPack hook flips each fuse to its decision in the packaged executable', async () => {
    const exe = fakeElectron('flowx-launcher', 9)
    await afterPack(context('linux'))
    const wire = await getCurrentFuseWire(exe)
    for (const [name, enabled] of Object.entries(FUSE_DECISIONS)) {
      const index = FuseV1Options[name as keyof typeof FuseV1Options]
      expect([name, wire[index]]).toEqual([name, enabled ? FuseState.ENABLE : FuseState.DISABLE])
    }
    // Windows names the executable after the product.
    const win = fakeElectron('FlowX Launcher.exe', 9)
    await afterPack(context('win32'))
    expect((await getCurrentFuseWire(win))[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
  })

  it('fails the package when Electron has a fuse nobody decided on', async () => {
    const exe = fakeElectron('flowx-launcher', 10)
    const before = readFileSync(exe)
    await expect(afterPack(context('linux'))).rejects.toThrow(/strictlyRequireAllFuses/)
    expect(readFileSync(exe).equals(before)).toBe(true)
  })
})

describe('electron-builder.yml', () => {
  const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')
  /** The top-level `key: value` lines, and those of one block. */
  const keys = (block?: string): Record<string, string> => {
    const lines = yml.split('\n')
    const from = block === undefined ? 0 : lines.indexOf(`${block}:`) + 1
    const out: Record<string, string> = {}
    for (const line of lines.slice(from)) {
      if (block !== undefined && /^\S/.test(line)) break
      const match = (
        block === undefined ? /^([A-Za-z]+): (\S+)$/ : /^ {2}([A-Za-z]+): (\S+)$/
      ).exec(line)
      if (match) out[match[1]!] = match[2]!
    }
    return out
  }

  it('signs and notarizes only from the environment, and builds unsigned without it', () => {
    expect(keys()).toMatchObject({
      afterPack: 'scripts/security/fuses.mjs',
      forceCodeSigning: 'false'
    })
    expect(keys('mac')).toMatchObject({ hardenedRuntime: 'true', notarize: 'true' })
    // No identity, certificate or password in the file: those come from CSC_* and APPLE_*.
    expect(yml).not.toMatch(/^\s*(identity|certificateFile|certificatePassword|appleId|cscLink):/m)
  })
})
