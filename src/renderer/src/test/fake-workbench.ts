/**
 * Fake workbench channels (library, templates, cURL, replay) for renderer tests, spread into the
 * fake bridge of fake-flowx.ts. Each is a vi.fn returning a plausible Result.
 */
import type { LaunchRecord } from '@shared/domain'
import type { Result } from '@shared/errors'
import type {
  CurlCommand,
  CurlMode,
  LibraryDeletion,
  LibraryEntry,
  LibraryListing,
  ParsedCurl,
  ReplayMode,
  ReplayPlan,
  SavedLaunch,
  SavedLaunchDocument,
  TemplatePreview
} from '@shared/workbench'
import { vi } from 'vitest'

import { ok } from './fake-result'

export function makeSavedLaunch(overrides: Partial<SavedLaunch> = {}): SavedLaunch {
  return {
    name: 'New customer',
    description: 'Onboards a customer',
    tags: ['onboarding'],
    target: {
      mode: 'workspace',
      workspaceId: '{{workspaceId}}',
      appId: '{{appId}}',
      buildId: '',
      processName: 'customer_onboarding'
    },
    payload: '{\n  "customerId": "{{customerId}}"\n}',
    variables: { customerId: 'c-1' },
    ticket: '',
    notes: '',
    ...overrides
  }
}

export function makeLibraryEntry(overrides: Partial<LibraryEntry> = {}): LibraryEntry {
  return {
    id: 'default/new-customer.launch.json',
    folderId: 'default',
    file: 'new-customer.launch.json',
    kind: 'launch',
    revision: 'r1',
    updatedAt: '2026-11-23T10:00:00.000Z',
    status: 'ok',
    name: 'New customer',
    description: 'Onboards a customer',
    tags: ['onboarding'],
    mode: 'workspace',
    processName: 'customer_onboarding',
    ...overrides
  }
}

export function makeSavedDocument(
  entry: Partial<LibraryEntry> = {},
  launch: Partial<SavedLaunch> = {}
): SavedLaunchDocument {
  const saved = makeSavedLaunch(launch)
  return { entry: makeLibraryEntry({ name: saved.name, ...entry }), launch: saved }
}

export function makeListing(entries: LibraryEntry[] = [makeLibraryEntry()]): LibraryListing {
  return {
    folders: [{ id: 'default', path: '/home/me/.flowx/library', isDefault: true }],
    entries
  }
}

export function makeReplayPlan(overrides: Partial<ReplayPlan> = {}): ReplayPlan {
  const url =
    'https://admin.staging.example.com/rtm/api/runtime/wks/wks-1/app/app-1/process-name/loan%20request/start'
  return {
    mode: 'fresh',
    sourceId: 'rec1',
    before: { profileId: 'p1', profileName: 'Staging', url, payload: '{"id":"a"}' },
    after: {
      profileId: 'p1',
      profileName: 'Staging',
      protected: false,
      url,
      target: {
        mode: 'workspace',
        workspaceId: 'wks-1',
        appId: 'app-1',
        buildId: '',
        processName: 'loan request'
      },
      payload: '{"id":"b"}'
    },
    remapped: [],
    changedVariables: [{ name: '$uuid', before: 'a', after: 'b' }],
    urlChanged: false,
    payloadChanged: true,
    ...overrides
  }
}

/** `history:replay-plan` and `history:replay`, spread into the fake's history block. */
export function replayFakes(record: () => LaunchRecord) {
  return {
    replayPlan: vi.fn(
      async (input: {
        id: string
        mode: ReplayMode
        profileId?: string
      }): Promise<Result<ReplayPlan>> =>
        ok(makeReplayPlan({ mode: input.mode, sourceId: input.id }))
    ),
    replay: vi.fn(
      async (_input: {
        id: string
        mode: ReplayMode
        requestId: string
      }): Promise<Result<LaunchRecord>> => ok(record())
    )
  }
}

/** The library, templates and curl domains of the bridge. */
export function workbenchFakes() {
  return {
    library: {
      list: vi.fn(async (): Promise<Result<LibraryListing>> => ok(makeListing())),
      get: vi.fn(async (input: { id: string }): Promise<Result<SavedLaunchDocument>> =>
        ok(makeSavedDocument({ id: input.id }))
      ),
      save: vi.fn(
        async (input: { id?: string; launch: SavedLaunch }): Promise<Result<SavedLaunchDocument>> =>
          ok({
            entry: makeLibraryEntry({
              id: input.id ?? 'default/saved.launch.json',
              name: input.launch.name,
              revision: 'r2'
            }),
            launch: input.launch
          })
      ),
      rename: vi.fn(
        async (input: { id: string; name: string }): Promise<Result<SavedLaunchDocument>> =>
          ok(makeSavedDocument({ id: input.id, revision: 'r2' }, { name: input.name }))
      ),
      duplicate: vi.fn(async (_input: { id: string }): Promise<Result<SavedLaunchDocument>> =>
        ok(
          makeSavedDocument(
            { id: 'default/new-customer-copy.launch.json' },
            { name: 'New customer (copy)' }
          )
        )
      ),
      delete: vi.fn(async (_input: { id: string }): Promise<Result<LibraryDeletion>> =>
        ok({ undoToken: 'undo-1', name: 'New customer' })
      ),
      restore: vi.fn(async (_input: { undoToken: string }): Promise<Result<SavedLaunchDocument>> =>
        ok(makeSavedDocument())
      ),
      addFolder: vi.fn(async (): Promise<Result<LibraryListing>> => ok(makeListing())),
      removeFolder: vi.fn(async (_input: { folderId: string }): Promise<Result<LibraryListing>> =>
        ok(makeListing())
      )
    },
    templates: {
      preview: vi.fn(
        async (input: { profileId: string; payload: string }): Promise<Result<TemplatePreview>> =>
          ok({
            profileId: input.profileId,
            url: 'https://admin.staging.example.com/rtm/api/runtime/wks/wks-1/app/app-1/process-name/p/start',
            target: {
              mode: 'workspace',
              workspaceId: 'wks-1',
              appId: 'app-1',
              buildId: '',
              processName: 'p'
            },
            payload: input.payload,
            variables: [],
            prompts: []
          })
      )
    },
    curl: {
      fromLaunch: vi.fn(
        async (input: { id: string; mode: CurlMode }): Promise<Result<CurlCommand>> =>
          ok({
            mode: input.mode,
            command: `curl -X POST 'https://x' # ${input.mode}`,
            copied: input.mode === 'resolved'
          })
      ),
      fromForm: vi.fn(async (input: { mode: CurlMode }): Promise<Result<CurlCommand>> =>
        ok({
          mode: input.mode,
          command: `curl -X POST 'https://x' # ${input.mode}`,
          copied: input.mode === 'resolved'
        })
      ),
      parse: vi.fn(async (_input: { text: string }): Promise<Result<ParsedCurl>> =>
        ok({
          mode: 'workspace',
          workspaceId: 'wks-9',
          appId: 'app-9',
          buildId: '',
          processName: 'pasted_process',
          platform: 'web',
          payload: '{\n  "a": 1\n}',
          notes: []
        })
      )
    }
  }
}
