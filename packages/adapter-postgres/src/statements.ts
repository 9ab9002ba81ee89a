import { STANDARD_METADATA_KEYS } from '@aether/core';
import { METADATA_INDEX_PREFIX } from './tables.ts';

/** The LISTEN/NOTIFY channel of every Aether store; the payload is the schema name. */
export const NOTIFY_CHANNEL = 'aether_events';

/**
 * The columns of an event row, in the order `decodeEventRow` reads them. Text for JSON (parsed by
 * core's decoder, whatever parsers the caller's client has) and epoch milliseconds for the time.
 */
const EVENT_COLUMNS = `e.position, e.id, e.event_type, e.actor_id, e.command_id, e.version, e.data::text,
  e.metadata::text, (extract(epoch from e."timestamp") * 1000)::float8`;

// Batches travel as one JSON text parameter: no array serializers needed from the client.
const DRAFTS = `json_to_recordset($1::text::json)
  AS d(i int8, id text, version int8, type text, command text, data jsonb, metadata jsonb, ts timestamptz)`;

const ACTOR_COLUMNS = `actor_id, latest_version, event_count, first_event_at, last_event_at, last_event_type`;

/** Every statement of a store, with its schema quoted in. Parameters are all explicitly cast. */
export function buildStatements(schema: string) {
  const s = `"${schema}"`;
  const actors = `${s}.actors`;
  const events = `${s}.events`;
  const reserve = `${s}.reserve_positions`;
  // Writers of one actor queue here first (until commit), before they take positions, so an actor's
  // versions and positions rise together. An advisory lock needs no transaction id, unlike a row lock.
  const actorLock = `l AS MATERIALIZED (SELECT pg_advisory_xact_lock(hashtextextended('${schema}/' || $2::text, 0)))`;
  const insertEvents = `INSERT INTO ${events}
    (position, id, actor_id, version, event_type, command_id, data, metadata, "timestamp")`;

  // Appends with store-assigned versions: `a` yields the version before the batch, or no row when
  // the expectation fails; nothing is inserted then.
  // `r` first checks what committed data already rules out (no positions are spent on a write that
  // cannot succeed); the actor row's lock decides the races that remain.
  const appendTail = (
    actorStep: string,
    precheck: string,
  ) => `WITH d AS MATERIALIZED (SELECT * FROM ${DRAFTS}),
    ${actorLock},
    r AS MATERIALIZED (SELECT ${reserve}($3::int4) AS p FROM l WHERE ${precheck}
      AND NOT EXISTS (SELECT 1 FROM ${events} WHERE id IN (SELECT id FROM d))),
    a AS (${actorStep})
    ${insertEvents}
    SELECT r.p + d.i, d.id, $2::text, a.base + d.i + 1, d.type, d.command, d.data, d.metadata, d.ts
    FROM r, a, d
    RETURNING position, id, version`;
  // $1 drafts, $2 actor, $3 count, $4 first timestamp, $5 last timestamp, $6 last type, $7 expected.
  const newActor = `INSERT INTO ${actors} AS a (${ACTOR_COLUMNS})
    SELECT $2::text, $3::int4, $3::int4, $4::text::timestamptz, $5::text::timestamptz, $6::text FROM r`;
  // (first_event_at never changes once set; naming $4 keeps every variant's parameter list the same.)
  const bumpActor = `latest_version = a.latest_version + $3::int4, event_count = a.event_count + $3::int4,
    first_event_at = coalesce(a.first_event_at, $4::text::timestamptz),
    last_event_at = $5::text::timestamptz, last_event_type = $6::text`;

  return {
    /** $1 id, $2 actor, $3 version, $4 type, $5 command, $6 data, $7 metadata, $8 timestamp. */
    saveOne: `WITH ${actorLock},
      r AS MATERIALIZED (
        SELECT ${reserve}(1) AS p FROM l
        WHERE NOT EXISTS (SELECT 1 FROM ${actors} WHERE actor_id = $2::text AND latest_version >= $3::int8)
          AND NOT EXISTS (SELECT 1 FROM ${events} WHERE id = $1::text)),
      a AS (
        INSERT INTO ${actors} AS a (${ACTOR_COLUMNS})
        SELECT $2::text, $3::int8, 1, $8::text::timestamptz, $8::text::timestamptz, $4::text FROM r
        ON CONFLICT (actor_id) DO UPDATE SET latest_version = excluded.latest_version,
          event_count = a.event_count + 1, last_event_at = excluded.last_event_at,
          last_event_type = excluded.last_event_type
        WHERE a.latest_version < excluded.latest_version
        RETURNING 1)
      ${insertEvents}
      SELECT r.p, $1::text, $2::text, $3::int8, $4::text, $5::text, $6::text::jsonb, $7::text::jsonb,
        $8::text::timestamptz
      FROM r, a
      RETURNING position`,

    /** $1 events, $2 actor, $3 count, $4 first ts, $5 last ts, $6 last type, $7 first version, $8 last version. */
    saveBatch: `WITH d AS MATERIALIZED (SELECT * FROM ${DRAFTS}),
      ${actorLock},
      r AS MATERIALIZED (
        SELECT ${reserve}($3::int4) AS p FROM l
        WHERE NOT EXISTS (SELECT 1 FROM ${actors} WHERE actor_id = $2::text AND latest_version >= $7::int8)
          AND NOT EXISTS (SELECT 1 FROM ${events} WHERE id IN (SELECT id FROM d))),
      a AS (
        INSERT INTO ${actors} AS a (${ACTOR_COLUMNS})
        SELECT $2::text, $8::int8, $3::int4, $4::text::timestamptz, $5::text::timestamptz, $6::text FROM r
        ON CONFLICT (actor_id) DO UPDATE SET latest_version = excluded.latest_version,
          event_count = a.event_count + excluded.event_count, last_event_at = excluded.last_event_at,
          last_event_type = excluded.last_event_type
        WHERE a.latest_version < $7::int8
        RETURNING 1)
      ${insertEvents}
      SELECT r.p + d.i, d.id, $2::text, d.version, d.type, d.command, d.data, d.metadata, d.ts
      FROM r, a, d
      RETURNING position, id`,

    appendAny: appendTail(
      `${newActor}
      ON CONFLICT (actor_id) DO UPDATE SET ${bumpActor}
      RETURNING a.latest_version - $3::int4 AS base`,
      'true',
    ),
    appendNoStream: appendTail(
      `${newActor}
      ON CONFLICT (actor_id) DO NOTHING
      RETURNING 0::int8 AS base`,
      `NOT EXISTS (SELECT 1 FROM ${actors} WHERE actor_id = $2::text)`,
    ),
    appendExact: appendTail(
      `UPDATE ${actors} AS a SET ${bumpActor}
      FROM r WHERE a.actor_id = $2::text AND a.latest_version = $7::int8
      RETURNING $7::int8 AS base`,
      `EXISTS (SELECT 1 FROM ${actors} WHERE actor_id = $2::text AND latest_version = $7::int8)`,
    ),

    /** Why a write stored nothing: the actor's version and the stored events among the ids in $2. */
    diagnose: `SELECT coalesce((SELECT latest_version FROM ${actors} WHERE actor_id = $1::text), 0), ${EVENT_COLUMNS}
      FROM (VALUES (1)) AS one
      LEFT JOIN ${events} e ON e.id IN (SELECT json_array_elements_text($2::text::json))`,

    latestVersion: `SELECT latest_version FROM ${actors} WHERE actor_id = $1::text`,
    stream: `SELECT ${EVENT_COLUMNS} FROM ${events} e
      WHERE e.actor_id = $1::text AND e.version >= $2::int8 ORDER BY e.version`,
    byId: `SELECT ${EVENT_COLUMNS} FROM ${events} e WHERE e.id = $1::text`,

    /** listActors by (has prefix, has cursor): $1 LIKE pattern / cursor, $2 cursor, last = limit. */
    listActors: listActorStatements(actors),

    /**
     * One page of the global log, gap-safe: only events whose transaction is older than every
     * transaction still running. Also returns the snapshot's xmax and whether committed events
     * are being held back (then the caller may wait for the horizon and read again).
     * $1 after, $2 limit (+1), $3 event types (JSON array) when filtered.
     */
    readAll: readAllStatement(events, false),
    readAllTyped: readAllStatement(events, true),
    /** Whether every transaction older than $1 (an xmax) has finished. */
    horizonPassed: `SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::text::xid8`,

    findByStandardKey: Object.fromEntries(
      STANDARD_METADATA_KEYS.map((key) => [
        key,
        `SELECT ${EVENT_COLUMNS} FROM ${events} e
         WHERE left(e.metadata ->> '${key}', ${METADATA_INDEX_PREFIX}) = left($1::text, ${METADATA_INDEX_PREFIX})
           AND (e.metadata ->> '${key}') = $1::text AND e.position > $2::int8
         ORDER BY e.position LIMIT $3::int4`,
      ]),
    ) as Record<string, string>,
    findByAnyKey: `SELECT ${EVENT_COLUMNS} FROM ${events} e
      WHERE (e.metadata ->> $4::text) = $1::text AND e.position > $2::int8
      ORDER BY e.position LIMIT $3::int4`,

    latestSnapshot: `SELECT actor_id, version, state::text, (extract(epoch from "timestamp") * 1000)::float8
      FROM ${s}.snapshots WHERE actor_id = $1::text ORDER BY version DESC LIMIT 1`,
    /** Stores the snapshot when the actor has reached its version; returns the actor's version and whether it stored. */
    saveSnapshot: `WITH cur AS (SELECT latest_version FROM ${actors} WHERE actor_id = $1::text),
      ins AS (
        INSERT INTO ${s}.snapshots (actor_id, version, state, "timestamp")
        SELECT $1::text, $2::int8, $3::text::jsonb, $4::text::timestamptz
        WHERE $2::int8 <= (SELECT latest_version FROM cur)
        ON CONFLICT (actor_id, version) DO UPDATE SET state = excluded.state, "timestamp" = excluded."timestamp"
        RETURNING 1)
      SELECT coalesce((SELECT latest_version FROM cur), 0), (SELECT count(*) FROM ins)`,

    /** Sent after commits, outside the append: asynchronous commit, so it costs no WAL flush. */
    notify: `SET LOCAL synchronous_commit TO off; SELECT pg_notify('${NOTIFY_CHANNEL}', '${schema}')`,
  };
}

