/** Domain types shared by core, main, CLI and renderer. Plain data only: everything here crosses IPC. */
import type { AppError } from './errors'
import type { ProfileColor, ProfileView, TlsVerification } from './profile-types'

export * from './profile-types'

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

/** The build settings part of FlowX's BuildInfoDTO (flowx-api.md §d.3); servers may add fields. */
export interface BuildSettingsInfo {
  applicationVersionId?: string
  platforms?: string
  themeId?: string
  defaultLanguageCode?: string
  dateDisplayFormat?: { format?: string }
  numberDisplayFormat?: { minDecimals?: number; maxDecimals?: number }
  currencyDisplayFormat?: { format?: string }
}

/** FlowX's BuildInfoDTO as read: every field optional, unknown values shown as they arrive. */
export interface BuildInfo {
  workspaceId?: string
  applicationId?: string
  buildId?: string
  /** COMMITTED / WORK_IN_PROGRESS when the server says (not every version does). */
  status?: string
  buildSettings?: BuildSettingsInfo
}

/** One build-info answer: the fields read, the JSON exactly as FlowX returned it, and how. */
export interface BuildInfoResult {
  info: BuildInfo
  /** The response body as FlowX returned it (for `--json` and a details view). */
  raw: Record<string, unknown>
  /** Which endpoint answered: 5.x by workspace, 4.x by app only, or by process instance. */
  via: 'workspace' | 'app' | 'instance'
  /** The encoded path after the base URL. */
  path: string
  fetchedAt: string
  /** Served from the short cache (seconds old) rather than asked again. */
  cached: boolean
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

/**
 * Where a launch came from and what it was for. Every field is optional: a plain launch from the
 * form has none of them. Never a secret, never a token.
 */
export interface LaunchContext {
  /** The payload as written, with its {{variables}}, when variables were resolved into it. */
  template?: string
  /** The resolved value of every variable the target and payload used, by name. */
  variables?: Record<string, string>
  /** Name of the saved launch it was run from. */
  savedLaunch?: string
  /** Ticket reference (support) and a free note; searchable and filterable. */
  ticket?: string
  note?: string
  /** Batch run it belongs to, and its 1-based row number in the rows file. */
  batchId?: string
  batchRow?: number
  /** The ledger id of the launch this one replays. */
  replayOf?: string
  /** The operating-system user who launched it (for reports). */
  launchedBy?: string
}

/** One ledger entry: a launch and its outcome. Never carries the bearer token. */
export interface LaunchRecord extends LaunchContext {
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
  /** How the server certificate was checked ('off': the profile allows untrusted certificates). */
  tlsVerification: TlsVerification
  httpStatus?: number
  durationMs?: number
  instance?: ProcessInstance
  error?: AppError
  /** The first attempt got a 401, the token was renewed and the start sent once more. */
  retriedAfter401?: boolean
}

/** A launch ready to be written to the ledger as pending. */
export type NewLaunch = Omit<
  LaunchRecord,
  | 'id'
  | 'status'
  | 'finishedAt'
  | 'httpStatus'
  | 'durationMs'
  | 'instance'
  | 'error'
  | 'retriedAfter401'
> & { id?: string }

/** The outcome written when a launch completes. */
export interface LaunchCompletion {
  status: Exclude<LaunchStatus, 'pending'>
  httpStatus?: number
  durationMs: number
  instance?: ProcessInstance
  error?: AppError
  retriedAfter401?: boolean
}

/** How a batch run stands. */
export type BatchStatus = 'running' | 'paused' | 'done' | 'stopped' | 'cancelled' | 'interrupted'

/** The counts of a batch run's rows. */
export interface BatchCounts {
  total: number
  started: number
  failed: number
  unknown: number
  skipped: number
  notSent: number
}

/** A batch run's summary as the ledger keeps it (its rows are launch records with its id). */
export interface BatchRecord extends BatchCounts {
  id: string
  createdAt: string
  finishedAt?: string
  launchedBy?: string
  profileId: string
  profileName: string
  savedLaunch?: string
  /** The rows file's name (no directory). */
  rowsFile?: string
  status: BatchStatus
}

/** A batch run about to start. */
export type NewBatch = Omit<BatchRecord, 'id' | 'createdAt' | 'finishedAt' | keyof BatchCounts> &
  Partial<BatchCounts> & { id?: string; createdAt?: string }

/** A change to a batch run: new counts and/or status. */
export type BatchUpdate = Partial<BatchCounts> & { status?: BatchStatus; finishedAt?: string }

/** Where a history export went (no path: the user cancelled the save dialog). */
export interface HistoryExport {
  path?: string
  count: number
}

/** A filtered, paged look at the ledger. */
export interface HistoryQuery {
  profileId?: string
  processName?: string
  status?: LaunchStatus
  /** ISO timestamps, inclusive from, exclusive to. */
  from?: string
  to?: string
  /** Instance uuid, token id, or words to find in process name / ids / payload values. */
  text?: string
  /** Only launches carrying this ticket reference. */
  ticket?: string
  /** Only the rows of this batch run. */
  batchId?: string
  /** Opaque cursor from the previous page. */
  cursor?: string
  limit?: number
}

/** A compact row for lists; fetch the whole record with history:get. */
export type LaunchSummary = Omit<
  LaunchRecord,
  'payload' | 'instance' | 'template' | 'variables'
> & {
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

/** How secrets can be kept on this computer (security.md SEC-2). */
export interface SecretStorageState {
  /** 'available': OS keychain; 'weak': Linux basic_text (hard-coded key); 'unavailable': none. */
  cipher: 'available' | 'weak' | 'unavailable'
  /** The user chose to store secrets with weak protection anyway (only meaningful when weak). */
  weakOptIn: boolean
}

export type ThemeSetting = 'system' | 'light' | 'dark'

/** History retention (security.md STO-6): keep everything unless the user chooses a limit. */
export type RetentionSetting =
  { mode: 'forever' } | { mode: 'days'; days: number } | { mode: 'count'; launches: number }

/** The settings screen's document (kept in the settings store, never a secret). */
export interface AppSettings {
  theme: ThemeSetting
  /** Text size in percent, 90–200. */
  textSize: number
  retention: RetentionSetting
  /** Default concurrency of batch runs, 1–64. */
  batchConcurrency: number
  /** Extra library folders (absolute paths) shown beside the default library. */
  libraryFolders: string[]
  /** Demo mode survives a restart only when the user asks. */
  demo: { enabled: boolean; persist: boolean; textScale: 125 | 150 | 200 }
}

/** One step of a playlist: a saved launch run on a chosen profile, with what the presenter says. */
export interface PlaylistStep {
  /** Name of the saved launch in the library. */
  savedLaunch: string
  profileId: string
  title: string
  /** Speaker notes, shown with the step. */
  notes: string
}

/** An ordered list of steps for a demo, stored as `<slug>.playlist.json` in a library folder. */
export interface Playlist {
  name: string
  description: string
  steps: PlaylistStep[]
}

/** A playlist as listed: where it lives and how long it is. */
export interface PlaylistSummary {
  slug: string
  name: string
  /** The library folder (absolute path) holding the file. */
  folder: string
  stepCount: number
  updatedAt: string
  /** Change marker of the file's content: send it back on save to refuse overwriting a change. */
  revision?: string
  /** Set when the file cannot be read as a playlist: what is wrong (the file is left alone). */
  problem?: string
}

/** A stored playlist with where it lives. */
export interface PlaylistEntry extends PlaylistSummary {
  playlist: Playlist
}

export type ReportFormat = 'md' | 'html'

/** A launch report as text, ready to copy or save. */
export interface LaunchReport {
  format: ReportFormat
  text: string
  /** A file name to suggest when saving. */
  fileName: string
  /** How many launches it covers. */
  count: number
}

/** Saved launches, template previews, replays and cURL (src/shared/workbench.ts). */
export type * from './workbench'

/** What the renderer needs at start-up. */
export interface AppState {
  version: string
  activeProfileId?: string
  notices: AppNotice[]
  secretStorage: SecretStorageState
}

/**
 * Everything the first screen needs, in one call (`app:startup`): the same answers as
 * `app:get-state`, `settings:get`, `profiles:list` and `drafts:get` of the profile it opens on.
 */
export interface StartupState {
  state: AppState
  settings: AppSettings
  profiles: ProfileView[]
  /** The launch form draft of the profile the app opens on (the remembered one, else the first). */
  draft: { profileId: string; draft: LaunchDraft | null } | null
}
