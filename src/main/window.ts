/**
 * The one place a BrowserWindow is created (security.md WIN-1), and the guards every webContents
 * gets: no navigation away from the app, no new windows, no webviews, and external links only to an
 * https allowlist (WIN-3).
 */
import { isAbsolute } from 'node:path'

import { BrowserWindow, shell, type WebContents } from 'electron'

import { isAppEntryUrl, parseUrl, type AppEntry } from './app-url'

/** Hosts the app may open in the user's browser. Exact names: no subdomain wildcards. */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'docs.flowx.ai',
  'flowx.ai',
  'www.flowx.ai',
  'github.com'
])

/** True for `https://<allowlisted host>/…` with no userinfo and no explicit port. */
export function isSafeExternalUrl(candidate: unknown): boolean {
  const url = parseUrl(candidate)
  if (!url) return false
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    EXTERNAL_HOSTS.has(url.hostname)
  )
}

/** Opens a URL in the user's browser (shell.openExternal in the app). */
export type OpenExternal = (url: string) => Promise<void>

const hardened = new WeakSet<object>()

/** Lock a webContents to the app entry. Safe to call more than once on the same contents. */
export function hardenWebContents(
  contents: WebContents,
  entry: AppEntry,
  openExternal: OpenExternal = (url) => shell.openExternal(url)
): void {
  if (hardened.has(contents)) return
  hardened.add(contents)

  contents.on('will-navigate', (event) => {
    if (!isAppEntryUrl(event.url, entry)) event.preventDefault()
  })
  contents.on('will-frame-navigate', (details) => {
    // Subframes never navigate: the CSP allows no frames, so any attempt is hostile.
    if (!details.isMainFrame || !isAppEntryUrl(details.url, entry)) details.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      // Out of the handler first: Electron must finish denying the window before the shell runs.
      setImmediate(() => void openExternal(url).catch(() => undefined))
    }
    return { action: 'deny' }
  })
}

/** What the main window needs to know. */
export interface MainWindowOptions {
  /** Absolute path of the bundled preload (out/preload/index.js). */
  preloadPath: string
  entry: AppEntry
  openExternal?: OpenExternal
  /** Whether DevTools can open at all: development, or the deliberate switch (menu.ts). */
  devTools?: boolean
}

/** Create the hardened main window. It shows itself once the first paint is ready. */
export function createMainWindow({
  preloadPath,
  entry,
  openExternal,
  devTools = false
}: MainWindowOptions): BrowserWindow {
  if (!isAbsolute(preloadPath)) throw new Error('The preload path must be absolute.')
  // Keep webPreferences an inline literal: Electronegativity resolves only literals (WIN-1).
  const window = new BrowserWindow({
    title: 'FlowX Launcher',
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: '#101318',
    webPreferences: {
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
      devTools
    }
  })
  hardenWebContents(window.webContents, entry, openExternal)
  window.once('ready-to-show', () => window.show())
  return window
}

/** Bring a window back from minimized or hidden and give it focus. */
export function focusWindow(
  window: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'> | undefined
): void {
  if (!window) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}
