/**
 * How ledger rows read back as domain records (LaunchRecord, LaunchSummary): the column lists and
 * the cell readers. Reads are defensive: a cell that does not parse or does not match its shape is
 * left out of the record, it never breaks a list. What a new launch writes is in new-rows.ts.
 */
import type { SQLOutputValue } from 'node:sqlite'

import {
  PROFILE_COLORS,
  type LaunchRecord,
  type LaunchStatus,
  type LaunchSummary,
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
  'launched_by',
  'expected'
]

/** The summary columns as a select list. */
export const SUMMARY_COLUMNS = SUMMARY_COLUMN_NAMES.join(', ')

/** Columns of a whole record. */
export const RECORD_COLUMNS = `${SUMMARY_COLUMNS}, variables_json, instance_json, template, payload`

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
    launchedBy: text(row.launched_by),
    expected: text(row.expected)
  }
}

/** A variables map from a record or a new launch: its text values only, undefined when none. */
export function readVariables(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const entries = Object.entries(value).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string'
  )
  return entries.length > 0 ? Object.fromEntries(entries) : undefined
}

const TLS_MODES: readonly TlsVerification[] = ['on', 'custom-ca', 'off']

/** A TLS mode cell; anything else reads as the default, on. */
export function readTls(value: SQLOutputValue): TlsVerification {
  return TLS_MODES.find((mode) => mode === value) ?? 'on'
}

const STATUSES: readonly LaunchStatus[] = ['pending', 'started', 'failed', 'unknown']

function readStatus(value: SQLOutputValue): LaunchStatus {
  return STATUSES.find((status) => status === value) ?? 'unknown'
}

/** A profile colour cell; anything else reads as slate. */
export function readColor(value: SQLOutputValue): ProfileColor {
  return PROFILE_COLORS.find((color) => color === value) ?? 'slate'
}

/** A start mode cell; anything but workspace reads as build. */
export function readMode(value: SQLOutputValue): StartMode {
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
