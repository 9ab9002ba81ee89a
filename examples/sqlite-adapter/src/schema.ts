import type { Database } from 'better-sqlite3';

/**
 * The tables of every namespace in one file. `position` is the rowid with AUTOINCREMENT, so a
 * position is never reused, even after a rolled-back write. Records are the JSON text of core's
 * `encodeEvent`; the other columns are what the indexes and summaries need. Metadata has its own
 * table rather than an expression index on the record, so a damaged record stays readable as text.
 */
const TABLES = `
CREATE TABLE IF NOT EXISTS aether_events (
  position   INTEGER PRIMARY KEY AUTOINCREMENT,
  namespace  TEXT NOT NULL,
  id         TEXT NOT NULL,
  actor_id   TEXT NOT NULL,
  version    INTEGER NOT NULL,
  event_type TEXT NOT NULL,
  record     TEXT NOT NULL,
  UNIQUE (namespace, id),
  UNIQUE (namespace, actor_id, version)
);
CREATE INDEX IF NOT EXISTS aether_events_log ON aether_events (namespace, position);
CREATE TABLE IF NOT EXISTS aether_actors (
  namespace       TEXT NOT NULL,
  actor_id        TEXT NOT NULL,
  latest_version  INTEGER NOT NULL,
  event_count     INTEGER NOT NULL,
  first_event_at  INTEGER NOT NULL,
  last_event_at   INTEGER NOT NULL,
  last_event_type TEXT NOT NULL,
  PRIMARY KEY (namespace, actor_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS aether_metadata (
  namespace TEXT NOT NULL,
  key       TEXT NOT NULL,
  value     TEXT NOT NULL,
  position  INTEGER NOT NULL,
  PRIMARY KEY (namespace, key, value, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS aether_snapshots (
  namespace TEXT NOT NULL,
  actor_id  TEXT NOT NULL,
  version   INTEGER NOT NULL,
  record    TEXT NOT NULL,
  PRIMARY KEY (namespace, actor_id, version)
) WITHOUT ROWID;
`;

/** Sets the connection up and creates the tables; safe when several processes open the file at once. */
export function prepareDatabase(db: Database, busyTimeoutMs: number): void {
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  // WAL lets readers in other processes go on during a write; FULL syncs the WAL on every commit,
  // so an acknowledged save survives a power loss, not only a crash of the process.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.transaction(() => db.exec(TABLES)).immediate();
}
