/**
 * Starts the Electron shell in the order security.md asks for: single-instance lock first (STO-5),
 * sandbox and the privileged scheme before `ready` (WIN-1, WIN-5), then permissions (WIN-4), the
 * protocol, the core, the IPC wrapper scoped to the window (IPC-2), and the window itself.
 * Electron comes in as parameters so the order is unit-tested without the binary.
 */
import { dirname } from 'node:path'

import type { MenuItemConstructorOptions, Protocol, Session, WebContents } from 'electron'

import type { Core, CoreDeps } from '../core/app'
import { Redactor, serializeError } from '../core/logging/redact'
import { AppFailure } from '../shared/errors'
import type { FileDialogs, Logger, ProxyResolver, SecretCipher, StoreBackend } from '../core/ports'
import { buildPaths, homeOverride, logFile, resolveDataDir } from './adapters/paths'
import { isAppEntryUrl, resolveAppEntry, type AppEntry } from './app-url'
import { forwardSubscriptions, registerHandlers } from './ipc'
import { devToolsAllowed, menuTemplate } from './menu'
import { handleAppProtocol, registerAppScheme } from './protocol'
import { createSenderCheck } from './sender'
import { focusWindow, hardenWebContents, type MainWindowOptions, type OpenExternal } from './window'

/** The parts of Electron's `app` the shell uses. */
export interface AppPort {
  readonly isPackaged: boolean
  requestSingleInstanceLock(): boolean
  quit(): void
  exit(exitCode?: number): void
  enableSandbox(): void
  whenReady(): Promise<void>
  getPath(name: 'userData'): string
  setPath(name: 'userData', path: string): void
  getVersion(): string
  on(event: 'second-instance', listener: () => void): unknown
  on(event: 'window-all-closed', listener: () => void): unknown
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown
  on(
    event: 'web-contents-created',
    listener: (event: unknown, contents: WebContents) => void
  ): unknown
}

/** The parts of the main BrowserWindow the shell uses. */
export interface WindowPort {
  readonly webContents: WebContents
  loadURL(url: string): Promise<void>
  isDestroyed(): boolean
  isMinimized(): boolean
  restore(): void
  show(): void
  focus(): void
}

/** The session methods that set permission policy. */
export type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>

/** Everything the shell needs from Electron and the core, injected. */
export interface ShellDeps {
  app: AppPort
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>
  session: { readonly defaultSession: PermissionSession }
  env: Readonly<Record<string, string | undefined>>
  /** The directory of the built main bundle (out/main). */
  mainDir: string
  createCore(deps: CoreDeps): Promise<Pick<Core, 'handlers' | 'close' | 'subscribe'>>
  createWindow(options: MainWindowOptions): WindowPort
  cipher: SecretCipher
  storeBackend: StoreBackend
  createLogger(file: string, redactor: Redactor): Logger
  copyText(text: string): void
  /** Save and open dialogs (profile export and import). */
  files: FileDialogs
  /** The OS proxy settings, through Chromium's resolver. */
  proxyResolver?: ProxyResolver
  openExternal: OpenExternal
  /** Show a folder in the file manager (shell.openPath): '' on success, else why not. */
  openPath?(path: string): Promise<string>
  showFatalError(title: string, message: string): void
  /** Installs the application menu (Menu.setApplicationMenu of the built template). */
  setApplicationMenu?(template: MenuItemConstructorOptions[]): void
  /** process.platform: the menu differs on macOS. */
  platform?: NodeJS.Platform
}

/** What a successful start returns. */
export interface Shell {
  window: WindowPort
  core: Pick<Core, 'handlers' | 'close' | 'subscribe'>
  entry: AppEntry
}

