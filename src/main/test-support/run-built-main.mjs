// Loads the BUILT out/main/index.js on plain Node 24 with 'electron' redirected to a recording
// stub (stack-notes.md §6.6): catches bundling and ESM/CJS mistakes (G5) that unit tests on the
// sources cannot see, without an Electron binary. Prints the recorded calls as one JSON line.
// Usage: node run-built-main.mjs <out/main/index.js>   (FLOWX_LAUNCHER_HOME must be set)
import { EventEmitter } from 'node:events'
import { createRequire, registerHooks } from 'node:module'
import { resolve } from 'node:path'
import process from 'node:process'
import { clearInterval, setInterval, setTimeout } from 'node:timers'

const calls = []
const record =
  (name, result) =>
  (...args) => {
    calls.push(typeof args[0] === 'string' ? `${name} ${args[0]}` : name)
    return typeof result === 'function' ? result(...args) : result
  }

let markReady = () => undefined
const app = Object.assign(new EventEmitter(), {
  // An installed app: it ignores FLOWX_LAUNCHER_HOME, so userData itself is the temp home here.
  isPackaged: true,
  requestSingleInstanceLock: record('app.requestSingleInstanceLock', true),
  quit: record('app.quit'),
  exit: record('app.exit'),
  enableSandbox: record('app.enableSandbox'),
  whenReady: record('app.whenReady', () => new Promise((done) => (markReady = done))),
  getPath: () => process.env.FLOWX_LAUNCHER_HOME,
  setPath: record('app.setPath'),
  getVersion: () => '0.0.0-smoke'
})

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super()
    calls.push(`BrowserWindow sandbox=${options.webPreferences.sandbox}`)
    this.webContents = Object.assign(new EventEmitter(), {
      ipc: { handle: record('webContents.ipc.handle') },
      setWindowOpenHandler: record('webContents.setWindowOpenHandler'),
      isDestroyed: () => false
    })
  }
  loadURL(url) {
    calls.push(`loadURL ${url}`)
    return Promise.resolve()
  }
  once() {}
  isDestroyed() {
    return false
  }
}

globalThis.__flowxElectronStub = {
  app,
  BrowserWindow,
  protocol: {
    registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged'),
    handle: record('protocol.handle')
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: record('session.setPermissionRequestHandler'),
      setPermissionCheckHandler: record('session.setPermissionCheckHandler'),
      setDevicePermissionHandler: record('session.setDevicePermissionHandler')
    }
  },
  safeStorage: {
    isAsyncEncryptionAvailable: async () => false,
    getSelectedStorageBackend: () => 'basic_text'
  },
  ipcMain: {
    on: record('ipcMain.on'),
    handle: record('ipcMain.handle'),
    removeAllListeners: record('ipcMain.removeAllListeners')
  },
  clipboard: { writeText: record('clipboard.writeText') },
  Menu: {
    buildFromTemplate: (template) => template,
    setApplicationMenu: record('Menu.setApplicationMenu')
  },
  dialog: { showErrorBox: record('dialog.showErrorBox') },
  shell: { openExternal: record('shell.openExternal') }
}

registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'electron') return { url: 'flowx-stub:electron', shortCircuit: true }
    return next(specifier, context)
  },
  load(url, context, next) {
    if (url !== 'flowx-stub:electron') return next(url, context)
    return {
      format: 'commonjs',
      source: 'module.exports = globalThis.__flowxElectronStub',
      shortCircuit: true
    }
  }
})

const require = createRequire(import.meta.url)
require(resolve(process.argv[2]))
// Let the pre-ready steps run, then fire `ready` and wait for the window to load.
setTimeout(() => markReady(), 20)
const started = Date.now()
const timer = setInterval(() => {
  const loaded = calls.some((call) => call.startsWith('loadURL'))
  if (loaded || Date.now() - started > 100_000) {
    clearInterval(timer)
    process.stdout.write(`${JSON.stringify(calls)}\n`)
    process.exit(loaded ? 0 : 2)
  }
}, 20)
