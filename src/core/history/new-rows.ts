/**
 * What a new launch writes to the ledger: its time-ordered id, its pending record, the insert
 * statement and its parameters, and the record a completion leaves, built without reading the row
 * back. The checks on reading rows back (and the few readers shared with these) are in rows.ts.
 */
import { randomFillSync } from 'node:crypto'
import type { SQLInputValue } from 'node:sqlite'

import type {
  LaunchContext,
  LaunchRecord,
  LaunchStatus,
  NewLaunch,
  ProcessInstance
} from '../../shared/domain'
import type { AppError } from '../../shared/errors'
import { dropUndefined, readColor, readMode, readTls, readVariables } from './rows'

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
    expected: shortText(launch.expected, 200),
    replayOf: shortText(launch.replayOf, 64),
    launchedBy: shortText(launch.launchedBy, 200)
  }
}

/** A payload or template is at most 1 MB (what FlowX accepts); a longer template is not kept. */
const MAX_PAYLOAD_CHARS = 1024 * 1024

function shortText(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value !== '' && value.length <= max ? value : undefined
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
    record.launchedBy ?? null,
    record.expected ?? null
  ]
}

/** The insert statement matching insertParams. */
export const INSERT_LAUNCH = `INSERT INTO launches (id, started_at, status, profile_id,
  profile_name, profile_color, mode, workspace_id, app_id, build_id, process_name, base_url, path,
  owner_pid, payload, tls_verification, template, variables_json, saved_launch, ticket, note,
  batch_id, batch_row, replay_of, launched_by, expected, payload_key)
  VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

/** What complete() wrote besides the status, as toRecord (rows.ts) would read it back. */
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
