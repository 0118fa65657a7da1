/**
 * Opening the ledger so that nothing is lost or hidden (security.md STO-2, STO-6):
 * - a damaged history.db is set aside (`history.corrupt-<time>.db`, bytes kept), the launches that
 *   can still be read are copied into a fresh ledger, and the user is told;
 * - a WAL damaged after a crash is reported with how many committed changes could not be
 *   recovered (SQLite would drop them silently), and its bytes are kept;
 * - a data directory that cannot be written opens the history read-only, and says so.
 */
import { copyFileSync, existsSync, renameSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'

import { AppFailure } from '../../shared/errors'
import { isDamaged, isReadOnlyFailure } from './database'
import { LedgerFile, type LedgerOptions } from './ledger'
import { readSchemaVersion, SCHEMA_VERSION } from './schema'
import { checkWal } from './wal-check'

/** Things the user should be told after opening; empty when all went normally. */
export interface LedgerOpenReport {
  messages: string[]
}

const COPY_CHUNK = 500

/** Open `file` for the ledger with every recovery step above. */
export function openLedgerFile(
  file: string,
  options: LedgerOptions = {}
): { ledger: LedgerFile; report: LedgerOpenReport } {
  const messages: string[] = []
  const now = options.now ?? (() => new Date())
  if (options.readOnly) return openForReading(file, options, messages)

  const wal = checkWal(`${file}-wal`)
  if (wal.lostCommits > 0) {
    const kept = keepAside(`${file}-wal`, file, 'wal-damaged', now(), true)
    const when = wal.modifiedAt ? ` around ${wal.modifiedAt.toISOString()}` : ''
    messages.push(
      `The launch history's journal was damaged: ${wal.lostCommits} recent change(s) could not be recovered, so launches recorded${when} may be missing or show an old status. Check FlowX (Designer → Process instances) for processes started then. The journal is kept as ${basename(kept)}.`
    )
  }

  try {
    return { ledger: LedgerFile.open(file, options), report: { messages } }
  } catch (error) {
    if (isReadOnlyFailure(error) && existsSync(file)) {
      messages.push(
        'The launch history can only be read here (the data directory or its disk is read-only): launches cannot be started or recorded until it is writable.'
      )
      return { ledger: LedgerFile.open(file, { ...options, readOnly: true }), report: { messages } }
    }
    if (isReadOnlyFailure(error)) {
      throw new AppFailure(
        'INTERNAL',
        `The launch history cannot be created in ${dirname(file)}: the directory cannot be written.`,
        { hint: 'Check its permissions, or use a writable data directory (--data-dir).' }
      )
    }
    if (!isDamaged(error)) throw error
  }

  // Damaged: keep the bytes, start fresh, copy what can still be read.
  const aside = keepAside(file, file, 'corrupt', now(), false)
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix)
  }
  const ledger = LedgerFile.open(file, options)
  const { copied, unreadable } = salvage(aside, file)
  ledger.close()
  const reopened = LedgerFile.open(file, options)
  messages.push(
    `The launch history file was damaged and has been set aside as ${basename(aside)} (kept for support). A new history was started` +
      (copied > 0 || unreadable > 0
        ? ` with the ${copied} launch(es) that could still be read${unreadable > 0 ? `; ${unreadable} could not be recovered` : ''}.`
        : '; no launch could be read from the damaged file.') +
      ' Launches that were pending show as outcome unknown.'
  )
  return { ledger: reopened, report: { messages } }
}

/**
 * A read-only command: nothing is created or changed. No file yet reads as an empty history; a file
 * from an older version is upgraded first when the directory can be written (an upgrade, not a
 * change of the user's data), and refused with a clear message when it cannot.
 */
function openForReading(
  file: string,
  options: LedgerOptions,
  messages: string[]
): { ledger: LedgerFile; report: LedgerOpenReport } {
  if (!existsSync(file)) return { ledger: LedgerFile.empty(), report: { messages } }
  let ledger: LedgerFile
  try {
    ledger = LedgerFile.open(file, options)
  } catch (error) {
    if (!isDamaged(error)) throw error
    // Reading must not change anything: the next command that writes (or the app) sets it aside.
    messages.push(
      `The launch history file is damaged (${file}); it is shown empty here. The next launch, or opening the app, keeps its bytes aside and starts a new history with every launch that can still be read.`
    )
    return { ledger: LedgerFile.empty(), report: { messages } }
  }
  if (ledger.schemaVersion >= SCHEMA_VERSION) return { ledger, report: { messages } }
  ledger.close()
  try {
    LedgerFile.open(file, { ...options, readOnly: false }).close()
  } catch (error) {
    if (!isReadOnlyFailure(error)) throw error
    throw new AppFailure(
      'INTERNAL',
      'The launch history was written by an older FlowX Launcher and must be upgraded, but its directory cannot be written.',
      { hint: 'Open it once from a writable location (or the app), then read it here.' }
    )
  }
  return { ledger: LedgerFile.open(file, options), report: { messages } }
}

