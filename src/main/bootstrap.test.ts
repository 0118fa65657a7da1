import { EventEmitter } from 'node:events'
import { resolve } from 'node:path'

import { beforeEach, describe, expect, it, vi } from 'vitest'

import type { CoreDeps } from '../core/app'
import { silentLogger } from '../core/ports'
import { CHANNELS, type Handlers } from '../shared/contract'
import { startShell, type AppPort, type ShellDeps } from './bootstrap'
import { FakeBrowserWindow, FakeWebContents, ipcMain } from './test-support/fake-electron'

vi.mock('electron', () => import('./test-support/fake-electron'))

const MAIN_DIR = resolve('/opt/flowx/resources/app/out/main')

class FakeApp extends EventEmitter implements AppPort {
  readonly calls: string[] = []
  isPackaged = true
  lockGranted = true
  userData = '/home/u/.config/flowx-launcher'
  private markReady: () => void = () => undefined
  private readonly ready = new Promise<void>((done) => (this.markReady = done))

  constructor(private readonly log: string[]) {
    super()
  }

  private record(call: string): void {
    this.calls.push(call)
    this.log.push(`app.${call}`)
  }

  requestSingleInstanceLock = vi.fn(() => {
    this.record('requestSingleInstanceLock')
    return this.lockGranted
  })
  quit = vi.fn(() => {
    this.record('quit')
    this.emit('before-quit', this.quitEvent)
  })
  quitEvent = { preventDefault: vi.fn() }
  exit = vi.fn((code?: number) => this.record(`exit ${code}`))
  enableSandbox = vi.fn(() => this.record('enableSandbox'))
  whenReady = vi.fn(() => {
    this.record('whenReady')
    return this.ready
  })
  getPath = vi.fn(() => this.userData)
  setPath = vi.fn((_name: 'userData', path: string) => {
    this.record(`setPath ${path}`)
    this.userData = path
  })
  getVersion = vi.fn(() => '1.2.3')
  setReady(): void {
    this.markReady()
  }
  override on(event: string, listener: (...args: never[]) => void): this {
    this.record(`on ${event}`)
    return super.on(event, listener as (...args: unknown[]) => void)
  }
}

type PermissionRequest = (wc: unknown, permission: string, callback: (ok: boolean) => void) => void

function harness(env: Record<string, string | undefined> = {}) {
  const log: string[] = []
  const app = new FakeApp(log)
  const permissions: {
    request?: PermissionRequest
    check?: (...args: unknown[]) => boolean
    device?: (...args: unknown[]) => boolean
  } = {}
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn((h: PermissionRequest) => {
        log.push('session.setPermissionRequestHandler')
        permissions.request = h
      }),
      setPermissionCheckHandler: vi.fn((h: (...args: unknown[]) => boolean) => {
        log.push('session.setPermissionCheckHandler')
        permissions.check = h
      }),
      setDevicePermissionHandler: vi.fn((h: (...args: unknown[]) => boolean) => {
        log.push('session.setDevicePermissionHandler')
        permissions.device = h
      })
    }
  }
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(() => void log.push('protocol.registerSchemesAsPrivileged')),
    handle: vi.fn(() => void log.push('protocol.handle'))
  }
  const handlers = Object.fromEntries(
    CHANNELS.map((c) => [c, vi.fn(async () => `value of ${c}`)])
  ) as unknown as Handlers
  const core = {
    handlers,
    close: vi.fn(async () => void log.push('core.close')),
    subscribe: vi.fn(() => () => undefined)
  }
  const windows: FakeBrowserWindow[] = []
  const deps = {
    app,
    protocol,
    session,
    env,
    mainDir: MAIN_DIR,
    createCore: vi.fn(async (_deps: CoreDeps) => {
      log.push('createCore')
      return core
    }),
    createWindow: vi.fn(() => {
      log.push('createWindow')
      const window = new FakeBrowserWindow({})
      window.webContents.ipc.handle.mockImplementation((channel: string, listener) => {
        log.push(`ipc.handle ${channel}`)
        window.webContents.ipc.handlers.set(channel, listener)
      })
      window.loadURL.mockImplementation(async (url: string) => void log.push(`loadURL ${url}`))
      windows.push(window)
      return window
    }),
    cipher: { availability: vi.fn(), encrypt: vi.fn(), decrypt: vi.fn() },
    storeBackend: vi.fn(),
    createLogger: vi.fn(() => silentLogger),
    copyText: vi.fn(),
    files: { saveText: vi.fn(), openText: vi.fn() },
    openExternal: vi.fn(async () => undefined),
    showFatalError: vi.fn()
  }
  const start = () => startShell(deps as unknown as ShellDeps)
  return { app, log, deps, core, permissions, protocol, windows, start }
}

beforeEach(() => vi.clearAllMocks())

