/**
 * Composes the core from its host's services and returns the handler map for every contract
 * channel. The Electron shell registers these through its IPC wrapper; the browser test harness
 * binds the very same map.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'

import { SANDBOX_IDS, startSandbox } from '../sandbox'
import type { Handlers } from '../shared/contract'
import type { AppNotice } from '../shared/domain'
import { TokenManager } from './auth/token-manager'
import { openLedger, openLedgerWorker, type Ledger } from './history'
import type { LedgerWorkerOptions } from './history/worker-client'
import { Connections } from './launches/connections'
import { PREFERRED_SANDBOX_PORT, SandboxHost, type StartSandbox } from './launches/sandbox-host'
import { LaunchService, type LaunchTimeouts } from './launches/launch-service'
import type { Redactor } from './logging/redact'
import type { FileDialogs, Logger, ProxyResolver, SecretCipher, StoreBackend } from './ports'
import { ProfileService } from './profiles/profile-service'
import {
  EMPTY_PROFILES,
  EMPTY_SETTINGS,
  PROFILE_MIGRATIONS,
  ProfilesDocSchema,
  SETTINGS_MIGRATIONS,
  SettingsDocSchema
} from './profiles/profile-store'
import { EMPTY_SECRETS, SecretsDocSchema, SecretVault } from './secrets/secret-vault'
import { prepareDataDir, type StoreAccess } from './stores/data-dir'
import { openStore } from './stores/open-store'
import { createHandlers } from './handlers'
import { BuildInfoClient } from './build-info/build-info'
import { PlaylistStore } from './playlists/playlist-store'
import { ReportService } from './reports/report-service'
import { createSupportHandlers } from './support-handlers'
import { BatchService } from './batch/batch-service'
import { batchHandlers } from './batch/handlers'
import { userName } from './batch/user'
import { Library } from './library/library'
import { createWorkbenchHandlers } from './workbench/handlers'
import { TokenHandles } from './workbench/token-handles'
import type { Subscription, PayloadOf } from '../shared/contract'

export interface CoreDeps {
  /** Run the ledger in a worker thread from this script (the app does by default). */
  ledgerWorker?: LedgerWorkerOptions
  /** Absolute data directory (userData in the app, --data-dir in the CLI). */
  dataDir: string
  storeBackend: StoreBackend
  cipher: SecretCipher
  logger: Logger
  redactor: Redactor
  version: string
  copyText: (text: string) => void
  /** Show the logs folder in the file manager (the app only). */
  openLogsFolder?: () => Promise<void>
  /** Save and open dialogs for profile export and import. */
  files: FileDialogs
  /** Opens a link in the user's browser ("Open in Designer"); refused when absent. */
  openExternal?: (url: string) => Promise<void>
  /** The OS proxy settings (profiles on the system proxy); DIRECT when absent. */
  proxyResolver?: ProxyResolver
  /** The local clock for token expiry; tests pass their own. */
  now?: () => number
  /** How the Local sandbox starts; tests pass port 0. Defaults to the built-in server. */
  startSandbox?: StartSandbox
  sandboxPort?: number
  timeouts?: LaunchTimeouts
  /** 'read' for a command that only looks (CLI `history`, `profiles list`): no store is written. */
  access?: StoreAccess
}

export interface Core {
  handlers: Handlers
  profiles: ProfileService
  launches: LaunchService
  connections: Connections
  tokens: TokenManager
  ledger: Ledger
  batches: BatchService
  /** Saved launches in the library folders. */
  library: Library
  /** Push events for the renderer (contract subscriptions); returns the unsubscribe. */
  subscribe<S extends Subscription>(name: S, listener: (payload: PayloadOf<S>) => void): () => void
  /** What the user must be told about the data directory (set-aside, newer or read-only files). */
  notices: readonly AppNotice[]
  close(): Promise<void>
}

/** Where each contract subscription's events come from. */
type PushSources = {
  [S in Subscription]: (listener: (payload: PayloadOf<S>) => void) => () => void
}

/**
 * The ledger: in a worker thread in the app (SQLite never runs on the Electron main thread; the
 * bundle has it as ledger-worker.js beside index.js), in process elsewhere (CLI, tests).
 */
function openAppLedger(
  file: string,
  worker: LedgerWorkerOptions | undefined,
  readOnly: boolean
): Promise<Ledger> {
  const options =
    worker ?? (process.versions.electron ? { entry: ledgerWorkerScript() } : undefined)
  return options ? openLedgerWorker(file, { ...options, readOnly }) : openLedger(file, { readOnly })
}

/** out/main/ledger-worker.js, whether this code runs from index.js or a shared chunk below it. */
function ledgerWorkerScript(): string {
  const beside = join(__dirname, 'ledger-worker.js')
  return existsSync(beside) ? beside : join(__dirname, '..', 'ledger-worker.js')
}