/** Rename (or copy) `source` to `<dir>/history.<tag>-<time>.db[-wal]`, never over another file. */
function keepAside(source: string, file: string, tag: string, at: Date, copy: boolean): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-')
  const stem = basename(file).replace(/\.db$/, '')
  const suffix = source.endsWith('-wal') ? '.db-wal' : '.db'
  let target = join(dirname(file), `${stem}.${tag}-${stamp}${suffix}`)
  for (let n = 1; existsSync(target); n++) {
    target = join(dirname(file), `${stem}.${tag}-${stamp}-${n}${suffix}`)
  }
  if (copy) copyFileSync(source, target)
  else renameSync(source, target)
  return target
}

/**
 * Copy every launch row that can be read from the damaged file into the fresh one (same launches
 * table only). Chunks that fail are retried row by row, so one bad page loses only its rows.
 */
function salvage(damaged: string, file: string): { copied: number; unreadable: number } {
  let source: DatabaseSync
  try {
    source = new DatabaseSync(damaged, { readOnly: true })
    // Versions 4 and 5 changed only indexes and version 6 added a column: the launches of a
    // version-3 file copy as they are.
    const version = readSchemaVersion(source)
    if (version < 3 || version > SCHEMA_VERSION) {
      source.close()
      return { copied: 0, unreadable: 0 }
    }
  } catch {
    return { copied: 0, unreadable: 0 }
  }
  const target = new DatabaseSync(file)
  let copied = 0
  let unreadable = 0
  try {
    const ids = readSeqs(source)
    // The columns both files have: a version-5 file has no `expected` (it stays empty).
    const columnsOf = (db: DatabaseSync): string[] =>
      db
        .prepare('SELECT name FROM pragma_table_info(?)')
        .all('launches')
        .map((row) => String(row.name))
    const present = new Set(columnsOf(source))
    const columns = columnsOf(target).filter((name) => present.has(name))
    const list = columns.join(', ')
    const read = source.prepare(`SELECT ${list} FROM launches WHERE seq >= ? AND seq <= ?`)
    const write = target.prepare(
      `INSERT OR IGNORE INTO launches (${list}) VALUES (${columns.map(() => '?').join(', ')})`
    )
    const copyRange = (from: number, to: number): number => {
      const rows = read.all(from, to)
      target.exec('BEGIN IMMEDIATE')
      for (const row of rows) write.run(...columns.map((name) => row[name] ?? null))
      target.exec('COMMIT')
      return rows.length
    }
    for (let at = 0; at < ids.length; at += COPY_CHUNK) {
      const chunk = ids.slice(at, at + COPY_CHUNK)
      try {
        copied += copyRange(chunk[0], chunk[chunk.length - 1])
      } catch {
        if (target.isTransaction) target.exec('ROLLBACK')
        for (const seq of chunk) {
          try {
            copied += copyRange(seq, seq)
          } catch {
            if (target.isTransaction) target.exec('ROLLBACK')
            unreadable++
          }
        }
      }
    }
    if (ids.length === 0) unreadable = countGuess(source)
  } finally {
    source.close()
    target.close()
  }
  return { copied, unreadable }
}

/**
 * The row ids to try: 1 to the largest seq when it can be read (a damaged page then costs only
 * its own rows), else as far as the table can be walked.
 */
function readSeqs(source: DatabaseSync): number[] {
  try {
    const max = source.prepare('SELECT max(seq) AS n FROM launches').get()?.n
    if (typeof max === 'number') return Array.from({ length: max }, (_, i) => i + 1)
  } catch {
    // Walk instead.
  }
  const seqs: number[] = []
  try {
    for (const row of source.prepare('SELECT seq FROM launches ORDER BY seq').iterate()) {
      if (typeof row.seq === 'number') seqs.push(row.seq)
    }
  } catch {
    // The rest of the table cannot be walked: what was read is copied.
  }
  return seqs
}

function countGuess(source: DatabaseSync): number {
  try {
    const n = source.prepare('SELECT max(seq) AS n FROM launches').get()?.n
    return typeof n === 'number' ? n : 0
  } catch {
    return 0
  }
}
