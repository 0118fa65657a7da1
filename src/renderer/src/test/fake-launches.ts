/**
 * Launch fixtures (records, summaries, build info, playlists) and the launch, history, build,
 * reports and playlists channels of the fake bridge: every start succeeds, history is empty.
 */
import type {
  BuildInfoResult,
  HistoryExport,
  HistoryPage,
  LaunchRecord,
  LaunchReport,
  LaunchSummary,
  PlaylistEntry,
  PlaylistSummary
} from '@shared/domain'
import type { Result } from '@shared/errors'
import { vi } from 'vitest'

import { ok } from './fake-result'
import { replayFakes } from './fake-workbench'

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

/** The launch, history, build, reports and playlists domains of the bridge. */
export function launchFakes() {
  return {
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
    }
  }
}
