/** The batch-run table: one summary per run (its rows are ordinary launches tagged with its id). */
import { randomUUID } from 'node:crypto'
import type { DatabaseSync, SQLOutputValue } from 'node:sqlite'

import type {
  BatchCounts,
  BatchRecord,
  BatchStatus,
  BatchUpdate,
  NewBatch
} from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import { dropUndefined, number, text, type Row } from './rows'

const STATUSES: readonly BatchStatus[] = [
  'running',
  'paused',
  'done',
  'stopped',
  'cancelled',
  'interrupted'
]
const COUNTS: ReadonlyArray<[keyof BatchCounts, string]> = [
  ['total', 'total'],
  ['started', 'started'],
  ['failed', 'failed'],
  ['unknown', 'unknown'],
  ['skipped', 'skipped'],
  ['notSent', 'not_sent']
]
const ID = /^[A-Za-z0-9_-]{1,64}$/
const COLUMNS = `id, created_at, finished_at, launched_by, profile_id, profile_name, saved_launch,
  rows_file, total, started, failed, unknown, skipped, not_sent, status`

/** Insert a new batch summary. */
export function createBatch(db: DatabaseSync, batch: NewBatch, now: Date): BatchRecord {
  const id = batch.id ?? randomUUID()
  if (!ID.test(id))
    throw new AppFailure('INVALID_INPUT', 'A batch id is 1-64 letters, digits, - or _.')
  const status = readStatus(batch.status)
  db.prepare(
    `INSERT INTO batches (${COLUMNS}) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(
    id,
    batch.createdAt ?? now.toISOString(),
    batch.launchedBy ?? null,
    batch.profileId,
    batch.profileName,
    batch.savedLaunch ?? null,
    batch.rowsFile ?? null,
    ...COUNTS.map(([key]) => count(batch[key])),
    status
  )
  return mustGetBatch(db, id)
}

/** Change counts and/or status of a batch; returns the updated summary. */
export function updateBatch(db: DatabaseSync, id: string, update: BatchUpdate): BatchRecord {
  const sets: string[] = []
  const values: (string | number)[] = []
  for (const [key, column] of COUNTS) {
    if (update[key] !== undefined) {
      sets.push(`${column} = ?`)
      values.push(count(update[key]))
    }
  }
  if (update.status !== undefined) {
    sets.push('status = ?')
    values.push(readStatus(update.status))
  }
  if (update.finishedAt !== undefined) {
    sets.push('finished_at = ?')
    values.push(update.finishedAt)
  }
  if (sets.length > 0) {
    db.prepare(`UPDATE batches SET ${sets.join(', ')} WHERE id = ?`).run(...values, id)
  }
  return mustGetBatch(db, id)
}

/** One batch summary. */
export function getBatch(db: DatabaseSync, id: string): BatchRecord | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM batches WHERE id = ?`).get(id)
  return row ? toBatch(row) : undefined
}

/** The newest batch runs first. */
export function listBatches(db: DatabaseSync, limit: number): BatchRecord[] {
  return db
    .prepare(`SELECT ${COLUMNS} FROM batches ORDER BY created_at DESC, id DESC LIMIT ?`)
    .all(limit)
    .map(toBatch)
}

function mustGetBatch(db: DatabaseSync, id: string): BatchRecord {
  const batch = getBatch(db, id)
  if (!batch) throw new AppFailure('RECORD_NOT_FOUND', `Batch ${id} is not in the history.`)
  return batch
}

function count(value: number | undefined): number {
  return value !== undefined && Number.isSafeInteger(value) && value >= 0 ? value : 0
}

function readStatus(value: unknown): BatchStatus {
  const status = STATUSES.find((s) => s === value)
  if (!status)
    throw new AppFailure('INVALID_INPUT', `A batch status is one of ${STATUSES.join(', ')}.`)
  return status
}

function toBatch(row: Row): BatchRecord {
  const num = (value: SQLOutputValue): number => number(value) ?? 0
  return dropUndefined({
    id: text(row.id) ?? '',
    createdAt: text(row.created_at) ?? '',
    finishedAt: text(row.finished_at),
    launchedBy: text(row.launched_by),
    profileId: text(row.profile_id) ?? '',
    profileName: text(row.profile_name) ?? '',
    savedLaunch: text(row.saved_launch),
    rowsFile: text(row.rows_file),
    total: num(row.total),
    started: num(row.started),
    failed: num(row.failed),
    unknown: num(row.unknown),
    skipped: num(row.skipped),
    notSent: num(row.not_sent),
    status: STATUSES.find((s) => s === row.status) ?? 'interrupted'
  })
}
