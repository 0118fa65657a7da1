import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'

import fc from 'fast-check'
import type { Protocol } from 'electron'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { CONTENT_SECURITY_POLICY } from './csp'
import {
  handleAppProtocol,
  registerAppScheme,
  resolveRendererAsset,
  serveRendererAsset
} from './protocol'

let base: string
let root: string
let outside: string

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'flowx-protocol-')))
  root = join(base, 'renderer')
  outside = join(base, 'outside')
  mkdirSync(join(root, 'assets'), { recursive: true })
  mkdirSync(outside)
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>')
  writeFileSync(join(root, 'assets', 'app-1.js'), 'console.log(1)')
  writeFileSync(join(root, 'assets', 'a b.css'), 'body{}')
  writeFileSync(join(outside, 'secret.txt'), 'top secret')
  writeFileSync(join(base, 'sibling.txt'), 'sibling')
  mkdirSync(join(base, 'renderer-evil'))
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'evil')
  // A symlinked directory and a leaf symlink that both point outside the root…
  symlinkSync(outside, join(root, 'linked-dir'))
  symlinkSync(join(outside, 'secret.txt'), join(root, 'assets', 'leaf.txt'))
  // …and one that stays inside, which is fine.
  symlinkSync(join(root, 'assets', 'app-1.js'), join(root, 'alias.js'))
})

afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('resolveRendererAsset (WIN-5)', () => {
  it('maps app://bundle paths to real files inside the root', () => {
    expect(resolveRendererAsset('app://bundle/index.html', root)).toBe(join(root, 'index.html'))
    expect(resolveRendererAsset('app://bundle/', root)).toBe(join(root, 'index.html'))
    expect(resolveRendererAsset('app://bundle/assets/app-1.js?v=2#x', root)).toBe(
      join(root, 'assets', 'app-1.js')
    )
    expect(resolveRendererAsset('app://bundle/assets/a%20b.css', root)).toBe(
      join(root, 'assets', 'a b.css')
    )
    expect(resolveRendererAsset('app://bundle/alias.js', root)).toBe(
      join(root, 'assets', 'app-1.js')
    )
  })

  it.each([
    'app://bundle/../sibling.txt',
    'app://bundle/..%2fsibling.txt',
    'app://bundle/%2e%2e/sibling.txt',
    'app://bundle/%2E%2E/sibling.txt',
    'app://bundle/assets/%2e%2e/%2e%2e/sibling.txt',
    'app://bundle/assets%2Fapp-1.js',
    'app://bundle/assets%5capp-1.js',
    'app://bundle/..\\sibling.txt',
    'app://bundle/./index.html',
    'app://bundle//etc/passwd',
    'app://bundle/%2Fetc%2Fpasswd',
    'app://bundle/C:%5Cwindows',
    'app://bundle/index.html%00.js',
    'app://bundle/%E0%A4%A',
    'app://bundle/../renderer-evil/x.js',
    'app://evil/index.html',
    'app://bundle.evil/index.html',
    'app://bundle:80/index.html',
    'app://x@bundle/index.html',
    'file:///etc/passwd',
    'https://bundle/index.html',
    'app://bundle/linked-dir/secret.txt',
    'app://bundle/assets/leaf.txt',
    'app://bundle/assets',
    'app://bundle/assets/',
    'app://bundle/missing.js'
  ])('refuses %s', (url) => {
    expect(resolveRendererAsset(url, root)).toBeNull()
  })

  it('refuses a relative root', () => {
    expect(resolveRendererAsset('app://bundle/index.html', 'renderer')).toBeNull()
  })

  it('returns null or a real path inside the root for any path (fast-check)', () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E.',
        '%2f',
        '%5C',
        'index.html',
        'assets',
        'app-1.js'
      ),
      fc.constantFrom('linked-dir', 'secret.txt', 'leaf.txt', 'alias.js', '', '\\', '%00'),
      fc.string({ unit: 'binary', maxLength: 8 })
    )
    const path = fc.oneof(
      fc.array(segment, { maxLength: 6 }).map((s) => s.join('/')),
      fc.string()
    )
    let served = 0
    fc.assert(
      fc.property(path, (p) => {
        const result = resolveRendererAsset(`app://bundle/${p}`, root)
        if (result === null) return
        served += 1
        expect(result.startsWith(root + sep)).toBe(true)
        expect(realpathSync(result)).toBe(result)
      }),
      { numRuns: 400, seed: 20261123 }
    )
    // The property must not pass vacuously: some generated paths are real files.
    expect(served).toBeGreaterThan(0)
  })
})

describe('serveRendererAsset', () => {
  it('serves files with their type, the CSP header and nosniff', async () => {
    const response = await serveRendererAsset(
      { url: 'app://bundle/assets/app-1.js', method: 'GET' },
      root
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toBe('console.log(1)')
  })

  it('answers 404 for traversal and missing files, 400 for other hosts, 405 for other methods', async () => {
    const serve = (url: string, method = 'GET') => serveRendererAsset({ url, method }, root)
    const traversal = await serve('app://bundle/%2e%2e/sibling.txt')
    expect(traversal.status).toBe(404)
    expect(traversal.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect((await serve('app://bundle/linked-dir/secret.txt')).status).toBe(404)
    expect((await serve('app://evil/index.html')).status).toBe(400)
    expect((await serve('app://bundle/index.html', 'POST')).status).toBe(405)
  })
})

describe('scheme registration', () => {
  it('registers app: as standard, secure and fetch-capable, never bypassing CSP', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() }
    registerAppScheme(protocol as unknown as Protocol)
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }
    ])
  })

  it('handles app: with the resolver', async () => {
    const protocol = { handle: vi.fn() }
    handleAppProtocol(protocol as unknown as Protocol, root)
    const [scheme, handler] = protocol.handle.mock.calls[0] as [
      string,
      (r: { url: string; method: string }) => Promise<Response>
    ]
    expect(scheme).toBe('app')
    expect((await handler({ url: 'app://bundle/index.html', method: 'GET' })).status).toBe(200)
  })
})
