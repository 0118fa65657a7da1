/**
 * Mapping between ledger rows and domain records. Reads are defensive: a cell that does not parse
 * or does not match its shape is left out of the record, it never breaks a list.
 */
import type { SQLInputValue, SQLOutputValue } from 'node:sqlite'

import { z } from 'zod'

import {
  PROFILE_COLORS,
  type LaunchRecord,
  type LaunchStatus,
  type LaunchSummary,
  type NewLaunch,
  type ProcessInstance,
  type ProfileColor,
  type StartMode,
  type TlsVerification
} from '../../shared/domain'
import { ERROR_CODES, type AppError } from '../../shared/errors'

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
  'retried_after_401'
]

/** The summary columns as a select list. */
export const SUMMARY_COLUMNS = SUMMARY_COLUMN_NAMES.join(', ')

/** Columns of a whole record. */
export const RECORD_COLUMNS = `${SUMMARY_COLUMNS}, instance_json, payload`

const optionalText = z.string().optional().catch(undefined)

const TokenSchema = z.object({
  id: z.string(),
  state: z.string().catch(''),
  statusCurrentNode: z.string().catch(''),
  parentTokenId: optionalText
})

/** The stored instance: known fields only, unreadable tokens dropped one by one. */
export const InstanceSchema = z.object({
  uuid: optionalText,
  state: optionalText,
  processInstanceId: optionalText,
  processDefinitionName: optionalText,
  applicationId: optionalText,
  buildId: optionalText,
  buildStatusAtStart: optionalText,
  tokens: z
    .array(z.unknown())
    .catch([])
    .transform((items) =>
      items.flatMap((item) => {
        const token = TokenSchema.safeParse(item)
        return token.success ? [dropUndefined(token.data)] : []
      })
    )
})

/** Longest error detail kept (a stripped HTML error page can be large; security.md STO-6). */
export const MAX_DETAIL_CHARS = 64 * 1024
const TRUNCATED = '\n… (truncated)'

/** The stored error: known fields only, an unknown code read as INTERNAL, a long detail cut. */
export const ErrorSchema = z.object({
  code: z.enum(ERROR_CODES).catch('INTERNAL'),
  message: z.string(),
  hint: optionalText,
  httpStatus: z.number().int().optional().catch(undefined),
  detail: optionalText.transform((detail) =>
    detail !== undefined && detail.length > MAX_DETAIL_CHARS
      ? detail.slice(0, MAX_DETAIL_CHARS) + TRUNCATED
      : detail
  )
})

/** Keep only the known fields of an instance, so nothing else the caller held reaches the disk. */
export function sanitizeInstance(value: unknown): ProcessInstance | undefined {
  const parsed = InstanceSchema.safeParse(value)
  return parsed.success ? dropUndefined(parsed.data) : undefined
}

/** Keep only the fields of an AppError (no stack, config or headers from a thrown error). */
export function sanitizeError(value: unknown): AppError | undefined {
  const parsed = ErrorSchema.safeParse(value)
  return parsed.success ? dropUndefined(parsed.data) : undefined
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
    tlsVerification: launch.tlsVerification
  })
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
    record.tlsVerification
  ]
}

/** A list row from a summary or record row. */
export function toSummary(row: Row): LaunchSummary {
  return dropUndefined({
    ...commonFields(row),
    instanceUuid: text(row.instance_uuid),
    instanceState: text(row.instance_state),
    tokenCount: typeof row.token_count === 'number' ? row.token_count : 0
  })
}

/** A whole record from a record row. */
export function toRecord(row: Row): LaunchRecord {
  return dropUndefined({
    ...commonFields(row),
    payload: text(row.payload) ?? '',
    instance: parseJson(row.instance_json, sanitizeInstance)
  })
}

function commonFields(row: Row): Omit<LaunchRecord, 'payload' | 'instance'> {
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
    retriedAfter401: row.retried_after_401 === 1 ? true : undefined
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

function text(value: SQLOutputValue): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function number(value: SQLOutputValue): number | undefined {
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
function dropUndefined<T extends object>(value: T): T {
  const entries = Object.entries(value).filter(([, item]) => item !== undefined)
  return Object.fromEntries(entries) as T
}
