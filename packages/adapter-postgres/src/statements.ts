import { STANDARD_METADATA_KEYS } from '@aether/core';
import { METADATA_INDEX_PREFIX } from './tables.ts';

/** The LISTEN/NOTIFY channel of every Aether store; the payload is the schema name. */
export const NOTIFY_CHANNEL = 'aether_events';

/** How an append checks the actor's version: none, "no events yet", or an exact version. */
export type AppendCheck = 'any' | 'noStream' | 'exact';

/**
 * The columns of an event row, in the order `decodeEventRow` reads them. Text for JSON (parsed by
 * core's decoder, whatever parsers the caller's client has) and epoch milliseconds for the time:
 * float8 `date_part`, rounded, is exact for millisecond timestamps and saves ~5 ms per 10,000 rows
 * over `extract`, which computes in numeric.
 */
const EVENT_COLUMNS = `e.position, e.id, e.event_type, e.actor_id, e.command_id, e.version, e.data::text,
  e.metadata::text, round(date_part('epoch', e."timestamp") * 1000)`;

// Batches travel as one JSON text parameter: no array serializers needed from the client. Lists
// from it are used as `= ANY (ARRAY(SELECT ...))`, which probes the index instead of letting the
// planner (which guesses 100 rows for a set-returning function) hash-join a scan of the table.
// A batch is parsed once, as jsonb: its data and metadata then come out as jsonb values without
// being parsed again (json_to_recordset would re-parse each one: ~8% of a batch of 100).
const BATCH = `jsonb_to_recordset($1::text::jsonb)
  AS d(i int8, id text, version int8, type text, command text, data jsonb, metadata jsonb, ts timestamptz)`;

const ACTOR_COLUMNS = 'actor_id, latest_version, event_count, first_event_at, last_event_at, last_event_type';
const EVENT_INSERT_COLUMNS =
  'position, id, actor_id, version, event_type, command_id, data, metadata, "timestamp"';

/**
 * Every statement of a store, with its schema quoted in; all parameters are explicitly cast.
 *
 * A write is one statement (one round trip, atomic on its own) in three steps. `a` updates (or
 * creates) the actor row only if the version rule holds: the row lock, held to commit, queues the
 * writers of one actor, so an actor's versions and positions rise together. `f` publishes a lower
 * bound of the positions the write is about to take: a shared advisory lock, until commit, keyed
 * by the low 32 bits of the position sequence's current value. `r` then takes the positions with
 * `nextval`. The events are inserted only if the version rule held (a reused id aborts the
 * statement with a unique violation); a write that stored nothing is then diagnosed. `readAll`
 * reads below every published bound (see `horizon`), so it never passes a position that a
 * running writer may still fill. Positions are increasing, not dense: a failed write leaves a gap.
 */
