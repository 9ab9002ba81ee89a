import type { Database, Statement } from 'better-sqlite3';

export interface EventRow {
  position: number;
  id: string;
  actor_id: string;
  version: number;
  record: string;
}

export interface ActorRow {
  actor_id: string;
  latest_version: number;
  event_count: number;
  first_event_at: number;
  last_event_at: number;
  last_event_type: string;
}

/** Every query of a store. Each takes the namespace first. */
export interface Statements {
  eventById: Statement<[string, string], EventRow>;
  stream: Statement<[string, string, number], EventRow>;
  streamPage: Statement<[string, string, number, number], EventRow>;
  log: Statement<[string, number, number], EventRow>;
  logOfTypes: Statement<[string, number, string, number], EventRow>;
  byMetadata: Statement<[string, string, string, number, number], EventRow>;
  insertEvent: Statement<[string, string, string, number, string, string], never>;
  insertMetadata: Statement<[string, string, string, number], never>;
  actor: Statement<[string, string], ActorRow>;
  actorsFrom: Statement<[string, string, number], ActorRow>;
  actorsAfter: Statement<[string, string, number], ActorRow>;
  upsertActor: Statement<[string, string, number, number, number, string], never>;
  latestSnapshot: Statement<[string, string], { record: string }>;
  putSnapshot: Statement<[string, string, number, string], never>;
}

/** Prepares every query once per connection. */
export function prepareStatements(db: Database): Statements {
  const prepare = <P extends unknown[], R = unknown>(sql: string) => db.prepare<P, R>(sql);
  return {
    eventById: prepare<[string, string], EventRow>(
      'SELECT position, id, actor_id, version, record FROM aether_events WHERE namespace = ? AND id = ?',
    ),
    stream: prepare<[string, string, number], EventRow>(
      `SELECT position, id, actor_id, version, record FROM aether_events
       WHERE namespace = ? AND actor_id = ? AND version >= ? ORDER BY version`,
    ),
    streamPage: prepare<[string, string, number, number], EventRow>(
      `SELECT position, id, actor_id, version, record FROM aether_events
       WHERE namespace = ? AND actor_id = ? AND version >= ? ORDER BY version LIMIT ?`,
    ),
    log: prepare<[string, number, number], EventRow>(
      `SELECT position, id, actor_id, version, record FROM aether_events
       WHERE namespace = ? AND position > ? ORDER BY position LIMIT ?`,
    ),
    logOfTypes: prepare<[string, number, string, number], EventRow>(
      `SELECT position, id, actor_id, version, record FROM aether_events
       WHERE namespace = ? AND position > ? AND event_type IN (SELECT value FROM json_each(?))
       ORDER BY position LIMIT ?`,
    ),
    byMetadata: prepare<[string, string, string, number, number], EventRow>(
      `SELECT e.position, e.id, e.actor_id, e.version, e.record
       FROM aether_metadata m JOIN aether_events e ON e.position = m.position
       WHERE m.namespace = ? AND m.key = ? AND m.value = ? AND m.position > ?
       ORDER BY m.position LIMIT ?`,
    ),
    insertEvent: prepare<[string, string, string, number, string, string], never>(
      `INSERT INTO aether_events (namespace, id, actor_id, version, event_type, record)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    insertMetadata: prepare<[string, string, string, number], never>(
      'INSERT INTO aether_metadata (namespace, key, value, position) VALUES (?, ?, ?, ?)',
    ),
    actor: prepare<[string, string], ActorRow>(
      `SELECT actor_id, latest_version, event_count, first_event_at, last_event_at, last_event_type
       FROM aether_actors WHERE namespace = ? AND actor_id = ?`,
    ),
    // Ids compare as UTF-8 bytes (SQLite's BINARY collation), which is Unicode code point order.
    actorsFrom: prepare<[string, string, number], ActorRow>(
      `SELECT actor_id, latest_version, event_count, first_event_at, last_event_at, last_event_type
       FROM aether_actors WHERE namespace = ? AND actor_id >= ? ORDER BY actor_id LIMIT ?`,
    ),
    actorsAfter: prepare<[string, string, number], ActorRow>(
      `SELECT actor_id, latest_version, event_count, first_event_at, last_event_at, last_event_type
       FROM aether_actors WHERE namespace = ? AND actor_id > ? ORDER BY actor_id LIMIT ?`,
    ),
    upsertActor: prepare<[string, string, number, number, number, string], never>(
      `INSERT INTO aether_actors
         (namespace, actor_id, latest_version, event_count, first_event_at, last_event_at, last_event_type)
       VALUES (?, ?, ?, 1, ?, ?, ?)
       ON CONFLICT (namespace, actor_id) DO UPDATE SET
         latest_version = excluded.latest_version, event_count = event_count + 1,
         last_event_at = excluded.last_event_at, last_event_type = excluded.last_event_type`,
    ),
    latestSnapshot: prepare<[string, string], { record: string }>(
      `SELECT record FROM aether_snapshots WHERE namespace = ? AND actor_id = ?
       ORDER BY version DESC LIMIT 1`,
    ),
    putSnapshot: prepare<[string, string, number, string], never>(
      `INSERT INTO aether_snapshots (namespace, actor_id, version, record) VALUES (?, ?, ?, ?)
       ON CONFLICT (namespace, actor_id, version) DO UPDATE SET record = excluded.record`,
    ),
  };
}
