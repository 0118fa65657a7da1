/**
 * Composes the core from its host's services and returns the handler map for every contract
 * channel. The Electron shell registers these through its IPC wrapper; the browser test harness
 * binds the very same map.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

import { SANDBOX_IDS, startSandbox } from '../sandbox'
import type { Handlers } from '../shared/contract'
import type { AppNotice } from '../shared/domain'
import { Ledger } from './history'
import { PREFERRED_SANDBOX_PORT, SandboxHost, type StartSandbox } from './launches/sandbox-host'
import { LaunchService, type LaunchTimeouts } from './launches/launch-service'
import type { Redactor } from './logging/redact'
import type { Logger, SecretCipher, StoreBackend } from './ports'
import { ProfileService } from './profiles/profile-service'
import {
  EMPTY_PROFILES,
  EMPTY_SETTINGS,
  ProfilesDocSchema,
  SettingsDocSchema
} from './profiles/profile-store'
import { EMPTY_SECRETS, SecretsDocSchema, SecretVault } from './secrets/secret-vault'
import { openStore } from './stores/open-store'
import { createHandlers } from './handlers'

export interface CoreDeps {
  /** Absolute data directory (userData in the app, --data-dir in the CLI). */
  dataDir: string
  storeBackend: StoreBackend
  cipher: SecretCipher
  logger: Logger
  redactor: Redactor
  version: string
  copyText: (text: string) => void
  /** How the Local sandbox starts; tests pass port 0. Defaults to the built-in server. */
  startSandbox?: StartSandbox
  sandboxPort?: number
  timeouts?: LaunchTimeouts
}

export interface Core {
  handlers: Handlers
  profiles: ProfileService
  launches: LaunchService
  ledger: Ledger
  close(): Promise<void>
}

/** Open every store and service the app needs. */
export async function createCore(deps: CoreDeps): Promise<Core> {
  const { dataDir, storeBackend: backend, logger } = deps
  mkdirSync(dataDir, { recursive: true })
  const notices: AppNotice[] = []
  const notify = (notice: AppNotice): void => {
    notices.push(notice)
    logger.warn(notice.message)
  }

  const profilesStore = openStore({
    backend,
    cwd: dataDir,
    name: 'profiles',
    schema: ProfilesDocSchema,
    defaults: EMPTY_PROFILES,
    notify
  })
  const settingsStore = openStore({
    backend,
    cwd: dataDir,
    name: 'settings',
    schema: SettingsDocSchema,
    defaults: EMPTY_SETTINGS,
    notify
  })
  const secretsStore = openStore({
    backend,
    cwd: dataDir,
    name: 'secrets',
    schema: SecretsDocSchema,
    defaults: EMPTY_SECRETS,
    fileMode: 0o600,
    notify
  })

  const vault = new SecretVault(secretsStore, deps.cipher, deps.redactor)
  const availability = await vault.init()
  if (availability !== 'available') {
    notify({
      id: 'secrets-memory-only',
      level: 'warning',
      message:
        availability === 'weak'
          ? 'This system has no keyring to encrypt tokens, so tokens you paste are kept only until the app closes. Install and unlock a keyring (e.g. GNOME Keyring or KWallet) to keep them.'
          : 'Token encryption is not available here, so tokens you paste are kept only until the app closes.'
    })
  }

  const profiles = new ProfileService(profilesStore, vault)
  const sandbox = new SandboxHost(deps.startSandbox ?? startSandbox, deps.sandboxPort)
  profiles.ensureSandboxProfile(
    {
      workspaceId: SANDBOX_IDS.workspaceId,
      appId: SANDBOX_IDS.appId,
      buildId: SANDBOX_IDS.committedBuildId
    },
    `http://127.0.0.1:${deps.sandboxPort ?? PREFERRED_SANDBOX_PORT}/rtm`
  )

  const ledger = Ledger.open(join(dataDir, 'history.db'))
  const launches = new LaunchService({
    ledger,
    logger,
    profiles,
    vault,
    sandbox,
    timeouts: deps.timeouts
  })

  const handlers = createHandlers({
    version: deps.version,
    notices,
    profiles,
    settings: settingsStore,
    launches,
    ledger,
    sandbox,
    copyText: deps.copyText
  })

  return {
    handlers,
    profiles,
    launches,
    ledger,
    async close() {
      launches.cancelAll()
      await sandbox.close()
      ledger.close()
    }
  }
}
