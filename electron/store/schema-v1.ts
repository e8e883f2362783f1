// The first schema: every table Berth keeps, with the constraints that hold its rules by design.
import type Database from 'better-sqlite3';
import { genesisHash } from './audit-hash';

const live = `('starting', 'running', 'stopped', 'unknown')`;

const auditTables = `
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  host_id TEXT,
  target TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed')),
  message TEXT NOT NULL,
  engine_message TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;

-- Every combination of the action, outcome and host filters is a prefix of one of these four,
-- and each carries all three columns, so counting matches never reads the table itself.
CREATE INDEX audit_by_action ON audit (action, outcome, host_id, id);
CREATE INDEX audit_by_outcome_action ON audit (outcome, action, host_id, id);
CREATE INDEX audit_by_host_action ON audit (host_id, action, outcome, id);
CREATE INDEX audit_by_outcome_host ON audit (outcome, host_id, action, id);
CREATE INDEX audit_by_time ON audit (time);

-- Substring search on the target: trigrams, without a second copy of the text.
CREATE VIRTUAL TABLE audit_target USING fts5 (target, content = '', tokenize = 'trigram');
CREATE VIRTUAL TABLE audit_target_terms USING fts5vocab (audit_target, row);

-- The newest link of the chain, so removing the newest entries shows too; and how far the
-- trigram index has got (it trails single appends a little, see audit-target-index.ts).
CREATE TABLE audit_head (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  last_id INTEGER NOT NULL,
  last_hash TEXT NOT NULL,
  last_time INTEGER NOT NULL,
  row_count INTEGER NOT NULL,
  indexed_id INTEGER NOT NULL
) STRICT;
`;

const domainTables = `
CREATE TABLE hosts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  spec TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE challenges (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  value INTEGER NOT NULL,
  image TEXT NOT NULL,
  ports TEXT NOT NULL,
  env TEXT NOT NULL,
  command TEXT,
  flag TEXT NOT NULL,
  limits TEXT NOT NULL,
  read_only_rootfs INTEGER NOT NULL,
  lifetime_seconds INTEGER NOT NULL,
  extension_seconds INTEGER NOT NULL,
  max_extensions INTEGER NOT NULL,
  connection_info TEXT NOT NULL,
  extra TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  extra TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE instances (
  id TEXT PRIMARY KEY,
  challenge_id TEXT NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  host_id TEXT NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
  container_id TEXT,
  container_name TEXT NOT NULL,
  workload TEXT NOT NULL CHECK (workload IN ('container', 'service')),
  status TEXT NOT NULL
    CHECK (status IN ('starting', 'running', 'stopped', 'unknown', 'failed', 'removed', 'gone')),
  ports TEXT NOT NULL,
  flag_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  expires_at INTEGER NOT NULL,
  extensions INTEGER NOT NULL,
  ended_at INTEGER,
  error TEXT
) STRICT;

-- At most one live instance per challenge and team, whatever the code above does.
CREATE UNIQUE INDEX instances_one_live ON instances (challenge_id, team_id) WHERE status IN ${live};
CREATE INDEX instances_live_expiry ON instances (expires_at) WHERE status IN ${live};
CREATE INDEX instances_by_host ON instances (host_id, status);
CREATE INDEX instances_by_team ON instances (team_id, status);
CREATE INDEX instances_by_challenge ON instances (challenge_id, status);

CREATE TABLE port_reservations (
  host_id TEXT NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
  port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
  instance_id TEXT REFERENCES instances (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('instance', 'engine-taken')),
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (host_id, port)
) STRICT, WITHOUT ROWID;
CREATE INDEX port_reservations_by_instance ON port_reservations (instance_id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE secrets (
  name TEXT PRIMARY KEY,
  sealed TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
`;

/** Creates every table of schema version 1. */
export function createSchemaV1(db: Database.Database): void {
  db.exec(auditTables);
  db.prepare(
    `INSERT INTO audit_head (singleton, last_id, last_hash, last_time, row_count, indexed_id)
     VALUES (1, 0, ?, 0, 0, 0)`,
  ).run(genesisHash);
  db.exec(domainTables);
}
