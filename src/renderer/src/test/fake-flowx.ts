/**
 * A fake `window.flowx` for renderer tests: every bridge method is a vi.fn returning a plausible
 * Result. It stands in for main; tests assert what the stores and components do with it.
 */
import type { FlowxApi } from '@shared/contract'
import type {
  AppSettings,
  AppState,
  BuildInfoResult,
  HistoryExport,
  HealthReport,
  LaunchReport,
  PlaylistEntry,
  PlaylistSummary,
  HistoryPage,
  LaunchDraft,
  LaunchRecord,
  LaunchSummary,
  ProfileExport,
  ProfileImport,
  ProfileInput,
  ProfileView,
  SecretName,
  SecretState,
  StartupState,
  TokenStatus
} from '@shared/domain'
import type { AppError, Result } from '@shared/errors'
import { vi } from 'vitest'

import { batchFakes } from './fake-batch'
import { replayFakes, workbenchFakes } from './fake-workbench'

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function failed<T = never>(error: AppError): Result<T> {
  return { ok: false, error }
}

const NOT_SET: SecretState = { set: false, storage: 'none' }

/** Secret states: the ones named are set and encrypted, the others not set. */
export function makeSecrets(
  set: SecretName[] = ['token'],
  storage: SecretState['storage'] = 'encrypted'
): Record<SecretName, SecretState> {
  const state = (name: SecretName): SecretState =>
    set.includes(name) ? { set: true, storage } : NOT_SET
  return {
    token: state('token'),
    clientSecret: state('clientSecret'),
    password: state('password'),
    proxyPassword: state('proxyPassword')
  }
}

export function makeProfile(overrides: Partial<ProfileView> = {}): ProfileView {
  return {
    id: 'p1',
    name: 'Staging',
    color: 'amber',
    baseUrl: 'https://admin.staging.example.com/rtm',
    platform: 'web',
    defaults: { workspaceId: 'wks-1', appId: 'app-1', buildId: 'build-1' },
    localSandbox: false,
    protected: false,
    auth: { mode: 'bearer' },
    tls: { customCa: '', allowUntrusted: false },
    proxy: { mode: 'system' },
    secrets: makeSecrets(['token']),
    variables: {},
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    ...overrides
  }
}

export function makeRecord(overrides: Partial<LaunchRecord> = {}): LaunchRecord {
  return {
    id: 'rec1',
    startedAt: '2026-11-23T10:00:00.000Z',
    finishedAt: '2026-11-23T10:00:00.245Z',
    status: 'started',
    profileId: 'p1',
    profileName: 'Staging',
    profileColor: 'amber',
    mode: 'workspace',
    workspaceId: 'wks-1',
    appId: 'app-1',
    processName: 'loan request',
    baseUrl: 'https://admin.staging.example.com/rtm',
    path: '/api/runtime/wks/wks-1/app/app-1/process-name/loan%20request/start',
    payload: '{"amount":25000}',
    tlsVerification: 'on',
    httpStatus: 200,
    durationMs: 245,
    instance: {
      uuid: '3f1c2a9e-1111-4222-8333-944455556666',
      state: 'STARTED',
      processInstanceId: '1042',
      buildId: 'build-1',
      buildStatusAtStart: 'COMMITTED',
      tokens: [{ id: '7', state: 'ACTIVE', statusCurrentNode: 'ARRIVED' }]
    },
    ...overrides
  }
}

export function makeSummary(id: string, overrides: Partial<LaunchSummary> = {}): LaunchSummary {
  const { instance, payload: _payload, ...rest } = makeRecord({ id })
  return {
    ...rest,
    instanceUuid: instance?.uuid,
    instanceState: instance?.state,
    tokenCount: 1,
    ...overrides
  }
}

export function makeBuildInfo(overrides: Partial<BuildInfoResult> = {}): BuildInfoResult {
  return {
    info: {
      workspaceId: 'wks-1',
      applicationId: 'app-1',
      buildId: '8d2f0c4e-5555-4666-8777-988899990000',
      status: 'COMMITTED',
      buildSettings: { applicationVersionId: 'ver-7', defaultLanguageCode: 'en', platforms: 'web' }
    },
    raw: {},
    via: 'workspace',
    path: '/api/runtime/wks/wks-1/app/app-1/build/info',
    fetchedAt: '2026-11-23T10:00:00.000Z',
    cached: false,
    ...overrides
  }
}

export function makePlaylistEntry(overrides: Partial<PlaylistEntry> = {}): PlaylistEntry {
  return {
    slug: 'onboarding-demo',
    name: 'Onboarding demo',
    folder: '/home/me/library',
    stepCount: 2,
    updatedAt: '2026-11-23T10:00:00.000Z',
    playlist: {
      name: 'Onboarding demo',
      description: '',
      steps: [
        { savedLaunch: 'new-customer', profileId: 'p1', title: 'A new customer', notes: 'Say hi.' },
        { savedLaunch: 'loan-request', profileId: 'p1', title: 'The loan', notes: '' }
      ]
    },
    ...overrides
  }
}

