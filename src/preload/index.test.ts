import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { CHANNELS, subscriptionPath, SUBSCRIPTIONS } from '../shared/contract'

vi.mock('electron', () => import('../main/test-support/fake-electron'))

type Api = Record<string, Record<string, (input?: unknown) => Promise<unknown>>>

function setContextIsolated(value: boolean | undefined): void {
  Object.defineProperty(process, 'contextIsolated', { value, configurable: true, writable: true })
}

type FakeElectron = typeof import('../main/test-support/fake-electron')
let fake: FakeElectron

/** Load the preload fresh and return what it exposed, if anything. */
async function loadPreload(): Promise<{ name: string; api: Api } | undefined> {
  vi.resetModules()
  vi.clearAllMocks()
  await import('./index')
  // The very module the preload imported as 'electron'.
  fake = (await import('electron')) as unknown as FakeElectron
  const calls = fake.contextBridge.exposeInMainWorld.mock.calls as unknown as [string, Api][]
  if (calls.length === 0) return undefined
  expect(calls).toHaveLength(1)
  const [name, api] = calls[0]!
  return { name, api }
}

function keyTree(api: Api): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(api).map(([domain, methods]) => [domain, Object.keys(methods)])
  )
}

beforeEach(() => setContextIsolated(true))

afterEach(() => setContextIsolated(undefined))

describe('preload bridge (IPC-1)', () => {
  it('exposes one object, window.flowx, with exactly the contract methods', async () => {
    const exposed = await loadPreload()
    expect(exposed?.name).toBe('flowx')
    expect(keyTree(exposed!.api)).toMatchInlineSnapshot(`
      {
        "app": [
          "getState",
          "startup",
          "dismissNotice",
          "copyText",
          "setWeakStorage",
          "openExternal",
          "openLogs",
        ],
        "auth": [
          "status",
          "renew",
        ],
        "batch": [
          "pickRows",
          "preview",
          "start",
          "pause",
          "resume",
          "cancel",
          "get",
          "list",
          "rerunFailed",
          "export",
          "onProgress",
        ],
        "build": [
          "info",
          "instanceInfo",
        ],
        "curl": [
          "fromLaunch",
          "fromForm",
          "parse",
        ],
        "drafts": [
          "get",
          "save",
        ],
        "history": [
          "search",
          "get",
          "delete",
          "restore",
          "export",
          "processNames",
          "replayPlan",
          "replay",
        ],
        "launch": [
          "start",
          "cancel",
        ],
        "library": [
          "list",
          "get",
          "save",
          "rename",
          "duplicate",
          "delete",
          "restore",
          "addFolder",
          "removeFolder",
        ],
        "playlists": [
          "list",
          "get",
          "save",
          "delete",
          "restore",
        ],
        "profiles": [
          "list",
          "save",
          "duplicate",
          "remove",
          "restore",
          "setActive",
          "check",
          "checkDraft",
          "export",
          "import",
        ],
        "reports": [
          "create",
          "save",
        ],
        "sandbox": [
          "ensure",
        ],
        "settings": [
          "get",
          "update",
        ],
        "templates": [
          "preview",
        ],
      }
    `)
  })

  it('makes every leaf a function that invokes exactly its own channel with one argument', async () => {
    const { api } = (await loadPreload())!
    const subscriptionLeaves = new Set(SUBSCRIPTIONS.map((s) => subscriptionPath(s).join('.')))
    const leaves = Object.values(api).flatMap((methods) => Object.values(methods))
    expect(leaves).toHaveLength(CHANNELS.length + SUBSCRIPTIONS.length)
    const seen: string[] = []
    for (const [domain, methods] of Object.entries(api)) {
      for (const [method, fn] of Object.entries(methods)) {
        if (subscriptionLeaves.has(`${domain}.${method}`)) continue
        expect(typeof fn).toBe('function')
        fake.ipcRenderer.invoke.mockClear()
        const input = { probe: `${domain}.${method}` }
        const extra = { smuggled: true }
        await (fn as (...args: unknown[]) => Promise<unknown>)(input, extra)
        expect(fake.ipcRenderer.invoke).toHaveBeenCalledOnce()
        const [channel, ...args] = fake.ipcRenderer.invoke.mock.calls[0]!
        expect(CHANNELS).toContain(channel)
        expect(args).toStrictEqual([input])
        seen.push(channel as string)
      }
    }
    expect(seen.sort()).toStrictEqual([...CHANNELS].sort())
  })

  it('is frozen and holds nothing but plain methods (no ipcRenderer, process or token getters)', async () => {
    const { api } = (await loadPreload())!
    expect(Object.isFrozen(api)).toBe(true)
    for (const methods of Object.values(api)) {
      expect(Object.isFrozen(methods)).toBe(true)
      for (const key of Object.keys(methods)) {
        const descriptor = Object.getOwnPropertyDescriptor(methods, key)!
        expect(descriptor.get).toBeUndefined()
        // IPC-4: secrets are write-only, so no method may read one back.
        expect(key).not.toMatch(/secret|token/i)
        expect(['invoke', 'send', 'sendSync', 'on', 'once', 'postMessage', 'env']).not.toContain(
          key
        )
      }
    }
    for (const name of ['ipcRenderer', 'process', 'webFrame', 'invoke']) {
      expect(Object.keys(api)).not.toContain(name)
    }
  })

  it('turns each subscription into on<Event>(callback): the payload only, and an unsubscribe', async () => {
    const { api } = (await loadPreload())!
    for (const name of SUBSCRIPTIONS) {
      const [domain, method] = subscriptionPath(name)
      const subscribe = api[domain]?.[method] as unknown as (cb: unknown) => () => void
      const got: unknown[][] = []
      const unsubscribe = subscribe((...args: unknown[]) => got.push(args))
      const electronEvent = { sender: { secret: 'webContents' } }
      fake.ipcRenderer.emit(name, electronEvent, { n: 1 })
      expect(got).toStrictEqual([[{ n: 1 }]])
      unsubscribe()
      fake.ipcRenderer.emit(name, electronEvent, { n: 2 })
      expect(got).toHaveLength(1)
      expect(fake.ipcRenderer.listenerCount(name)).toBe(0)
      expect(() => subscribe('not a function')).toThrow(TypeError)
    }
    expect(subscriptionPath('batch:progress')).toEqual(['batch', 'onProgress'])
  })

  it('exposes nothing when context isolation is off (fail closed)', async () => {
    setContextIsolated(false)
    expect(await loadPreload()).toBeUndefined()
  })
})

describe('preload source (static)', () => {
  const source = readFileSync(join(__dirname, 'index.ts'), 'utf8')

  it('never mentions process.env or @electron-toolkit/preload', () => {
    expect(source).not.toMatch(/process\.env|process\[['"]env['"]\]/)
    expect(source).not.toContain('@electron-toolkit/preload')
  })

  it('calls exposeInMainWorld once and imports only electron and the shared contract', () => {
    expect(source.match(/exposeInMainWorld\(/g)).toHaveLength(1)
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1])
    expect(imports).toStrictEqual(['electron', '../shared/contract'])
  })
})
