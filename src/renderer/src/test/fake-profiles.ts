/**
 * Profile fixtures (`makeProfile`, `makeSecrets`) and the profiles, auth and drafts channels of
 * the fake bridge: one profile, no drafts.
 */
import type {
  HealthReport,
  LaunchDraft,
  ProfileExport,
  ProfileImport,
  ProfileInput,
  ProfileView,
  SecretName,
  SecretState,
  TokenStatus
} from '@shared/domain'
import type { Result } from '@shared/errors'
import { vi } from 'vitest'

import { ok } from './fake-result'

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

/** The profiles, auth and drafts domains of the bridge. */
export function profileFakes() {
  const profiles = [makeProfile()]
  return {
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
    }
  }
}
