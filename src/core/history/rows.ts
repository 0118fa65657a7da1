/**
 * Mapping between ledger rows and domain records. Reads are defensive: a cell that does not parse
 * or does not match its shape is left out of the record, it never breaks a list.
 */
import { randomFillSync } from 'node:crypto'
import type { SQLInputValue, SQLOutputValue } from 'node:sqlite'

import {
  PROFILE_COLORS,
  type LaunchContext,
  type LaunchRecord,
  type LaunchStatus,
  type LaunchSummary,
  type NewLaunch,
  type ProcessInstance,
  type ProfileColor,
  type StartMode,
  type TlsVerification
} from '../../shared/domain'
import type { AppError } from '../../shared/errors'
import { sanitizeError, sanitizeInstance } from './sanitize'

/** A row as node:sqlite returns it. */
export type Row = Record<string, SQLOutputValue>

/** Columns of a list row: everything but the payload and the instance body. */
export const SUMMARY_COLUMN_NAMES: readonly string[] = [
  'id',
  'started_at',
  'finished_at',
  'status',
  'profile_id',
  'profile_name',
  'profile_color',
  'mode',
  'workspace_id',
  'app_id',
  'build_id',
  'process_name',
  'base_url',
  'path',
  'http_status',
  'duration_ms',
  'instance_uuid',
  'instance_state',
  'token_count',
  'error_json',
  'tls_verification',
  'retried_after_401',
  'saved_launch',
  'ticket',
  'note',
  'batch_id',
  'batch_row',
  'replay_of',
  'launched_by'
]

/** The summary columns as a select list. */
export const SUMMARY_COLUMNS = SUMMARY_COLUMN_NAMES.join(', ')

/** Columns of a whole record. */
export const RECORD_COLUMNS = `${SUMMARY_COLUMNS}, variables_json, instance_json, template, payload`

/** Random bytes for launch ids, drawn from the system in blocks rather than one call per id. */
const idBytes = Buffer.alloc(4096)
let idOffset = idBytes.length

/** A unique launch id that sorts by time (UUID version 7 layout), so its index grows at one end. */
export function timeOrderedId(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0').slice(-12)
  if (idOffset + 10 > idBytes.length) {
    randomFillSync(idBytes)
    idOffset = 0
  }
  const random = idBytes.toString('hex', idOffset, idOffset + 10)
  idOffset += 10
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(0, 3)}-${((parseInt(random[3], 16) & 0x3) | 0x8).toString(16)}${random.slice(4, 7)}-${random.slice(7, 19)}`
}

/** The record of a launch just begun: the known fields of `launch` only, nothing else it holds. */
export function pendingRecord(launch: NewLaunch, id: string, startedAt: string): LaunchRecord {
  return dropUndefined({
    id,
    startedAt,
    status: 'pending',
    profileId: launch.profileId,
    profileName: launch.profileName,
    profileColor: launch.profileColor,
    mode: launch.mode,
    workspaceId: launch.workspaceId,
    appId: launch.appId,
    buildId: launch.buildId,
    processName: launch.processName,
    baseUrl: launch.baseUrl,
    path: launch.path,
    payload: launch.payload,
    tlsVerification: launch.tlsVerification,
    ...contextOf(launch)
  })
}

/** The LaunchContext fields of a launch, checked: a wrong type is left out, never stored. */
export function contextOf(launch: LaunchContext): LaunchContext {
  return {
    template: shortText(launch.template, MAX_PAYLOAD_CHARS),
    variables: readVariables(launch.variables),
    savedLaunch: shortText(launch.savedLaunch, 200),
    ticket: shortText(launch.ticket, 200),
    note: shortText(launch.note, 2000),
    batchId: shortText(launch.batchId, 64),
    batchRow:
      typeof launch.batchRow === 'number' && Number.isSafeInteger(launch.batchRow)
        ? launch.batchRow
        : undefined,
    replayOf: shortText(launch.replayOf, 64),
    launchedBy: shortText(launch.launchedBy, 200)
  }
}

/** A payload or template is at most 1 MB (what FlowX accepts); a longer template is not kept. */
const MAX_PAYLOAD_CHARS = 1024 * 1024

function shortText(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value !== '' && value.length <= max ? value : undefined
}

function readVariables(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const entries = Object.entries(value).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string'
  )
  return entries.length > 0 ? Object.fromEntries(entries) : undefined
}

/** Parameters of the insert statement, in its column order. */
export function insertParams(record: LaunchRecord, ownerPid: number): SQLInputValue[] {
  return [
    record.id,
    record.startedAt,
    record.profileId,
    record.profileName,
    record.profileColor,
    record.mode,
    record.workspaceId ?? null,
    record.appId,
    record.buildId ?? null,
    record.processName,
    record.baseUrl,
    record.path,
    ownerPid,
    record.payload,
    record.tlsVerification,
    record.template ?? null,
    record.variables ? JSON.stringify(record.variables) : null,
    record.savedLaunch ?? null,
    record.ticket ?? null,
    record.note ?? null,
    record.batchId ?? null,
    record.batchRow ?? null,
    record.replayOf ?? null,
    record.launchedBy ?? null
  ]
}

/** The insert statement matching insertParams. */
export const INSERT_LAUNCH = `INSERT INTO launches (id, started_at, status, profile_id,
  profile_name, profile_color, mode, workspace_id, app_id, build_id, process_name, base_url, path,
  owner_pid, payload, tls_verification, template, variables_json, saved_launch, ticket, note,
  batch_id, batch_row, replay_of, launched_by, payload_key)
  VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