/** Open every store and service the app needs. */
export async function createCore(deps: CoreDeps): Promise<Core> {
  const { dataDir, storeBackend: backend, logger } = deps
  const dir = prepareDataDir(dataDir, deps.access)
  const notices: AppNotice[] = []
  const notify = (notice: AppNotice): void => {
    notices.push(notice)
    logger.warn(notice.message)
  }
  if (dir.readOnly) {
    notify({
      id: 'data-dir-read-only',
      level: 'warning',
      message: `The data directory cannot be written: ${dir.readOnly}. Everything can be read; nothing can be saved or launched until it is writable.`
    })
  }
  const storeAccess = { access: deps.access, readOnly: dir.readOnly }

  const profilesStore = openStore({
    backend,
    cwd: dataDir,
    name: 'profiles',
    schema: ProfilesDocSchema,
    defaults: EMPTY_PROFILES,
    migrations: PROFILE_MIGRATIONS,
    notify,
    ...storeAccess
  })
  const settingsStore = openStore({
    backend,
    cwd: dataDir,
    name: 'settings',
    schema: SettingsDocSchema,
    defaults: EMPTY_SETTINGS,
    migrations: SETTINGS_MIGRATIONS,
    notify,
    ...storeAccess
  })
  const secretsStore = openStore({
    backend,
    cwd: dataDir,
    name: 'secrets',
    schema: SecretsDocSchema,
    defaults: EMPTY_SECRETS,
    fileMode: 0o600,
    notify,
    ...storeAccess
  })

  const vault = new SecretVault(secretsStore, deps.cipher, deps.redactor)
  const availability = await vault.init({ weakOptIn: settingsStore.read().weakSecretStorage })
  await vault.probe()
  if (availability !== 'available') {
    // The renderer explains it in a banner (AppState.secretStorage); the log keeps a line.
    logger.warn('secrets are not protected by an OS keychain', { availability })
  }

  const profiles = new ProfileService(profilesStore, vault)
  const sandbox = new SandboxHost(deps.startSandbox ?? startSandbox, deps.sandboxPort)
  // A read-only profiles file (newer version, read-only folder) is shown as it is.
  if (!profilesStore.readOnly) {
    profiles.ensureSandboxProfile(
      {
        workspaceId: SANDBOX_IDS.workspaceId,
        appId: SANDBOX_IDS.appId,
        buildId: SANDBOX_IDS.committedBuildId
      },
      `http://127.0.0.1:${deps.sandboxPort ?? PREFERRED_SANDBOX_PORT}/rtm`
    )
  }

  // Read-only commands and a data directory that cannot be written open the history for reading.
  const ledger = await openAppLedger(
    join(dataDir, 'history.db'),
    deps.ledgerWorker,
    deps.access === 'read' || Boolean(dir.readOnly)
  )
  ledger.report.messages.forEach((message, at) =>
    notify({ id: `history-${at + 1}`, level: 'warning', message })
  )
  // Retention runs in the ledger's own thread (in the app) and never delays the start.
  if (!ledger.readOnly) {
    void ledger.setRetention(settingsStore.read().app.retention).catch((error: unknown) => {
      logger.warn('history retention did not run', { error: String(error) })
    })
  }
  const tokens = new TokenManager({
    redactor: deps.redactor,
    logger,
    ...(deps.now ? { now: deps.now } : {})
  })
  const connections = new Connections({
    profiles,
    vault,
    tokens,
    sandbox,
    ...(deps.proxyResolver ? { proxyResolver: deps.proxyResolver } : {})
  })
  const launches = new LaunchService({
    ledger,
    logger,
    tokens,
    profiles,
    connections,
    timeouts: deps.timeouts
  })

  const support = createSupportHandlers({
    profiles,
    vault,
    connections,
    redactor: deps.redactor,
    logger,
    sandbox,
    ...(deps.proxyResolver ? { proxyResolver: deps.proxyResolver } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    buildInfo: new BuildInfoClient({ tokens, ...(deps.now ? { now: deps.now } : {}) }),
    reports: new ReportService({
      ledger,
      redact: (text) => deps.redactor.redactText(text),
      version: deps.version
    }),
    // The library's folders: the default one in the data directory, then the user's.
    playlists: new PlaylistStore(
      () => [join(dataDir, 'library'), ...settingsStore.read().app.libraryFolders],
      join(dataDir, 'playlists-trash')
    ),
    files: deps.files,
    ...(deps.openExternal ? { openExternal: deps.openExternal } : {})
  })

  const batches = new BatchService({ ledger, launches, launchedBy: userName() })
  const pushes: PushSources = { 'batch:progress': (listener) => batches.onProgress(listener) }

  const library = new Library({
    defaultDir: join(dataDir, 'library'),
    trashDir: join(dataDir, 'library-trash'),
    folders: {
      read: () => settingsStore.read().app.libraryFolders,
      write: (libraryFolders) =>
        settingsStore.update((doc) => ({ ...doc, app: { ...doc.app, libraryFolders } }))
    }
  })
  const workbench = createWorkbenchHandlers({
    profiles,
    library,
    launches,
    ledger,
    connections,
    tokens,
    handles: new TokenHandles(),
    files: deps.files,
    copyText: deps.copyText,
    launchedBy: userName()
  })

  const handlers = createHandlers({
    batch: batchHandlers({
      batches,
      profiles,
      launches,
      files: deps.files,
      savedLaunch: async (id) => (await library.get(id)).launch
    }),
    workbench,
    version: deps.version,
    notices,
    profiles,
    settings: settingsStore,
    vault,
    launches,
    connections,
    tokens,
    ledger,
    sandbox,
    support,
    files: deps.files,
    copyText: deps.copyText,
    ...(deps.openLogsFolder ? { openLogsFolder: deps.openLogsFolder } : {})
  })

  return {
    handlers,
    profiles,
    launches,
    connections,
    tokens,
    ledger,
    batches,
    library,
    subscribe: (name, listener) => pushes[name](listener),
    notices,
    async close() {
      batches.cancelAll()
      launches.cancelAll()
      await sandbox.close()
      await ledger.close()
    }
  }
}
