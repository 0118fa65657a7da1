/**
 * What the ledger keeps and how it is read: launch records and their outcome, batch run records,
 * history queries, pages and exports, and launch reports. Plain data only: everything here crosses
 * IPC; never a bearer token. `domain.ts` re-exports them.
 */
import type { StartMode, ProcessInstance } from './domain-start'
import type { AppError } from './errors'
import type { ProfileColor, TlsVerification } from './profile-types'

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
  /** The outcome its batch row expected (`started`, `400`, `4xx | 5xx`…), when the rows file said. */
  expected?: string
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