describe('startShell: single instance (STO-5)', () => {
  it('quits before touching anything else when another instance holds the lock', async () => {
    const h = harness()
    h.app.lockGranted = false
    await expect(h.start()).resolves.toBeUndefined()
    expect(h.app.calls).toEqual(['requestSingleInstanceLock', 'quit'])
    expect(h.log).toEqual(['app.requestSingleInstanceLock', 'app.quit'])
    expect(h.deps.createCore).not.toHaveBeenCalled()
    expect(h.deps.createWindow).not.toHaveBeenCalled()
    expect(h.deps.createLogger).not.toHaveBeenCalled()
  })

  it('takes the lock first, and in development points userData at FLOWX_LAUNCHER_HOME just before it', async () => {
    const plain = harness()
    void plain.start()
    expect(plain.log[0]).toBe('app.requestSingleInstanceLock')

    const home = harness({ FLOWX_LAUNCHER_HOME: '/tmp/flowx-home' })
    home.app.isPackaged = false
    const started = home.start()
    expect(home.log.slice(0, 2)).toEqual([
      'app.setPath /tmp/flowx-home',
      'app.requestSingleInstanceLock'
    ])
    home.app.setReady()
    await started
    expect(home.deps.createCore.mock.calls[0]![0].dataDir).toBe('/tmp/flowx-home')
  })

  it('an installed app ignores FLOWX_LAUNCHER_HOME (it is for the CLI) and logs so', async () => {
    const h = harness({ FLOWX_LAUNCHER_HOME: '/tmp/flowx-home' })
    const warnings: string[] = []
    h.deps.createLogger.mockReturnValue({
      ...silentLogger,
      warn: (m: string) => void warnings.push(m)
    })
    h.app.setReady()
    await h.start()
    expect(h.app.setPath).not.toHaveBeenCalled()
    expect(h.deps.createCore.mock.calls[0]![0].dataDir).toBe('/home/u/.config/flowx-launcher')
    expect(warnings).toEqual([
      'FLOWX_LAUNCHER_HOME is ignored by the installed app; it applies to the CLI'
    ])
  })

  it('restores and focuses the existing window on second-instance', async () => {
    const h = harness()
    h.app.setReady()
    await h.start()
    const window = h.windows[0]!
    window.minimized = true
    h.app.emit('second-instance')
    expect(window.calls.slice(-3)).toEqual(['restore', 'show', 'focus'])
  })
})

describe('startShell: order', () => {
  it('enables the sandbox and registers the scheme before ready, then wires the rest in order', async () => {
    const h = harness()
    const started = h.start()
    await Promise.resolve()
    // Not ready yet: only the pre-ready steps have run.
    expect(h.log).toContain('app.enableSandbox')
    expect(h.log).toContain('protocol.registerSchemesAsPrivileged')
    expect(h.log).not.toContain('createCore')
    expect(h.log.indexOf('app.enableSandbox')).toBeLessThan(h.log.indexOf('app.whenReady'))
    h.app.setReady()
    await started
    const at = (entry: string) => h.log.indexOf(entry)
    expect(at('app.requestSingleInstanceLock')).toBe(0)
    expect(at('session.setPermissionRequestHandler')).toBeGreaterThan(at('app.whenReady'))
    expect(at('protocol.handle')).toBeGreaterThan(at('session.setPermissionCheckHandler'))
    expect(at('createCore')).toBeGreaterThan(at('protocol.handle'))
    expect(at('createWindow')).toBeGreaterThan(at('createCore'))
    expect(at(`ipc.handle ${CHANNELS[0]}`)).toBeGreaterThan(at('createWindow'))
    expect(at('loadURL app://bundle/index.html')).toBeGreaterThan(
      at(`ipc.handle ${CHANNELS.at(-1)}`)
    )
  })

  it('passes the adapters and an absolute preload path, and registers IPC on the window only', async () => {
    const h = harness()
    h.app.setReady()
    await h.start()
    const coreDeps = h.deps.createCore.mock.calls[0]![0]
    expect(coreDeps).toMatchObject({
      dataDir: h.app.userData,
      version: '1.2.3',
      cipher: h.deps.cipher,
      storeBackend: h.deps.storeBackend
    })
    expect(h.deps.createLogger).toHaveBeenCalledWith(
      resolve(h.app.userData, 'logs/main.log'),
      coreDeps.redactor
    )
    expect(h.deps.createWindow).toHaveBeenCalledWith(
      expect.objectContaining({ preloadPath: resolve(MAIN_DIR, '../preload/index.js') })
    )
    expect([...h.windows[0]!.webContents.ipc.handlers.keys()]).toEqual(CHANNELS)
    expect(ipcMain.handle).not.toHaveBeenCalled()
  })

  it('routes a genuine call to core and refuses another webContents', async () => {
    const h = harness()
    h.app.setReady()
    await h.start()
    const contents = h.windows[0]!.webContents
    const listener = contents.ipc.handlers.get('profiles:list')!
    await expect(
      listener({ sender: contents, senderFrame: contents.mainFrame }, undefined)
    ).resolves.toEqual({ ok: true, value: 'value of profiles:list' })
    const other = new FakeWebContents()
    await expect(
      listener({ sender: other, senderFrame: other.mainFrame }, undefined)
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
  })

  it('loads the dev server only in unpackaged runs, and then skips the app: handler', async () => {
    const dev = harness({ ELECTRON_RENDERER_URL: 'http://localhost:5173' })
    dev.app.isPackaged = false
    dev.app.setReady()
    await dev.start()
    expect(dev.log).toContain('loadURL http://localhost:5173/')
    expect(dev.protocol.handle).not.toHaveBeenCalled()

    const packaged = harness({ ELECTRON_RENDERER_URL: 'http://localhost:5173' })
    packaged.app.setReady()
    await packaged.start()
    expect(packaged.log).toContain('loadURL app://bundle/index.html')
  })

  it('hardens every webContents as it is created', async () => {
    const h = harness()
    void h.start()
    const contents = new FakeWebContents()
    h.app.emit('web-contents-created', {}, contents)
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example' })).toEqual({
      action: 'deny'
    })
    expect(contents.listenerCount('will-navigate')).toBe(1)
  })
})

