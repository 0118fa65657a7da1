/**
 * Source-level gates for the shell (security.md WIN-1, WIN-2, IPC-2, SEC-1, BLD-1): cheap scans
 * that fail when someone adds a second window factory, weakens webPreferences, registers IPC
 * around the wrapper, uses the deprecated sync safeStorage API, or drifts the CSP or the fuses.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY, parseCsp } from './csp'

const ROOT = resolve(__dirname, '../..')
const SRC = join(ROOT, 'src')
const SELF = relative(ROOT, __filename)

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path)
    return /\.(ts|mts|cts|vue|js|mjs)$/.test(entry.name) ? [path] : []
  })
}

const FILES = sourceFiles(SRC)
  .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }))
  .filter((file) => file.path !== SELF)

const isTestCode = (path: string) => /\.test\.ts$|test-support/.test(path)

function filesMatching(pattern: RegExp, include: (path: string) => boolean = () => true): string[] {
  return FILES.filter((f) => include(f.path) && pattern.test(f.text)).map((f) => f.path)
}

describe('WIN-1: one window factory, no weakened webPreferences', () => {
  it('creates BrowserWindows only in src/main/window.ts', () => {
    expect(filesMatching(/new\s+BrowserWindow\s*\(/)).toEqual(['src/main/window.ts'])
  })

  // Tests may name these options to assert their absence; production code may not write them.
  const production = (path: string) => !isTestCode(path)

  it('never disables the sandbox anywhere in src', () => {
    expect(filesMatching(/\bsandbox\s*:\s*false/, production)).toEqual([])
  })

  it.each([
    /\bwebSecurity\s*:\s*false/,
    /\bnodeIntegration(InWorker|InSubFrames)?\s*:\s*true/,
    /\bcontextIsolation\s*:\s*false/,
    /\ballowRunningInsecureContent\s*:\s*true/,
    /\bexperimentalFeatures\s*:\s*true/,
    /\bwebviewTag\s*:\s*true/,
    /\benableBlinkFeatures\b/,
    /\bbypassCSP\b/
  ])('never writes %s anywhere in src', (pattern) => {
    expect(filesMatching(pattern, production)).toEqual([])
  })
})

describe('IPC-2: every handler goes through the wrapper', () => {
  it.each([
    /\bipcMain\s*\.\s*(handle|handleOnce|on|once)\s*\(/,
    /\.ipc\s*\.\s*(handle|handleOnce|on|once)\s*\(/,
    /electron-log\/main/,
    /@electron-toolkit\/preload/
  ])('%s appears in no production file besides the wrapper', (pattern) => {
    expect(filesMatching(pattern, (p) => !isTestCode(p) && p !== 'src/main/ipc.ts')).toEqual([])
  })

  it('the wrapper registers through one handle call, inside the channel loop', () => {
    const ipc = readFileSync(join(SRC, 'main/ipc.ts'), 'utf8')
    expect(ipc.match(/\.handle\(/g)).toHaveLength(1)
    expect(ipc).toMatch(/for \(const channel of CHANNELS\) \{\s+ipc\.handle\(channel,/)
  })
})

describe('SEC-1: only the async safeStorage API', () => {
  it('uses no deprecated sync name', () => {
    expect(filesMatching(/\b(encryptString|decryptString|isEncryptionAvailable)\s*\(/)).toEqual([])
  })
})

describe('WIN-2: CSP header and meta tag agree', () => {
  const metaCsp = (html: string): string | undefined =>
    /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1]

  it('is strict: no unsafe-eval, no inline scripts, no wildcards, frames refused', () => {
    const csp = parseCsp(CONTENT_SECURITY_POLICY)
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/)
  })

  it('the header is the meta policy plus frame-ancestors (which a meta tag cannot carry)', () => {
    const header = parseCsp(CONTENT_SECURITY_POLICY)
    header.delete('frame-ancestors')
    expect(header).toEqual(parseCsp(META_CONTENT_SECURITY_POLICY))
  })

  it('matches the meta tag in src/renderer/index.html', () => {
    const html = readFileSync(join(SRC, 'renderer/index.html'), 'utf8')
    expect(parseCsp(metaCsp(html) ?? '')).toEqual(parseCsp(META_CONTENT_SECURITY_POLICY))
  })

  const built = join(ROOT, 'out/renderer/index.html')
  it.skipIf(!existsSync(built))('matches the meta tag in the built out/renderer/index.html', () => {
    const html = readFileSync(built, 'utf8')
    expect(parseCsp(metaCsp(html) ?? '')).toEqual(parseCsp(META_CONTENT_SECURITY_POLICY))
  })
})

describe('SEC-5: no store encryptionKey', () => {
  it('no source passes encryptionKey to electron-store or conf', () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => !/\.test\.ts$/.test(file))
      .filter((file) => /\bencryptionKey\s*:/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file))
    expect(offenders).toEqual([])
  })
})

describe('BLD-1: electron-builder.yml', () => {
  const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')

  it('flips the fuses through the strict afterPack hook, not electronFuses', () => {
    expect(yml).toMatch(/^afterPack: scripts\/security\/fuses\.mjs$/m)
    expect(yml).not.toMatch(/^electronFuses:/m)
  })

  it('names the app, packs only the build output, and has no other packaging hooks', () => {
    expect(yml).toMatch(/^appId: ai\.flowx\.launcher$/m)
    expect(yml).toMatch(/^productName: FlowX Launcher$/m)
    expect(yml).toMatch(/^files:\n {2}- out\/\*\*$/m)
    expect(yml).not.toMatch(/^(afterSign|beforePack|afterAllArtifactBuild):/m)
    expect(existsSync(join(ROOT, 'resources/icon.png'))).toBe(true)
  })
})
