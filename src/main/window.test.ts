import { existsSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'

import fc from 'fast-check'
import type { WebContents } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { buildPaths } from './adapters/paths'
import { APP_ENTRY_URL, resolveAppEntry } from './app-url'
import { FakeBrowserWindow, FakeWebContents, shell } from './test-support/fake-electron'
import {
  createMainWindow,
  EXTERNAL_HOSTS,
  focusWindow,
  hardenWebContents,
  isSafeExternalUrl
} from './window'

vi.mock('electron', () => import('./test-support/fake-electron'))

const entry = resolveAppEntry()
const OUT_MAIN = resolve(__dirname, '../../out/main')

const EVIL_URLS = [
  'https://evil.example',
  'https://evil.example/index.html',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'app://bundle/../x',
  'app://evil/index.html',
  'app://bundle.evil/index.html',
  'app://bundle:8080/index.html',
  'app://user@bundle/index.html',
  'app://bundle/other.html',
  'http://bundle/index.html',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
  'chrome://settings',
  'not a url'
]

function navEvent(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() }
}

function harden(openExternal = vi.fn(async (_url: string) => undefined)) {
  const contents = new FakeWebContents()
  hardenWebContents(contents as unknown as WebContents, entry, openExternal)
  return { contents, openExternal }
}

beforeEach(() => {
  FakeBrowserWindow.instances.length = 0
  vi.clearAllMocks()
})

describe('createMainWindow (WIN-1)', () => {
  const preloadPath = buildPaths(OUT_MAIN).preload

  it('passes the hardened webPreferences by value', () => {
    createMainWindow({ preloadPath, entry })
    expect(FakeBrowserWindow.instances).toHaveLength(1)
    const options = FakeBrowserWindow.instances[0]!.options
    expect(options.webPreferences).toStrictEqual({
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false
    })
    expect(options).toMatchObject({ title: 'FlowX Launcher', show: false, minWidth: 960 })
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures')
  })

  it('lets DevTools open only when asked (development or the deliberate switch)', () => {
    createMainWindow({ preloadPath, entry, devTools: true })
    expect(FakeBrowserWindow.instances.at(-1)!.options.webPreferences).toMatchObject({
      devTools: true
    })
  })

  it('uses an absolute preload path inside out/preload, and refuses a relative one', () => {
    expect(isAbsolute(preloadPath)).toBe(true)
    expect(preloadPath).toBe(resolve(__dirname, '../../out/preload/index.js'))
    expect(() => createMainWindow({ preloadPath: 'out/preload/index.js', entry })).toThrow(
      /absolute/
    )
  })

  it.skipIf(!existsSync(resolve(OUT_MAIN, 'index.js')))('finds the preload after a build', () => {
    expect(existsSync(preloadPath)).toBe(true)
  })

  it('shows the window only when it is ready to show, and hardens its webContents', () => {
    const window = createMainWindow({ preloadPath, entry }) as unknown as FakeBrowserWindow
    expect(window.show).not.toHaveBeenCalled()
    window.emit('ready-to-show')
    expect(window.show).toHaveBeenCalledOnce()
    expect(window.webContents.windowOpenHandler).toBeTypeOf('function')
    expect(window.webContents.listenerCount('will-navigate')).toBe(1)
  })
})

