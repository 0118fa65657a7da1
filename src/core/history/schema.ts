/**
 * The ledger's schema and its migrations. `PRAGMA user_version` holds the schema version; migration
 * n takes the file from version n to n + 1. Add a version by appending a function, never by editing
 * one that has shipped.
 */
import { existsSync } from 'node:fs'
import type { DatabaseSync } from 'node:sqlite'

import { AppFailure } from '../../shared/errors'
import { createPrivateFile, transaction } from './database'
import { V3 } from './schema-v3'

/** One step: upgrades the schema by one version, inside the migration transaction. */
export type Migration = (db: DatabaseSync) => void

const V1 = `
CREATE TABLE launches (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL,
  profile_id TEXT NOT NULL,
  profile_name TEXT NOT NULL,
  profile_color TEXT NOT NULL,
  mode TEXT NOT NULL,
  workspace_id TEXT,
  app_id TEXT NOT NULL,
  build_id TEXT,
  process_name TEXT NOT NULL,
  base_url TEXT NOT NULL,
  path TEXT NOT NULL,
  http_status INTEGER,
  duration_ms REAL,
  instance_uuid TEXT COLLATE NOCASE,
  instance_state TEXT,
  token_count INTEGER NOT NULL DEFAULT 0,
  owner_pid INTEGER,
  error_json TEXT,
  -- The large cells last, so list queries stop reading the row before them.
  instance_json TEXT,
  payload TEXT NOT NULL
) STRICT;

-- The id is the tie-breaker of the newest-first order and of the page cursor.
CREATE INDEX launches_started ON launches (started_at DESC, id DESC);
CREATE INDEX launches_profile ON launches (profile_id, started_at DESC, id DESC);
CREATE INDEX launches_process ON launches (process_name, started_at DESC, id DESC);
CREATE INDEX launches_status ON launches (status, started_at DESC, id DESC);
CREATE INDEX launches_instance ON launches (instance_uuid) WHERE instance_uuid IS NOT NULL;

CREATE TABLE launch_tokens (
  launch_id TEXT NOT NULL REFERENCES launches (id) ON DELETE CASCADE,
  token_id TEXT NOT NULL,
  PRIMARY KEY (launch_id, token_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX launch_tokens_token ON launch_tokens (token_id);

-- Process-name suggestions read this small table instead of grouping every launch.
CREATE TABLE process_names (
  profile_id TEXT NOT NULL,
  process_name TEXT NOT NULL,
  last_started_at TEXT NOT NULL,
  PRIMARY KEY (profile_id, process_name)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER launches_names_insert AFTER INSERT ON launches BEGIN
  INSERT INTO process_names (profile_id, process_name, last_started_at)
  VALUES (new.profile_id, new.process_name, new.started_at)
  ON CONFLICT (profile_id, process_name)
  DO UPDATE SET last_started_at = max(last_started_at, excluded.last_started_at);
END;

-- Keeps suggestions right when retention deletes launches.
CREATE TRIGGER launches_names_delete AFTER DELETE ON launches BEGIN
  DELETE FROM process_names
  WHERE profile_id = old.profile_id AND process_name = old.process_name
    AND NOT EXISTS (SELECT 1 FROM launches
      WHERE profile_id = old.profile_id AND process_name = old.process_name);
  UPDATE process_names
  SET last_started_at = (SELECT max(started_at) FROM launches
    WHERE profile_id = old.profile_id AND process_name = old.process_name)
  WHERE profile_id = old.profile_id AND process_name = old.process_name
    AND last_started_at = old.started_at;
END;

-- Full-text index over the names and the app, build and workspace ids, kept in step by triggers.
-- External content, so 'rebuild' can regenerate it from launches after a migration. Launch ids and
-- instance uuids are not in it: they are unique per launch (five random hex tokens each, which
-- doubled the cost of an append) and are found through their own indexes instead (query.ts).
-- Nothing it holds changes when a launch completes, so complete() never touches it.
CREATE VIRTUAL TABLE launches_fts USING fts5 (
  process_name, profile_name, app_id, build_id, workspace_id,
  content = 'launches', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER launches_fts_insert AFTER INSERT ON launches BEGIN
  INSERT INTO launches_fts (rowid, process_name, profile_name, app_id, build_id, workspace_id)
  VALUES (new.seq, new.process_name, new.profile_name, new.app_id, new.build_id, new.workspace_id);
END;

CREATE TRIGGER launches_fts_delete AFTER DELETE ON launches BEGIN
  INSERT INTO launches_fts
    (launches_fts, rowid, process_name, profile_name, app_id, build_id, workspace_id)
  VALUES ('delete', old.seq, old.process_name, old.profile_name, old.app_id, old.build_id,
    old.workspace_id);
END;

CREATE TRIGGER launches_fts_update
AFTER UPDATE OF process_name, profile_name, app_id, build_id, workspace_id ON launches BEGIN
  INSERT INTO launches_fts
    (launches_fts, rowid, process_name, profile_name, app_id, build_id, workspace_id)
  VALUES ('delete', old.seq, old.process_name, old.profile_name, old.app_id, old.build_id,
    old.workspace_id);
  INSERT INTO launches_fts (rowid, process_name, profile_name, app_id, build_id, workspace_id)
  VALUES (new.seq, new.process_name, new.profile_name, new.app_id, new.build_id, new.workspace_id);
END;
`