export function buildStatements(schema: string) {
  const s = `"${schema}"`;
  const actors = `${s}.actors`;
  const events = `${s}.events`;
  const sequence = `'${s}.events_position_seq'::regclass`;
  const floorKey = positionFloorKey(schema);
  const publish = `f AS MATERIALIZED (
      SELECT pg_advisory_xact_lock_shared(${floorKey},
        (coalesce(pg_sequence_last_value(${sequence}), 0) & 4294967295)::bit(32)::int4)
      FROM a)`;
  const takeOne = `r AS MATERIALIZED (SELECT nextval(${sequence}) AS p FROM f)`;
  // One position per event, ascending, as an array: event i (from 0) takes element i + 1. No row
  // at all when the version rule failed (no `f`).
  const takeMany = (count: string) => `r AS MATERIALIZED (
      SELECT array_agg(n.p ORDER BY n.p) AS p
      FROM (SELECT nextval(${sequence}) AS p FROM f, generate_series(1, ${count})) AS n
      HAVING count(*) > 0)`;

  // Store-assigned versions. One draft: $1 id, $2 actor, $3 type, $4 command, $5 data, $6 metadata,
  // $7 timestamp, [$8 expected]. Several: $1 batch, $2 actor, $3 count, $4 first timestamp,
  // $5 last timestamp, $6 last type, [$7 expected]. `a` returns the actor's version after the write.
  const append = (check: AppendCheck, single: boolean) => {
    const p = single
      ? { count: '1', first: '$7', last: '$7', type: '$3', expected: '$8' }
      : { count: '$3', first: '$4', last: '$5', type: '$6', expected: '$7' };
    const values = `$2::text, ${p.count}::int4, ${p.count}::int4, ${p.first}::text::timestamptz,
      ${p.last}::text::timestamptz, ${p.type}::text`;
    // (first_event_at never changes once set; naming the parameter keeps every variant's list equal.)
    const bump = `latest_version = a.latest_version + ${p.count}::int4, event_count = a.event_count + ${p.count}::int4,
      first_event_at = coalesce(a.first_event_at, ${p.first}::text::timestamptz),
      last_event_at = ${p.last}::text::timestamptz, last_event_type = ${p.type}::text`;
    const actorStep = {
      any: `INSERT INTO ${actors} AS a (${ACTOR_COLUMNS}) VALUES (${values})
        ON CONFLICT (actor_id) DO UPDATE SET ${bump} RETURNING a.latest_version AS v`,
      noStream: `INSERT INTO ${actors} AS a (${ACTOR_COLUMNS}) VALUES (${values})
        ON CONFLICT (actor_id) DO NOTHING RETURNING a.latest_version AS v`,
      exact: `UPDATE ${actors} AS a SET ${bump}
        WHERE a.actor_id = $2::text AND a.latest_version = ${p.expected}::int8 RETURNING a.latest_version AS v`,
    }[check];
    const head = `WITH ${single ? '' : `d AS MATERIALIZED (SELECT * FROM ${BATCH}),`}
      a AS (${actorStep}),
      ${publish},
      ${single ? takeOne : takeMany(p.count)}
      INSERT INTO ${events} (${EVENT_INSERT_COLUMNS})`;
    return single
      ? `${head}
        SELECT r.p, $1::text, $2::text, a.v, $3::text, $4::text, $5::text::jsonb, $6::text::jsonb, $7::text::timestamptz
        FROM r, a
        RETURNING position, id, version`
      : `${head}
        SELECT r.p[d.i + 1], d.id, $2::text, a.v - $3::int4 + d.i + 1, d.type, d.command, d.data, d.metadata, d.ts
        FROM r, d, a
        RETURNING position, id, version`;
  };

  return {
    /** $1 id, $2 actor, $3 version, $4 type, $5 command, $6 data, $7 metadata, $8 timestamp. */
    saveOne: `WITH a AS (
        INSERT INTO ${actors} AS a (${ACTOR_COLUMNS})
        VALUES ($2::text, $3::int8, 1, $8::text::timestamptz, $8::text::timestamptz, $4::text)
        ON CONFLICT (actor_id) DO UPDATE SET latest_version = excluded.latest_version,
          event_count = a.event_count + 1, last_event_at = excluded.last_event_at,
          last_event_type = excluded.last_event_type
        WHERE a.latest_version < excluded.latest_version
        RETURNING 1),
      ${publish},
      ${takeOne}
      INSERT INTO ${events} (${EVENT_INSERT_COLUMNS})
      SELECT r.p, $1::text, $2::text, $3::int8, $4::text, $5::text, $6::text::jsonb, $7::text::jsonb,
        $8::text::timestamptz
      FROM r
      RETURNING position`,

    /** $1 batch, $2 actor, $3 count, $4 first ts, $5 last ts, $6 last type, $7 first version, $8 last version. */
    saveBatch: `WITH d AS MATERIALIZED (SELECT * FROM ${BATCH}),
      a AS (
        INSERT INTO ${actors} AS a (${ACTOR_COLUMNS})
        VALUES ($2::text, $8::int8, $3::int4, $4::text::timestamptz, $5::text::timestamptz, $6::text)
        ON CONFLICT (actor_id) DO UPDATE SET latest_version = excluded.latest_version,
          event_count = a.event_count + excluded.event_count, last_event_at = excluded.last_event_at,
          last_event_type = excluded.last_event_type
        WHERE a.latest_version < $7::int8
        RETURNING 1),
      ${publish},
      ${takeMany('$3::int4')}
      INSERT INTO ${events} (${EVENT_INSERT_COLUMNS})
      SELECT r.p[d.i + 1], d.id, $2::text, d.version, d.type, d.command, d.data, d.metadata, d.ts
      FROM r, d
      RETURNING position, id`,

    appendOne: {
      any: append('any', true),
      noStream: append('noStream', true),
      exact: append('exact', true),
    } satisfies Record<AppendCheck, string>,
    appendMany: {
      any: append('any', false),
      noStream: append('noStream', false),
      exact: append('exact', false),
    } satisfies Record<AppendCheck, string>,

    /** Why a write stored nothing: the actor's version and the stored events among the ids in $2. */
    diagnose: `SELECT coalesce((SELECT latest_version FROM ${actors} WHERE actor_id = $1::text), 0), ${EVENT_COLUMNS}
      FROM (VALUES (1)) AS one
      LEFT JOIN ${events} e ON e.id = ANY (ARRAY(SELECT json_array_elements_text($2::text::json)))`,

    latestVersion: `SELECT latest_version FROM ${actors} WHERE actor_id = $1::text`,
    stream: `SELECT ${EVENT_COLUMNS} FROM ${events} e
      WHERE e.actor_id = $1::text AND e.version >= $2::int8 ORDER BY e.version`,
    streamPage: `SELECT ${EVENT_COLUMNS} FROM ${events} e
      WHERE e.actor_id = $1::text AND e.version >= $2::int8 ORDER BY e.version LIMIT $3::int8`,
    byId: `SELECT ${EVENT_COLUMNS} FROM ${events} e WHERE e.id = $1::text`,

    /** listActors by (has prefix, has cursor): $1 LIKE pattern / cursor, $2 cursor, last = limit. */
    listActors: listActorStatements(actors),

    /**
     * Where a gap-safe read of the global log must stop: below the lowest position bound published
     * by a running writer of this schema, and at most the sequence's value read before the lock
     * scan (a writer that publishes after the scan takes positions above it). Run as its own
     * statement before the read, whose later snapshot then sees every writer the scan missed.
     * Also says whether this is a standby, where the primary's locks cannot be seen.
     */
    horizon: `WITH s AS MATERIALIZED (SELECT coalesce(pg_sequence_last_value(${sequence}), 0) AS last)
      SELECT pg_is_in_recovery(), least(s.last, min(s.last + ((l.objid::int8 - s.last + 2147483648) & 4294967295) - 2147483648))
      FROM s LEFT JOIN LATERAL (
        SELECT objid FROM pg_locks
        WHERE locktype = 'advisory' AND objsubid = 2 AND classid = (${floorKey}::int8 & 4294967295)::oid
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND s.last >= 0
      ) AS l ON true
      GROUP BY s.last`,
    /**
     * For a standby: the snapshot's oldest running and next transaction ids, and the highest
     * position it sees. Once every transaction below that next id has ended, no event can appear
     * at or below that position any more (a writer takes its transaction id before its positions).
     */
    standbyClock: `SELECT pg_snapshot_xmin(s)::text, pg_snapshot_xmax(s)::text,
        coalesce((SELECT max(position) FROM ${events}), 0)
      FROM pg_current_snapshot() AS s`,
    readAll: readAllStatement(events, false),
    readAllTyped: readAllStatement(events, true),

    /** The standard keys use their index (`left(...)` prefix) and recheck the whole value. */
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
    /** Stores the snapshot if the actor has reached its version; returns the actor's version and whether it stored. */
    saveSnapshot: `WITH cur AS (SELECT latest_version FROM ${actors} WHERE actor_id = $1::text),
      ins AS (
        INSERT INTO ${s}.snapshots (actor_id, version, state, "timestamp")
        SELECT $1::text, $2::int8, $3::text::jsonb, $4::text::timestamptz
        WHERE $2::int8 <= (SELECT latest_version FROM cur)
        ON CONFLICT (actor_id, version) DO UPDATE SET state = excluded.state, "timestamp" = excluded."timestamp"
        RETURNING 1)
      SELECT coalesce((SELECT latest_version FROM cur), 0), (SELECT count(*) FROM ins)`,

    /** Sent after commits, outside the append: asynchronous commit, so it waits for no WAL flush. */
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

/**
 * One page of the global log up to a safe horizon ($3, see `horizon`), and whether committed events
 * past the horizon are held back by running writers. $1 after, $2 limit (+1), $4 event types (JSON
 * array) when filtered.
 */
function readAllStatement(events: string, typed: boolean): string {
  const types = typed
    ? 'AND e.event_type = ANY (ARRAY(SELECT json_array_elements_text($4::text::json)))'
    : '';
  return `WITH page AS MATERIALIZED (
      SELECT ${EVENT_COLUMNS} FROM ${events} e
      WHERE e.position > $1::int8 AND e.position <= $3::int8 ${types}
      ORDER BY e.position LIMIT $2::int4)
    SELECT CASE WHEN (SELECT count(*) FROM page) < $2::int4 THEN EXISTS (
        SELECT 1 FROM ${events} e WHERE e.position > greatest($1::int8, $3::int8) ${types})
      ELSE false END,
      page.*
    FROM (VALUES (1)) AS one LEFT JOIN page ON true
    ORDER BY page.position`;
}

/** The first key of the advisory locks by which this schema's writers publish their position bounds. */
export function positionFloorKey(schema: string): string {
  return `hashtext('aether.positions.${schema}')`;
}