/** Start the app. Resolves to undefined when another instance already runs or startup failed. */
export async function startShell(deps: ShellDeps): Promise<Shell | undefined> {
  const { app, env } = deps
  // FLOWX_LAUNCHER_HOME redirects the data of development builds only: an installed app keeps
  // its own data whatever the environment says (the variable is for the CLI and tests), and logs
  // that it was ignored. The lock lives in userData, so the override is set before taking it.
  const dataEnv = app.isPackaged ? {} : env
  const home = homeOverride(dataEnv)
  if (home) app.setPath('userData', home)
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return undefined
  }
  app.enableSandbox()
  registerAppScheme(deps.protocol)

  const devUrl = app.isPackaged ? undefined : env.ELECTRON_RENDERER_URL
  const entry = resolveAppEntry(devUrl)
  // Filled in once the window exists; a second instance before that has nothing to focus.
  const opened: { window?: WindowPort } = {}
  app.on('second-instance', () => {
    if (opened.window && !opened.window.isDestroyed()) focusWindow(opened.window)
  })
  app.on('window-all-closed', () => app.quit())
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, entry, deps.openExternal)
  )

  await app.whenReady()
  denyAllPermissions(deps.session.defaultSession)
  const paths = buildPaths(deps.mainDir)
  if (!devUrl) handleAppProtocol(deps.protocol, paths.renderer)

  const dataDir = resolveDataDir(dataEnv, app.getPath('userData'))
  const redactor = new Redactor()
  const logger = deps.createLogger(logFile(dataDir), redactor)
  if (app.isPackaged && homeOverride(env)) {
    logger.warn('FLOWX_LAUNCHER_HOME is ignored by the installed app; it applies to the CLI', {
      dataDir
    })
  }
  const devTools = devToolsAllowed(app.isPackaged, env)
  deps.setApplicationMenu?.(
    menuTemplate({
      platform: deps.platform ?? process.platform,
      devTools,
      openLogsFolder: () => {
        openLogsFolder(deps, dataDir).catch((error: unknown) =>
          logger.error('Open logs folder failed', { error: serializeError(error) })
        )
      }
    })
  )
  let core: Pick<Core, 'handlers' | 'close' | 'subscribe'>
  try {
    core = await deps.createCore({
      dataDir,
      storeBackend: deps.storeBackend,
      cipher: deps.cipher,
      logger,
      redactor,
      version: app.getVersion(),
      copyText: deps.copyText,
      openExternal: deps.openExternal,
      ...(deps.openPath ? { openLogsFolder: () => openLogsFolder(deps, dataDir) } : {}),
      files: deps.files,
      ...(deps.proxyResolver ? { proxyResolver: deps.proxyResolver } : {})
    })
  } catch (error) {
    logger.error('Startup failed', { error: serializeError(error) })
    deps.showFatalError(
      'FlowX Launcher could not start',
      `The app could not open its data in ${dataDir}. Details are in ${logFile(dataDir)}.`
    )
    app.exit(1)
    return undefined
  }

  const current = deps.createWindow({
    preloadPath: paths.preload,
    entry,
    openExternal: deps.openExternal,
    devTools
  })
  opened.window = current
  // Scoped to this window's webContents: no other webContents can even reach these handlers.
  registerHandlers(
    current.webContents.ipc,
    core.handlers,
    createSenderCheck(() => (current.isDestroyed() ? undefined : current.webContents), entry),
    logger,
    { redactor }
  )
  // Push events (batch progress) go to this window only, while it shows the app.
  forwardSubscriptions(
    core.subscribe,
    () => (current.isDestroyed() ? undefined : current.webContents),
    (contents) => isAppEntryUrl(contents.getURL(), entry)
  )
  closeCoreOnQuit(app, core, logger)
  logger.info('FlowX Launcher started', { version: app.getVersion(), dev: Boolean(devUrl) })
  await current.loadURL(entry.url)
  return { window: current, core, entry }
}

/** Refuse every permission request and check (security.md WIN-4); Electron grants by default. */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}

/** Hold the quit until core has closed its stores and ledger, then quit for real. */
function closeCoreOnQuit(app: AppPort, core: Pick<Core, 'close'>, logger: Logger): void {
  let state: 'open' | 'closing' | 'closed' = 'open'
  app.on('before-quit', (event) => {
    if (state === 'closed') return
    event.preventDefault()
    if (state === 'closing') return
    state = 'closing'
    core
      .close()
      .catch((error: unknown) => logger.error('Closing failed', { error: serializeError(error) }))
      .finally(() => {
        state = 'closed'
        app.quit()
      })
  })
}

/** The logs folder (logs/ in the data directory) in the system file manager. */
async function openLogsFolder(deps: ShellDeps, dataDir: string): Promise<void> {
  const folder = dirname(logFile(dataDir))
  const problem = (await deps.openPath?.(folder)) ?? ''
  if (problem)
    throw new AppFailure('INTERNAL', `The logs folder ${folder} could not be opened: ${problem}`)
}
