/**
 * What `start --base-url` needs of core, and nothing more: the data directory, the settings (for
 * the history's retention rule), the history and the launch service. A one-shot start with a URL
 * and a token from the environment never uses the profiles, the secrets, the library or the app's
 * handlers, so it does not open (or load the code of) what createCore builds for them; the history,
 * its retention and the launch itself behave exactly as through createCore.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'

import type { z } from 'zod'

import { TokenManager } from '../core/auth/token-manager'
import { openLedger } from '../core/history/client'
import { LaunchService, type LaunchTimeouts } from '../core/launches/launch-service'
import type { Redactor } from '../core/logging/redact'
import { silentLogger, type StoreBackend } from '../core/ports'
import { DEFAULT_APP_SETTINGS, SETTINGS_MIGRATIONS } from '../core/profiles/profile-defaults'
import { prepareDataDir, type StoreAccess } from '../core/stores/data-dir'
import { openStore } from '../core/stores/open-store'
import type { AppNotice } from '../shared/domain'
import { AppFailure } from '../shared/errors'

/** The part of core a launch uses; the full Core has it too. */
export interface LaunchCore {
  launches: LaunchService
  tokens: TokenManager
  /** What the user must be told about the data directory, as Core.notices. */
  notices: readonly AppNotice[]
  close(): Promise<void>
}

export interface LaunchCoreDeps {
  dataDir: string
  redactor: Redactor
  timeouts?: LaunchTimeouts
  access?: StoreAccess
}

/**
 * The part of the settings file a launch reads: its version and the history's retention rule,
 * checked as the app checks them (profile-store.ts), the rest of the document kept as it is. The
 * app's whole schema (drafts, every setting) would be a hundred zod schemas built on every start
 * for one field; the app and every other command still judge the whole file when they open it.
 * Built, with the launch schemas it uses, only when there is a settings file to judge (a CLI used
 * without the app has none).
 */
async function startSettingsSchema() {
  const [{ z }, { RetentionSchema }] = await Promise.all([
    import('zod'),
    import('../shared/launch-schemas')
  ])
  return z.looseObject({
    version: z.literal(2),
    app: z
      .looseObject({ retention: RetentionSchema.default(DEFAULT_APP_SETTINGS.retention) })
      .default({ retention: DEFAULT_APP_SETTINGS.retention })
  })
}
type StartSettings = z.output<Awaited<ReturnType<typeof startSettingsSchema>>>
const NO_SETTINGS: StartSettings = {
  version: 2,
  app: { retention: DEFAULT_APP_SETTINGS.retention }
}

/** The settings are only read here; a save would be a mistake in this code, said as such. */
const readOnlyBackend: StoreBackend = () => {
  throw new AppFailure('INTERNAL', 'The settings are not saved by this command.')
}

/** Open the data directory, settings and history as createCore does, and a launch service. */
export async function openLaunchCore(deps: LaunchCoreDeps): Promise<LaunchCore> {
  const { dataDir } = deps
  const dir = prepareDataDir(dataDir, deps.access)
  const notices: AppNotice[] = []
  const notify = (notice: AppNotice): void => {
    notices.push(notice)
  }
  if (dir.readOnly) {
    notify({
      id: 'data-dir-read-only',
      level: 'warning',
      message: `The data directory cannot be written: ${dir.readOnly}. Everything can be read; nothing can be saved or launched until it is writable.`
    })
  }
  // Opened through the same factory as createCore opens it (a damaged file kept aside, an older
  // one upgraded, a newer one left alone), judged only on what is read here: the retention rule.
  // Without a settings file, its defaults (as the factory would give them).
  const settings: StartSettings = existsSync(join(dataDir, 'settings.json'))
    ? openStore({
        backend: readOnlyBackend,
        cwd: dataDir,
        name: 'settings',
        schema: await startSettingsSchema(),
        defaults: NO_SETTINGS,
        migrations: SETTINGS_MIGRATIONS,
        notify,
        access: deps.access,
        readOnly: dir.readOnly
      }).read()
    : NO_SETTINGS
  const ledger = await openLedger(join(dataDir, 'history.db'), {
    readOnly: deps.access === 'read' || Boolean(dir.readOnly)
  })
  ledger.report.messages.forEach((message, at) =>
    notify({ id: `history-${at + 1}`, level: 'warning', message })
  )
  if (!ledger.readOnly) {
    void ledger.setRetention(settings.app.retention).catch(() => undefined)
  }
  const tokens = new TokenManager({ redactor: deps.redactor, logger: silentLogger })
  const launches = new LaunchService({
    ledger,
    logger: silentLogger,
    tokens,
    timeouts: deps.timeouts
  })
  return {
    launches,
    tokens,
    notices,
    async close() {
      launches.cancelAll()
      await ledger.close()
    }
  }
}
