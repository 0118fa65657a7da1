/**
 * Version 3 of the ledger: every launch keeps where it came from (template, variables, saved
 * launch, ticket, note, batch and row, replay, who launched it), batch runs get their own table,
 * and the full-text index also holds payload values, ticket and note.
 *
 * The launches table is rebuilt rather than altered so the large cells stay last (a list query
 * stops reading a row before them). Fewer pages per launch: the status index is gone (a status
 * filter walks the time index), launch tokens are keyed by token id, and the full-text index is
 * no longer written by a trigger on every insert: fts-index.ts adds launches to it (and their
 * process names to the suggestions) in bulk when the ledger is idle (`fts_state.indexed_upto` says
 * how far); a search first catches up (or, read-only, also scans the few launches not indexed
 * yet), so nothing is ever hidden.
 */
export const V3 = `
CREATE TABLE launch_tokens_v2 AS SELECT launch_id, token_id FROM launch_tokens;
DROP TABLE launch_tokens;
DROP TABLE launches_fts;

CREATE TABLE launches_v3 (
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
  tls_verification TEXT NOT NULL DEFAULT 'on',
  retried_after_401 INTEGER NOT NULL DEFAULT 0,
  saved_launch TEXT,
  ticket TEXT,
  note TEXT,
  batch_id TEXT,
  batch_row INTEGER,
  replay_of TEXT,
  launched_by TEXT,
  -- Set when the user deletes the launch; cleared by restore; such rows are purged later.
  deleted_at TEXT,
  -- Hash of the payload once canonical (duplicates.ts): the duplicate check compares it in SQL.
  payload_key TEXT,
  error_json TEXT,
  -- The large cells last.
  variables_json TEXT,
  instance_json TEXT,
  template TEXT,
  payload TEXT NOT NULL
) STRICT;

INSERT INTO launches_v3 (seq, id, started_at, finished_at, status, profile_id, profile_name,
  profile_color, mode, workspace_id, app_id, build_id, process_name, base_url, path, http_status,
  duration_ms, instance_uuid, instance_state, token_count, owner_pid, tls_verification,
  retried_after_401, error_json, instance_json, payload)
SELECT seq, id, started_at, finished_at, status, profile_id, profile_name, profile_color, mode,
  workspace_id, app_id, build_id, process_name, base_url, path, http_status, duration_ms,
  instance_uuid, instance_state, token_count, owner_pid, tls_verification, retried_after_401,
  error_json, instance_json, payload
FROM launches;

DROP TABLE launches;
ALTER TABLE launches_v3 RENAME TO launches;

-- Ascending: a new launch appends at the right edge of each index (SQLite's cheap split); the
-- newest-first order walks them backwards. No status or process-name index: those filters walk
-- the time or profile index (each was a page written per launch).
-- The payload key rides along for the duplicate check, which walks the last minute of this index
-- without reading a row.
CREATE INDEX launches_started ON launches (started_at, id, payload_key);
CREATE INDEX launches_profile ON launches (profile_id, started_at, id);
CREATE INDEX launches_instance ON launches (instance_uuid) WHERE instance_uuid IS NOT NULL;
CREATE INDEX launches_batch ON launches (batch_id, started_at, id) WHERE batch_id IS NOT NULL;
CREATE INDEX launches_ticket ON launches (ticket, started_at, id) WHERE ticket IS NOT NULL;
-- Lets count() skip the rows: live launches = all - deleted.
CREATE INDEX launches_deleted ON launches (deleted_at) WHERE deleted_at IS NOT NULL;

-- Keyed by token id (the only lookup); rows go when their launch is purged (retention.ts).
CREATE TABLE launch_tokens (
  token_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (token_id, seq)
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO launch_tokens (token_id, seq)
  SELECT t.token_id, l.seq FROM launch_tokens_v2 t JOIN launches l ON l.id = t.launch_id;
DROP TABLE launch_tokens_v2;

-- process_names is kept by the bulk upkeep (fts-index.ts), not by a trigger on every insert.

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

CREATE TRIGGER launches_tokens_delete AFTER DELETE ON launches
WHEN old.token_count > 0 AND json_valid(old.instance_json) BEGIN
  DELETE FROM launch_tokens WHERE seq = old.seq AND token_id IN
    (SELECT json_extract(value, '$.id') FROM json_each(old.instance_json, '$.tokens'));
END;

-- Contentless: the index keeps only tokens, a search returns seq values.
CREATE VIRTUAL TABLE launches_fts USING fts5 (
  names, ids, ticket, note, vals,
  content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE fts_state (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  indexed_upto INTEGER NOT NULL
) STRICT;
INSERT INTO fts_state (one, indexed_upto) VALUES (1, 0);

CREATE TRIGGER launches_fts_delete AFTER DELETE ON launches
WHEN old.seq <= (SELECT indexed_upto FROM fts_state) BEGIN
  DELETE FROM launches_fts WHERE rowid = old.seq;
END;

-- Completed launches whose instance uuid and token ids are not indexed yet (fts-index.ts does it
-- in bulk): a completion then writes its row and one queue entry instead of two index pages more.
CREATE TABLE derive_queue (seq INTEGER PRIMARY KEY) STRICT;

-- The sweep at open (pending launches of dead processes → unknown) reads only launches written
-- since the last sweep plus those still pending then, never the whole table (no status index).
CREATE TABLE sweep_state (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  swept_upto INTEGER NOT NULL
) STRICT;
INSERT INTO sweep_state (one, swept_upto) VALUES (1, 0);
CREATE TABLE live_pending (seq INTEGER PRIMARY KEY) STRICT;

CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  finished_at TEXT,
  launched_by TEXT,
  profile_id TEXT NOT NULL,
  profile_name TEXT NOT NULL,
  saved_launch TEXT,
  rows_file TEXT,
  total INTEGER NOT NULL DEFAULT 0,
  started INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  unknown INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  not_sent INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL
) STRICT;
CREATE INDEX batches_created ON batches (created_at DESC, id DESC);
`