function listActorStatements(actors: string) {
  const columns = `actor_id, latest_version, event_count, (extract(epoch from first_event_at) * 1000)::float8,
    (extract(epoch from last_event_at) * 1000)::float8, last_event_type`;
  const build = (conditions: string[], limitParam: number) =>
    `SELECT ${columns} FROM ${actors}
     ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY actor_id LIMIT $${limitParam}::int4`;
  return {
    all: build([], 1),
    after: build(['actor_id > $1::text'], 2),
    prefix: build(["actor_id LIKE $1::text ESCAPE '\\'"], 2),
    prefixAfter: build(["actor_id LIKE $1::text ESCAPE '\\'", 'actor_id > $2::text'], 3),
  };
}

function readAllStatement(events: string, typed: boolean): string {
  const types = typed ? 'AND e.event_type IN (SELECT json_array_elements_text($3::text::json))' : '';
  return `WITH h AS MATERIALIZED (
      SELECT pg_snapshot_xmin(s) AS xmin, pg_snapshot_xmax(s) AS xmax FROM pg_current_snapshot() AS s),
    page AS MATERIALIZED (
      SELECT ${EVENT_COLUMNS} FROM ${events} e
      WHERE e.position > $1::int8 AND e.tx_id < (SELECT xmin FROM h) ${types}
      ORDER BY e.position LIMIT $2::int4)
    SELECT (SELECT xmax::text FROM h),
      CASE WHEN (SELECT count(*) FROM page) < $2::int4 THEN EXISTS (
        SELECT 1 FROM ${events} e
        WHERE e.position > coalesce((SELECT max(position) FROM page), $1::int8)
          AND e.tx_id >= (SELECT xmin FROM h) ${types}) ELSE false END,
      page.*
    FROM (VALUES (1)) AS one LEFT JOIN page ON true
    ORDER BY page.position`;
}