/**
 * Version 2: how each launch's certificate was checked (a profile may allow untrusted
 * certificates or trust its own CA, security.md NET-4), and whether the start was sent again after
 * a 401 and a token renewal. Launches before it were all verified normally and never resent.
 */
const V2 = `
ALTER TABLE launches ADD COLUMN tls_verification TEXT NOT NULL DEFAULT 'on';
ALTER TABLE launches ADD COLUMN retried_after_401 INTEGER NOT NULL DEFAULT 0;
`

/**
 * Version 4: the duplicate check finds a payload through its own index instead of walking the
 * last minute of the time index (which held the payload key): at a batch run's pace that minute
 * held tens of thousands of launches, read again for every launch. The time index loses the key.
 */
const V4 = `
DROP INDEX launches_started;
CREATE INDEX launches_started ON launches (started_at, id);
CREATE INDEX launches_payload ON launches (payload_key, started_at) WHERE payload_key IS NOT NULL;
`

/**
 * Version 5: the duplicate check finds recent launches with the same payload in memory
 * (recent-payloads.ts) and reads them back by seq, so the payload index goes: a launch wrote a
 * random page of it (and its splits) on every insert. The payload key column stays (the memory is
 * filled from it, and a window the memory does not cover is read through the profile index).
 */
const V5 = 'DROP INDEX IF EXISTS launches_payload'

/**
 * Version 6: the outcome a batch row expected (`400`, `4xx | 5xx`…, from the rows file's
 * expected-outcome column), so a run read back from the history is judged as it was while it ran.
 */
const V6 = 'ALTER TABLE launches ADD COLUMN expected TEXT'

/** Every migration, in order: index n upgrades version n to n + 1. */
export const MIGRATIONS: readonly Migration[] = [
  (db) => db.exec(V1),
  (db) => db.exec(V2),
  (db) => db.exec(V3),
  (db) => db.exec(V4),
  (db) => db.exec(V5),
  (db) => db.exec(V6)
]

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length

/** The file's schema version (0 for a new, empty file). */
export function readSchemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get()
  const version = row?.user_version
  return typeof version === 'number' ? version : 0
}

/**
 * Bring the file up to `migrations.length`. Refuses a file written by a newer build, and copies an
 * existing history aside (`<file>.v<n>-<time>.bak`) before changing its schema.
 */
export function migrate(
  db: DatabaseSync,
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => Date = () => new Date()
): void {
  const target = migrations.length
  const found = readSchemaVersion(db)
  refuseNewer(file, found, target)
  if (found === target) return
  if (found > 0) backUp(db, file, found, now())
  transaction(db, () => {
    // Another process may have migrated while we waited for the write lock.
    const current = readSchemaVersion(db)
    refuseNewer(file, current, target)
    for (let version = current; version < target; version++) {
      migrations[version](db)
      db.exec(`PRAGMA user_version = ${version + 1}`)
    }
  })
}

function refuseNewer(file: string, found: number, target: number): void {
  if (found <= target) return
  throw new AppFailure(
    'INTERNAL',
    `The launch history was written by a newer FlowX Launcher (schema ${found}; this version reads up to ${target}).`,
    { hint: 'Update FlowX Launcher, or move the file aside to start a new history.', detail: file }
  )
}

function backUp(db: DatabaseSync, file: string, version: number, at: Date): void {
  const stamp = at.toISOString().replace(/[:.]/g, '-')
  let target = `${file}.v${version}-${stamp}.bak`
  for (let n = 1; existsSync(target); n++) target = `${file}.v${version}-${stamp}-${n}.bak`
  // VACUUM INTO takes a consistent copy even while other connections write, and fills an empty
  // file, which keeps the owner-only mode.
  createPrivateFile(target)
  db.exec(`VACUUM INTO '${target.replaceAll("'", "''")}'`)
}