describe('hardenWebContents (WIN-3)', () => {
  it.each(EVIL_URLS)('prevents navigation to %s', (url) => {
    const { contents } = harden()
    const nav = navEvent(url)
    const frameNav = navEvent(url)
    contents.emit('will-navigate', nav, url)
    contents.emit('will-frame-navigate', frameNav)
    expect(nav.preventDefault).toHaveBeenCalled()
    expect(frameNav.preventDefault).toHaveBeenCalled()
  })

  it('lets the app entry through, in the main frame only', () => {
    const { contents } = harden()
    const nav = navEvent(APP_ENTRY_URL)
    const main = navEvent(APP_ENTRY_URL)
    const sub = navEvent(APP_ENTRY_URL, false)
    contents.emit('will-navigate', nav, APP_ENTRY_URL)
    contents.emit('will-frame-navigate', main)
    contents.emit('will-frame-navigate', sub)
    expect(nav.preventDefault).not.toHaveBeenCalled()
    expect(main.preventDefault).not.toHaveBeenCalled()
    expect(sub.preventDefault).toHaveBeenCalled()
  })

  it('compares against the dev server by protocol, host and path', () => {
    const dev = resolveAppEntry('http://localhost:5173')
    const contents = new FakeWebContents()
    hardenWebContents(contents as unknown as WebContents, dev, vi.fn())
    for (const [url, allowed] of [
      ['http://localhost:5173/', true],
      ['http://localhost:5173@evil.example/', false],
      ['http://localhost:5174/', false],
      ['https://localhost:5173/', false]
    ] as const) {
      const nav = navEvent(url)
      contents.emit('will-navigate', nav, url)
      expect(nav.preventDefault.mock.calls.length === 0).toBe(allowed)
    }
  })

  it('refuses every webview attach', () => {
    const { contents } = harden()
    const event = { preventDefault: vi.fn() }
    contents.emit('will-attach-webview', event, {}, { src: 'https://docs.flowx.ai' })
    expect(event.preventDefault).toHaveBeenCalled()
  })

  it('denies every new window and opens only allowlisted https links, after the handler returns', async () => {
    const { contents, openExternal } = harden()
    const urls = [
      ...EVIL_URLS,
      ...fc.sample(fc.webUrl({ withQueryParameters: true, withFragments: true }), 30),
      'https://docs.flowx.ai/docs/building-blocks',
      'https://github.com/flowx-ai',
      'http://docs.flowx.ai/',
      'https://docs.flowx.ai.evil.example/',
      'https://user:pw@docs.flowx.ai/'
    ]
    expect(urls.length).toBeGreaterThanOrEqual(50)
    for (const url of urls) {
      expect(contents.windowOpenHandler?.({ url })).toStrictEqual({ action: 'deny' })
    }
    expect(openExternal).not.toHaveBeenCalled()
    await new Promise((done) => setImmediate(done))
    const opened = openExternal.mock.calls.map(([url]) => url)
    expect(opened).toContain('https://docs.flowx.ai/docs/building-blocks')
    expect(opened).toContain('https://github.com/flowx-ai')
    for (const url of opened) expect(isSafeExternalUrl(url)).toBe(true)
    expect(opened).not.toContain('http://docs.flowx.ai/')
  })

  it('defaults to shell.openExternal', async () => {
    const contents = new FakeWebContents()
    hardenWebContents(contents as unknown as WebContents, entry)
    contents.windowOpenHandler?.({ url: 'https://docs.flowx.ai/' })
    await new Promise((done) => setImmediate(done))
    expect(shell.openExternal).toHaveBeenCalledWith('https://docs.flowx.ai/')
  })

  it('registers its guards once per webContents', () => {
    const { contents } = harden()
    hardenWebContents(contents as unknown as WebContents, entry, vi.fn())
    expect(contents.listenerCount('will-navigate')).toBe(1)
  })
})

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://docs.flowx.ai/x', true],
    ['https://github.com/', true],
    ['https://DOCS.FLOWX.AI/x', true],
    ['http://docs.flowx.ai/', false],
    ['https://docs.flowx.ai:8443/', false],
    ['https://a@docs.flowx.ai/', false],
    ['https://evil.example/?next=https://docs.flowx.ai', false],
    ['https://docs.flowx.ai.evil.example/', false],
    ['https://github.com./', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)//https://github.com', false]
  ])('%s → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected)
  })

  it('never throws, and accepts only https with an allowlisted host and no userinfo (fast-check)', () => {
    const candidates = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string(),
      fc.constantFrom(...EXTERNAL_HOSTS).map((host) => `https://${host}/`),
      fc.anything()
    )
    fc.assert(
      fc.property(candidates, (candidate) => {
        if (!isSafeExternalUrl(candidate)) return
        const url = new URL(candidate as string)
        expect(url.protocol).toBe('https:')
        expect(EXTERNAL_HOSTS.has(url.hostname)).toBe(true)
        expect(url.username + url.password).toBe('')
      }),
      { numRuns: 500 }
    )
  })
})

describe('focusWindow', () => {
  it('restores a minimized window and focuses it', () => {
    const window = new FakeBrowserWindow({})
    window.minimized = true
    focusWindow(window)
    expect(window.calls).toEqual(['restore', 'show', 'focus'])
  })
})
