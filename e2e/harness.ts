/**
 * Browser e2e harness (DESIGN.md §6.3): the built renderer runs in Debian's Chromium, and
 * `window.flowx` is bound to the real main-side handlers, registered through the same IPC wrapper
 * the app uses, running in this test process against the local sandbox. Only Electron's IPC
 * transport is not exercised.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { test as base, expect, type Page } from '@playwright/test'

import { createCore, type Core } from '../src/core/app'
import { Redactor } from '../src/core/logging/redact'
import { silentLogger } from '../src/core/ports'
import { MemoryKeyCipher } from '../src/core/secrets/memory-key-cipher'
import { confBackend } from '../src/core/stores/conf-backend'
import { registerHandlers } from '../src/main/ipc'
import { startSandbox, type Sandbox } from '../src/sandbox'
import {
  bridgePath,
  CHANNELS,
  subscriptionPath,
  SUBSCRIPTIONS,
  type Channel
} from '../src/shared/contract'
import { expectNoSeriousA11yViolations } from './a11y'
import { serveStatic, type StaticServer } from './static-server'

// FLOWX_E2E_RENDERER: a renderer built elsewhere (a build of its own while out/ is being rebuilt).
const RENDERER = process.env.FLOWX_E2E_RENDERER ?? resolve(__dirname, '../out/renderer')
const APP_VERSION = (
  JSON.parse(readFileSync(resolve(__dirname, '../package.json'), 'utf8')) as { version: string }
).version
export const SCREENSHOTS = resolve(__dirname, 'screenshots')

type Invoke = (event: unknown, input: unknown) => Promise<unknown>

export interface AppFixture {
  page: Page
  sandbox: Sandbox
  core: Core
  dataDir: string
  /** Text the app put on the clipboard, newest last. */
  clipboard: string[]
  /** The save dialog writes here (outside the data directory); the open dialog reads `nextImport`. */
  files: {
    dir: string
    saved: string[]
    nextImport?: string
    nextPick?: string
    /** What the folder picker answers (Library → Add folder…); undefined is a cancel. */
    nextFolder?: string
  }
  /**
   * Save a screenshot of the whole window as e2e/screenshots/<name>.png, then check it with axe
   * (both themes). `a11y: false` for a passing state that would not outlast the check.
   */
  shot(name: string, options?: { a11y?: boolean }): Promise<void>
}

/** Bind the contract's handlers to the page as window.flowx. */
async function installBridge(page: Page, core: Core): Promise<void> {
  const registered = new Map<string, Invoke>()
  registerHandlers(
    { handle: (channel: string, fn: Invoke) => void registered.set(channel, fn) },
    core.handlers,
    () => true,
    silentLogger
  )
  const trustedEvent = {}
  await page.exposeBinding('__flowxInvoke', async (_source, channel: Channel, input: unknown) => {
    const handler = registered.get(channel)
    if (!handler) return { ok: false, error: { code: 'INTERNAL', message: `No ${channel}` } }
    return handler(trustedEvent, input)
  })
  // Push events: core's subscriptions are delivered into the page, payload only.
  for (const name of SUBSCRIPTIONS) {
    core.subscribe(name, (payload) => {
      page
        .evaluate(({ n, p }) => (window as unknown as Pushable).__flowxPush?.(n, p), {
          n: name as string,
          p: payload as unknown
        })
        .catch(() => undefined)
    })
  }
  const paths = CHANNELS.map((channel) => [channel, ...bridgePath(channel)])
  const pushes = SUBSCRIPTIONS.map((name) => [name, ...subscriptionPath(name)])
  await page.addInitScript(
    ([entries, pushEntries]: string[][][]) => {
      type Api = Record<string, Record<string, (input?: unknown) => unknown>>
      const w = window as unknown as {
        flowx: Api
        __flowxInvoke: (channel: string, input: unknown) => Promise<unknown>
        __flowxPush: (name: string, payload: unknown) => void
      }
      const api: Api = {}
      for (const [channel, domain, method] of entries!) {
        api[domain!] ??= {}
        api[domain!]![method!] = (input?: unknown) => w.__flowxInvoke(channel!, input)
      }
      const listeners = new Map<string, Set<(payload: unknown) => void>>()
      w.__flowxPush = (name, payload) => {
        for (const listener of listeners.get(name) ?? []) listener(payload)
      }
      for (const [name, domain, method] of pushEntries!) {
        api[domain!] ??= {}
        api[domain!]![method!] = (callback: unknown) => {
          const set = listeners.get(name!) ?? new Set()
          listeners.set(name!, set)
          const deliver = (payload: unknown): void => (callback as (p: unknown) => void)(payload)
          set.add(deliver)
          return () => set.delete(deliver)
        }
      }
      w.flowx = api
    },
    [paths, pushes]
  )
}

type Pushable = { __flowxPush?: (name: string, payload: unknown) => void }

export const test = base.extend<
  { app: AppFixture; keychain: 'available' | 'weak' | 'unavailable' },
  { renderer: StaticServer }
>({
  /** What the OS keychain offers; 'weak' is Linux's basic_text backend. */
  keychain: ['available', { option: true }],
  renderer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await serveStatic(RENDERER)
      await use(server)
      await server.close()
    },
    { scope: 'worker' }
  ],
  app: async ({ page, renderer, keychain }, use, testInfo) => {
    // Each screenshot runs axe twice (both themes): a generous budget, whatever the machine.
    testInfo.setTimeout(Math.max(testInfo.timeout, 180_000))
    const dataDir = mkdtempSync(join(tmpdir(), 'flowx-e2e-'))
    const sandbox = await startSandbox({ port: 0 })
    const clipboard: string[] = []
    const exportsDir = mkdtempSync(join(tmpdir(), 'flowx-e2e-exports-'))
    const files: AppFixture['files'] = { dir: exportsDir, saved: [] }
    const core = await createCore({
      dataDir,
      storeBackend: confBackend,
      cipher: new MemoryKeyCipher(keychain),
      logger: silentLogger,
      redactor: new Redactor(),
      // The real version, so screenshots (docs/launch.png) show what users will see.
      version: APP_VERSION,
      copyText: (text) => void clipboard.push(text),
      files: {
        saveText: async (name, text) => {
          const path = join(exportsDir, name)
          writeFileSync(path, text)
          files.saved.push(path)
          return path
        },
        openText: async () => files.nextImport,
        pickFile: async () => files.nextPick,
        pickFolder: async () => files.nextFolder
      },
      startSandbox: async () => sandbox,
      sandboxPort: 0,
      timeouts: { inactivityTimeoutMs: 5_000, deadlineMs: 15_000 }
    })
    await installBridge(page, core)
    await page.goto(renderer.url)
    mkdirSync(SCREENSHOTS, { recursive: true })
    await use({
      page,
      sandbox,
      core,
      dataDir,
      clipboard,
      files,
      shot: async (name, options) => {
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' })
        // Every screen a spec shows is also checked for accessibility, in both themes.
        if (options?.a11y !== false) await expectNoSeriousA11yViolations(page, name)
      }
    })
    await core.close()
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(exportsDir, { recursive: true, force: true })
  }
})

export { expect }