describe('startShell: permissions (WIN-4)', () => {
  it.each(['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'made-up'])(
    'denies %s on request and on check',
    async (permission) => {
      const h = harness()
      h.app.setReady()
      await h.start()
      const callback = vi.fn()
      h.permissions.request!({}, permission, callback)
      expect(callback).toHaveBeenCalledWith(false)
      expect(h.permissions.check!({}, permission, 'app://bundle', {})).toBe(false)
      expect(h.permissions.device!({ deviceType: 'usb', origin: 'app://bundle' })).toBe(false)
    }
  )
})

describe('startShell: shutdown and failure', () => {
  it('quits when the window closes, closing core once before the real quit', async () => {
    const h = harness()
    h.app.setReady()
    await h.start()
    h.app.emit('window-all-closed')
    expect(h.app.quitEvent.preventDefault).toHaveBeenCalledOnce()
    await vi.waitFor(() => expect(h.app.quit).toHaveBeenCalledTimes(2), { timeout: 15_000 })
    expect(h.core.close).toHaveBeenCalledOnce()
    expect(h.log.indexOf('core.close')).toBeLessThan(h.log.lastIndexOf('app.quit'))
  })

  it('shows a fatal error and exits when core cannot start, without creating a window', async () => {
    const h = harness()
    h.deps.createCore.mockRejectedValueOnce(new Error('disk full'))
    h.app.setReady()
    await expect(h.start()).resolves.toBeUndefined()
    expect(h.deps.showFatalError).toHaveBeenCalledOnce()
    expect(h.app.exit).toHaveBeenCalledWith(1)
    expect(h.deps.createWindow).not.toHaveBeenCalled()
  })
})

describe('startShell: application menu', () => {
  type Item = { role?: string; label?: string; click?: () => void; submenu?: Item[] }
  const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])])
  const roles = (items: Item[]) => flat(items).map((i) => i.role ?? i.label)

  function withMenu(env: Record<string, string | undefined>, isPackaged: boolean) {
    const h = harness(env)
    h.app.isPackaged = isPackaged
    const menus: Item[][] = []
    let opened: (path: string) => void = () => undefined
    const openedPath = new Promise<string>((done) => (opened = done))
    const openPath = vi.fn(async (path: string) => {
      opened(path)
      return ''
    })
    Object.assign(h.deps, {
      setApplicationMenu: (template: Item[]) => void menus.push(template),
      platform: 'linux',
      openPath
    })
    return { h, menus, openPath, openedPath }
  }

  it('an installed app: our menu, no DevTools or Reload, and a window that cannot open DevTools', async () => {
    const { h, menus, openedPath } = withMenu({}, true)
    h.app.setReady()
    await h.start()
    expect(menus).toHaveLength(1)
    const all = roles(menus[0]!)
    expect(all).toEqual(expect.arrayContaining(['copy', 'paste', 'togglefullscreen']))
    for (const zoom of ['zoomIn', 'zoomOut', 'resetZoom']) expect(all).not.toContain(zoom)
    expect(all).not.toContain('toggleDevTools')
    expect(all).not.toContain('reload')
    expect(h.deps.createWindow).toHaveBeenCalledWith(expect.objectContaining({ devTools: false }))

    const logs = flat(menus[0]!).find((i) => i.label === 'Open logs folder')!
    logs.click!()
    expect(await openedPath).toBe(resolve(h.app.userData, 'logs'))
  })

  it('DevTools only in development or with FLOWX_LAUNCHER_DEVTOOLS=1', async () => {
    for (const [env, packaged] of [
      [{}, false],
      [{ FLOWX_LAUNCHER_DEVTOOLS: '1' }, true]
    ] as const) {
      const { h, menus } = withMenu(env, packaged)
      h.app.setReady()
      await h.start()
      expect(roles(menus[0]!)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
      expect(h.deps.createWindow).toHaveBeenCalledWith(expect.objectContaining({ devTools: true }))
    }
  })
})