/** The settings at their defaults, with `overrides` applied. */
export function makeSettings(overrides: Partial<AppSettings> = {}): AppSettings {
  return {
    theme: 'system',
    textSize: 100,
    retention: { mode: 'forever' },
    batchConcurrency: 4,
    libraryFolders: [],
    demo: { enabled: false, persist: false, textScale: 150 },
    ...overrides
  }
}

/** A fake bridge with sensible defaults: one profile, no drafts, empty history. */
export function createFakeFlowx() {
  const profiles = [makeProfile()]
  const fake = {
    app: {
      // As main answers it: from the fake's own separate calls, so a test's mocks of those apply.
      startup: vi.fn((): Promise<Result<StartupState>> => startupFrom(fake)),
      openLogs: vi.fn(async (): Promise<Result<null>> => ok(null)),
      getState: vi.fn(async (): Promise<Result<AppState>> =>
        ok({
          version: '0.1.0',
          activeProfileId: 'p1',
          notices: [],
          secretStorage: { cipher: 'available', weakOptIn: false }
        })
      ),
      setWeakStorage: vi.fn(async (input: { enabled: boolean }): Promise<Result<AppState>> =>
        ok({
          version: '0.1.0',
          activeProfileId: 'p1',
          notices: [],
          secretStorage: { cipher: 'weak', weakOptIn: input.enabled }
        })
      ),
      dismissNotice: vi.fn(async (_input: { id: string }): Promise<Result<null>> => ok(null)),
      copyText: vi.fn(async (_input: { text: string }): Promise<Result<null>> => ok(null)),
      openExternal: vi.fn(
        async (_input: { profileId: string; url: string }): Promise<Result<null>> => ok(null)
      )
    },
    profiles: {
      restore: vi.fn(async (input: { id: string }): Promise<Result<ProfileView>> =>
        ok(makeProfile({ id: input.id }))
      ),
      list: vi.fn(async (): Promise<Result<ProfileView[]>> => ok(profiles)),
      save: vi.fn(async (input: ProfileInput): Promise<Result<ProfileView>> =>
        ok(
          makeProfile({
            ...input,
            id: input.id ?? 'p-new',
            auth: input.auth ?? { mode: 'bearer' },
            tls: input.tls ?? { customCa: '', allowUntrusted: false },
            proxy: input.proxy ?? { mode: 'system' },
            secrets: makeSecrets([])
          })
        )
      ),
      duplicate: vi.fn(async (input: { id: string }): Promise<Result<ProfileView>> =>
        ok(makeProfile({ id: `${input.id}-copy`, name: 'Staging (copy)' }))
      ),
      remove: vi.fn(async (_input: { id: string }): Promise<Result<null>> => ok(null)),
      setActive: vi.fn(async (_input: { id: string }): Promise<Result<null>> => ok(null)),
      check: vi.fn(async (input: { id: string }): Promise<Result<HealthReport>> =>
        ok({
          profileId: input.id,
          profileName: 'Staging',
          checkedAt: '2026-11-23T10:00:00.000Z',
          items: [{ key: 'base-url', status: 'ok', title: 'Server reachable', detail: 'HTTP 200' }]
        })
      ),
      checkDraft: vi.fn(async (input: ProfileInput): Promise<Result<HealthReport>> =>
        ok({
          profileId: input.id ?? 'draft',
          profileName: input.name,
          checkedAt: '2026-11-23T10:00:00.000Z',
          items: [{ key: 'base-url', status: 'ok', title: 'Server reachable', detail: 'HTTP 200' }]
        })
      ),
      export: vi.fn(async (_input: { ids?: string[] }): Promise<Result<ProfileExport>> =>
        ok({ path: '/home/me/profiles.json', count: 1, secretsRequired: [] })
      ),
      import: vi.fn(async (): Promise<Result<ProfileImport>> =>
        ok({ imported: [], secretsRequired: [] })
      )
    },
    auth: {
      status: vi.fn(async (input: { profileId: string }): Promise<Result<TokenStatus>> =>
        ok({ profileId: input.profileId, state: 'missing', mode: 'bearer' })
      ),
      renew: vi.fn(async (input: { profileId: string }): Promise<Result<TokenStatus>> =>
        ok({ profileId: input.profileId, state: 'missing', mode: 'bearer' })
      )
    },
    drafts: {
      get: vi.fn(async (_input: { profileId: string }): Promise<Result<LaunchDraft | null>> =>
        ok(null)
      ),
      save: vi.fn(
        async (_input: { profileId: string; draft: LaunchDraft }): Promise<Result<null>> => ok(null)
      )
    },
    launch: {
      start: vi.fn(
        async (input: { requestId: string; profileId: string }): Promise<Result<LaunchRecord>> =>
          ok(makeRecord({ profileId: input.profileId }))
      ),
      cancel: vi.fn(
        async (_input: { requestId: string }): Promise<Result<{ cancelled: boolean }>> =>
          ok({ cancelled: true })
      )
    },
    history: {
      search: vi.fn(async (_query: object): Promise<Result<HistoryPage>> => ok({ items: [] })),
      get: vi.fn(async (input: { id: string }): Promise<Result<LaunchRecord>> =>
        ok(makeRecord({ id: input.id }))
      ),
      processNames: vi.fn(async (_input: object): Promise<Result<string[]>> => ok([])),
      delete: vi.fn(async (input: { id: string }): Promise<Result<LaunchRecord>> =>
        ok(makeRecord({ id: input.id }))
      ),
      restore: vi.fn(async (input: { id: string }): Promise<Result<LaunchRecord>> =>
        ok(makeRecord({ id: input.id }))
      ),
      export: vi.fn(async (input: { format: 'csv' | 'json' }): Promise<Result<HistoryExport>> =>
        ok({ path: `/home/me/flowx-history.${input.format}`, count: 1 })
      ),
      ...replayFakes(() => makeRecord())
    },
    settings: {
      get: vi.fn(async (): Promise<Result<AppSettings>> => ok(makeSettings())),
      update: vi.fn(async (patch: Partial<AppSettings>): Promise<Result<AppSettings>> =>
        ok(makeSettings(patch))
      )
    },
    sandbox: {
      ensure: vi.fn(async (): Promise<Result<{ baseUrl: string }>> =>
        ok({ baseUrl: 'http://127.0.0.1:40123/rtm' })
      )
    },
    build: {
      info: vi.fn(async (_input: object): Promise<Result<BuildInfoResult>> => ok(makeBuildInfo())),
      instanceInfo: vi.fn(
        async (_input: { profileId: string; uuid: string }): Promise<Result<BuildInfoResult>> =>
          ok(makeBuildInfo({ via: 'instance' }))
      )
    },
    reports: {
      create: vi.fn(async (input: { format: 'md' | 'html' }): Promise<Result<LaunchReport>> =>
        ok({ format: input.format, text: '# Launch report', fileName: 'report.md', count: 1 })
      ),
      save: vi.fn(async (_input: object): Promise<Result<{ path?: string; count: number }>> =>
        ok({ path: '/home/me/report.html', count: 1 })
      )
    },
    playlists: {
      list: vi.fn(async (): Promise<Result<PlaylistSummary[]>> => ok([])),
      get: vi.fn(async (input: { slug: string }): Promise<Result<PlaylistEntry>> =>
        ok(makePlaylistEntry({ slug: input.slug }))
      ),
      save: vi.fn(
        async (input: { playlist: PlaylistEntry['playlist'] }): Promise<Result<PlaylistEntry>> =>
          ok(makePlaylistEntry({ playlist: input.playlist, name: input.playlist.name }))
      ),
      delete: vi.fn(
        async (input: { slug: string }): Promise<Result<{ undoToken: string; name: string }>> =>
          ok({ undoToken: 'a'.repeat(32), name: input.slug })
      ),
      restore: vi.fn(async (_input: { undoToken: string }): Promise<Result<PlaylistEntry>> =>
        ok(makePlaylistEntry({}))
      )
    },
    batch: batchFakes(),
    ...workbenchFakes()
  } satisfies FlowxApi
  return fake
}

/** `app:startup` composed of `app:get-state`, `settings:get`, `profiles:list` and `drafts:get`. */
async function startupFrom(api: FlowxApi): Promise<Result<StartupState>> {
  const [state, settings, profiles] = await Promise.all([
    api.app.getState(),
    api.settings.get(),
    api.profiles.list()
  ])
  if (!state.ok) return state
  if (!settings.ok) return settings
  if (!profiles.ok) return profiles
  const opensOn =
    profiles.value.find((p) => p.id === state.value.activeProfileId) ?? profiles.value[0]
  let draft: StartupState['draft'] = null
  if (opensOn) {
    const r = await api.drafts.get({ profileId: opensOn.id })
    if (!r.ok) return r
    draft = { profileId: opensOn.id, draft: r.value }
  }
  return ok({ state: state.value, settings: settings.value, profiles: profiles.value, draft })
}

export type FakeFlowx = ReturnType<typeof createFakeFlowx>

/** Install a fresh fake bridge as window.flowx and return it. */
export function installFakeFlowx(): FakeFlowx {
  const fake = createFakeFlowx()
  ;(window as unknown as { flowx: FlowxApi }).flowx = fake
  return fake
}

/** A promise with its resolve handle, for holding a bridge call open. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}