/** What complete() wrote besides the status, as toRecord would read it back. */
export interface CompletedFields {
  status: LaunchStatus
  finishedAt: string
  httpStatus: number | null
  durationMs: number | null
  instance: ProcessInstance | undefined
  error: AppError | undefined
  retriedAfter401: boolean
}

/**
 * The record of a launch just completed, from its pending record and what the completion wrote:
 * the same record toRecord reads from the row, without reading it back.
 */
export function completedRecord(pending: LaunchRecord, done: CompletedFields): LaunchRecord {
  return dropUndefined({
    ...pending,
    status: done.status,
    profileColor: readColor(pending.profileColor),
    mode: readMode(pending.mode),
    tlsVerification: readTls(pending.tlsVerification),
    finishedAt: done.finishedAt,
    httpStatus: done.httpStatus ?? undefined,
    durationMs: done.durationMs ?? undefined,
    instance: done.instance,
    error: done.error,
    retriedAfter401: done.retriedAfter401 ? true : undefined
  })
}

/** A list row from a summary or record row. */
export function toSummary(row: Row): LaunchSummary {
  const common = commonFields(row)
  return dropUndefined({
    ...common,
    error: shortError(common.error),
    instanceUuid: text(row.instance_uuid),
    instanceState: text(row.instance_state),
    tokenCount: typeof row.token_count === 'number' ? row.token_count : 0
  })
}

/** How long the failure reason of a list row may be (the record has it whole). */
const SHORT_REASON_CHARS = 200

/** A list row's error: code, status and message, cut short; hint and detail stay in the record. */
function shortError(error: AppError | undefined): AppError | undefined {
  if (!error) return undefined
  const message =
    error.message.length > SHORT_REASON_CHARS
      ? `${error.message.slice(0, SHORT_REASON_CHARS - 1)}…`
      : error.message
  return dropUndefined({ code: error.code, message, httpStatus: error.httpStatus })
}

/** A whole record from a record row. */
export function toRecord(row: Row): LaunchRecord {
  return dropUndefined({
    ...commonFields(row),
    payload: text(row.payload) ?? '',
    instance: parseJson(row.instance_json, sanitizeInstance),
    template: text(row.template),
    variables: parseJson(row.variables_json, readVariables)
  })
}

function commonFields(
  row: Row
): Omit<LaunchRecord, 'payload' | 'instance' | 'template' | 'variables'> {
  return {
    id: text(row.id) ?? '',
    startedAt: text(row.started_at) ?? '',
    finishedAt: text(row.finished_at),
    status: readStatus(row.status),
    profileId: text(row.profile_id) ?? '',
    profileName: text(row.profile_name) ?? '',
    profileColor: readColor(row.profile_color),
    mode: readMode(row.mode),
    workspaceId: text(row.workspace_id),
    appId: text(row.app_id) ?? '',
    buildId: text(row.build_id),
    processName: text(row.process_name) ?? '',
    baseUrl: text(row.base_url) ?? '',
    path: text(row.path) ?? '',
    httpStatus: number(row.http_status),
    durationMs: number(row.duration_ms),
    error: parseJson(row.error_json, sanitizeError),
    tlsVerification: readTls(row.tls_verification),
    retriedAfter401: row.retried_after_401 === 1 ? true : undefined,
    savedLaunch: text(row.saved_launch),
    ticket: text(row.ticket),
    note: text(row.note),
    batchId: text(row.batch_id),
    batchRow: number(row.batch_row),
    replayOf: text(row.replay_of),
    launchedBy: text(row.launched_by)
  }
}

const TLS_MODES: readonly TlsVerification[] = ['on', 'custom-ca', 'off']

function readTls(value: SQLOutputValue): TlsVerification {
  return TLS_MODES.find((mode) => mode === value) ?? 'on'
}

const STATUSES: readonly LaunchStatus[] = ['pending', 'started', 'failed', 'unknown']

function readStatus(value: SQLOutputValue): LaunchStatus {
  return STATUSES.find((status) => status === value) ?? 'unknown'
}

function readColor(value: SQLOutputValue): ProfileColor {
  return PROFILE_COLORS.find((color) => color === value) ?? 'slate'
}

function readMode(value: SQLOutputValue): StartMode {
  return value === 'workspace' ? 'workspace' : 'build'
}

/** A text cell, or undefined when the cell holds anything else. */
export function text(value: SQLOutputValue): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** A number cell, or undefined when the cell holds anything else. */
export function number(value: SQLOutputValue): number | undefined {
  return typeof value === 'number' ? value : undefined
}

function parseJson<T>(
  value: SQLOutputValue,
  read: (parsed: unknown) => T | undefined
): T | undefined {
  if (typeof value !== 'string') return undefined
  try {
    return read(JSON.parse(value))
  } catch {
    return undefined
  }
}

/** Remove keys whose value is undefined, so records compare and serialise cleanly. */
export function dropUndefined<T extends object>(value: T): T {
  const kept: Record<string, unknown> = {}
  const from = value as Record<string, unknown>
  // Keys, not [key, value] pairs: records of many shapes pass through here, several per launch.
  for (const key of Object.keys(from)) {
    const item = from[key]
    if (item !== undefined) kept[key] = item
  }
  return kept as T
}
