/** Domain types shared by core, main, CLI and renderer. Plain data only: everything here crosses IPC. */
import type { AppError } from './errors'

export type StartMode = 'build' | 'workspace'

/** What to start: the ids that go into the start path. */
export type StartTarget =
  | { mode: 'build'; appId: string; buildId: string; processName: string }
  | { mode: 'workspace'; workspaceId: string; appId: string; processName: string }

/** A process token as FlowX returns it in the start response. */
export interface ProcessToken {
  id: string
  state: string
  statusCurrentNode: string
  parentTokenId?: string
}

/** The instance FlowX returned, every field optional because servers differ (flowx-api.md §d.1). */
export interface ProcessInstance {
  uuid?: string
  state?: string
  processInstanceId?: string
  processDefinitionName?: string
  applicationId?: string
  buildId?: string
  buildStatusAtStart?: string
  tokens: ProcessToken[]
}

/** Profile colours the switcher, window frame and history use. */
export const PROFILE_COLORS = [
  'slate',
  'blue',
  'green',
  'teal',
  'amber',
  'orange',
  'red',
  'purple',
  'pink'
] as const
export type ProfileColor = (typeof PROFILE_COLORS)[number]

/** Default ids a profile prefills into the launch forms. */
export interface ProfileDefaults {
  workspaceId: string
  appId: string
  buildId: string
}

/** How the bearer token is held, as the renderer may know it: never the value. */
export interface SecretState {
  set: boolean
  /** 'encrypted' on disk via the OS keychain, 'memory-only' for this session, 'undecryptable' when a stored blob cannot be read. */
  storage: 'encrypted' | 'memory-only' | 'undecryptable' | 'none'
}

/** A profile as the renderer sees it. */
export interface ProfileView {
  id: string
  name: string
  color: ProfileColor
  /** Runtime base, normally ending in /rtm. */
  baseUrl: string
  platform: string
  defaults: ProfileDefaults
  /** The built-in Local sandbox profile: base URL and token are managed by the app. */
  localSandbox: boolean
  /** Production: framed window, typed confirmation before every start, never the startup profile. */
  protected: boolean
  token: SecretState
  createdAt: string
  updatedAt: string
}

/** What the renderer may send to create or edit a profile. */
export interface ProfileInput {
  id?: string
  name: string
  color: ProfileColor
  baseUrl: string
  platform: string
  defaults: ProfileDefaults
  /** Mark as production. New profiles default to false; an edit without it keeps the stored value. */
  protected?: boolean
  /** Write-only: replace or clear the stored bearer token, or leave it as it is. */
  token?: { action: 'keep' } | { action: 'clear' } | { action: 'set'; value: string }
}

/** The launch form as last used with a profile, restored when the user comes back to it. */
export interface LaunchDraft {
  mode: StartMode
  workspaceId: string
  appId: string
  buildId: string
  processName: string
  payload: string
}

export type LaunchStatus = 'pending' | 'started' | 'failed' | 'unknown'

/** One ledger entry: a launch and its outcome. Never carries the bearer token. */
export interface LaunchRecord {
  id: string
  startedAt: string
  finishedAt?: string
  status: LaunchStatus
  profileId: string
  profileName: string
  profileColor: ProfileColor
  mode: StartMode
  workspaceId?: string
  appId: string
  buildId?: string
  processName: string
  /** Base URL the call went to (no credentials). */
  baseUrl: string
  /** The exact, encoded path after the base. */
  path: string
  /** The JSON text that was sent. */
  payload: string
  httpStatus?: number
  durationMs?: number
  instance?: ProcessInstance
  error?: AppError
}

/** A launch ready to be written to the ledger as pending. */
export type NewLaunch = Omit<
  LaunchRecord,
  'id' | 'status' | 'finishedAt' | 'httpStatus' | 'durationMs' | 'instance' | 'error'
> & { id?: string }

/** The outcome written when a launch completes. */
export interface LaunchCompletion {
  status: Exclude<LaunchStatus, 'pending'>
  httpStatus?: number
  durationMs: number
  instance?: ProcessInstance
  error?: AppError
}

/** A filtered, paged look at the ledger. */
export interface HistoryQuery {
  profileId?: string
  processName?: string
  status?: LaunchStatus
  /** ISO timestamps, inclusive from, exclusive to. */
  from?: string
  to?: string
  /** Instance uuid, token id, or words to find in process name / ids. */
  text?: string
  /** Opaque cursor from the previous page. */
  cursor?: string
  limit?: number
}

/** A compact row for lists; fetch the whole record with history:get. */
export type LaunchSummary = Omit<LaunchRecord, 'payload' | 'instance'> & {
  instanceUuid?: string
  instanceState?: string
  tokenCount: number
}

export interface HistoryPage {
  items: LaunchSummary[]
  nextCursor?: string
}

/** Something the user should be told once (a store reset, a weak keychain…). */
export interface AppNotice {
  id: string
  level: 'info' | 'warning' | 'error'
  message: string
}

/** What the renderer needs at start-up. */
export interface AppState {
  version: string
  activeProfileId?: string
  notices: AppNotice[]
}
