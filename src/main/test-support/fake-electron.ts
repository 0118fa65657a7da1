/**
 * A stand-in for the `electron` module in unit tests: importing the real package outside Electron
 * tries to download the binary and throws (security.md §0). Use it as
 * `vi.mock('electron', () => import('./test-support/fake-electron'))`. It has a default export
 * too, because electron-store does `import electron from 'electron'` and destructures it.
 */
import { EventEmitter } from 'node:events'

import { vi } from 'vitest'

type Listener = (...args: unknown[]) => unknown

/** A main frame or subframe as IPC events carry them. */
export interface FakeFrame {
  url: string
  parent: FakeFrame | null
  detached: boolean
  frameToken: string
  processId: number
}

let frameCounter = 0

/** A frame showing `url`; `parent` makes it a subframe. */
export function fakeFrame(url: string, parent: FakeFrame | null = null): FakeFrame {
  frameCounter += 1
  return { url, parent, detached: false, frameToken: `frame-${frameCounter}`, processId: 7 }
}

/** Records the handlers registered on it, like `webContents.ipc` or `ipcMain`. */
export class FakeIpc {
  readonly handlers = new Map<string, Listener>()
  readonly listeners = new Map<string, Listener[]>()
  handle = vi.fn((channel: string, listener: Listener) => {
    this.handlers.set(channel, listener)
  })
  on = vi.fn((channel: string, listener: Listener) => {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener])
  })
  removeAllListeners = vi.fn((channel?: string) => {
    if (channel === undefined) this.listeners.clear()
    else this.listeners.delete(channel)
  })
}

/** A webContents that records its window-open handler and emits navigation events on demand. */
export class FakeWebContents extends EventEmitter {
  destroyed = false
  mainFrame: FakeFrame
  readonly ipc = new FakeIpc()
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined

  constructor(url = 'app://bundle/index.html') {
    super()
    this.mainFrame = fakeFrame(url)
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
}

/** Records constructor options and the calls the shell makes on a window. */
export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  readonly calls: string[] = []
  minimized = false
  destroyed = false

  constructor(readonly options: Record<string, unknown>) {
    super()
    FakeBrowserWindow.instances.push(this)
  }

  loadURL = vi.fn(async (url: string) => {
    this.calls.push(`loadURL ${url}`)
  })
  show = vi.fn(() => void this.calls.push('show'))
  focus = vi.fn(() => void this.calls.push('focus'))
  restore = vi.fn(() => {
    this.minimized = false
    this.calls.push('restore')
  })
  isMinimized = (): boolean => this.minimized
  isDestroyed = (): boolean => this.destroyed
}

export const ipcMain = new FakeIpc()
export const shell = { openExternal: vi.fn(async (_url: string) => undefined) }
export const app = {
  getPath: vi.fn((_name: string) => '/nonexistent-user-data'),
  getVersion: vi.fn(() => '0.0.0-test'),
  getName: vi.fn(() => 'flowx-launcher')
}
export const contextBridge = { exposeInMainWorld: vi.fn() }
type RendererListener = (event: unknown, ...args: unknown[]) => void
const rendererListeners = new Map<string, Set<RendererListener>>()
export const ipcRenderer = {
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true })),
  on: vi.fn((channel: string, listener: RendererListener) => {
    let set = rendererListeners.get(channel)
    if (!set) rendererListeners.set(channel, (set = new Set()))
    set.add(listener)
  }),
  removeListener: vi.fn((channel: string, listener: RendererListener) => {
    rendererListeners.get(channel)?.delete(listener)
  }),
  /** Test helper: deliver a push from main as Electron would (event object first). */
  emit(channel: string, event: unknown, payload: unknown): void {
    for (const listener of rendererListeners.get(channel) ?? []) listener(event, payload)
  },
  listenerCount(channel: string): number {
    return rendererListeners.get(channel)?.size ?? 0
  }
}
export const BrowserWindow = FakeBrowserWindow

export default { app, ipcMain, shell, contextBridge, ipcRenderer, BrowserWindow }
