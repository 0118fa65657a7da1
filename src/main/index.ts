/** Electron main entry: wires the real Electron services into the shell. Keep it thin. */
import { app, clipboard, dialog, Menu, protocol, safeStorage, session, shell } from 'electron'

import { createCore } from '../core/app'
import { createSafeStorageCipher } from './adapters/safe-storage-cipher'
import { electronStoreBackend } from './adapters/electron-store-backend'
import { createFileDialogs } from './adapters/file-dialogs'
import { createFileLogger } from './adapters/logger'
import { createProxyResolver } from './adapters/proxy-resolver'
import { startShell } from './bootstrap'
import { createMainWindow } from './window'

startShell({
  app,
  protocol,
  session,
  env: process.env,
  mainDir: __dirname,
  createCore,
  createWindow: createMainWindow,
  cipher: createSafeStorageCipher(safeStorage),
  storeBackend: electronStoreBackend,
  createLogger: (file, redactor) => createFileLogger(file, redactor, { console: !app.isPackaged }),
  copyText: (text) => clipboard.writeText(text),
  files: createFileDialogs(dialog),
  // Chromium's resolver follows the OS settings, PAC and WPAD (security.md NET-5).
  proxyResolver: createProxyResolver(session.defaultSession),
  openExternal: (url) => shell.openExternal(url),
  openPath: (path) => shell.openPath(path),
  showFatalError: (title, message) => dialog.showErrorBox(title, message),
  setApplicationMenu: (template) => Menu.setApplicationMenu(Menu.buildFromTemplate(template)),
  platform: process.platform
}).catch(() => {
  // Nothing was logged safely yet (the logger may not exist): say little, exit non-zero.
  dialog.showErrorBox('FlowX Launcher could not start', 'An unexpected error stopped the start.')
  app.exit(1)
})
