import { createPostgresEventStore } from '@aether/adapter-postgres';
import type { Event } from '@aether/core';
import postgres from 'postgres';
import type { Driver } from '../driver.ts';
import { benchEvent, benchEvents } from '../payload.ts';
import { admin, freshName, POOL_SIZE } from './namespaces.ts';

/** Which table the plain statements write: a bare one (the floor) or Aether's own `events`. */
export type RawTable = 'bare' | 'aether';

/**
 * The floor: plain postgres.js statements on a simple events table with what any event store
 * needs and nothing more (a position, unique ids, unique actor+version), one autocommit statement
 * per write, the same row shape and JSON as ours, the server's default durability. With
 * `'aether'` the same statements write into an Aether schema's `events` table (all its indexes,
 * positions from its sequence, no actor row): what the table itself costs, apart from the adapter.
 */
export async function openRawPostgres(url: string, table: RawTable = 'bare'): Promise<Driver> {
  const schema = freshName('raw');
  if (table === 'aether') await createAetherTables(url, schema);
  else await createBareTable(url, schema);
  return rawDriver(url, schema);
}

async function createAetherTables(url: string, schema: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await (await createPostgresEventStore({ client, schema, migrate: true })).close();
  } finally {
    await client.end();
  }
}

async function createBareTable(url: string, schema: string): Promise<void> {
  await admin(
    url,
    `CREATE SCHEMA "${schema}";
     CREATE TABLE "${schema}".events (
       position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       id text NOT NULL UNIQUE,
       actor_id text NOT NULL,
       version bigint NOT NULL,
       event_type text NOT NULL,
       command_id text,
       data jsonb NOT NULL,
       metadata jsonb,
       "timestamp" timestamptz(3) NOT NULL,
       UNIQUE (actor_id, version))`,
  );
}

async function rawDriver(url: string, schema: string): Promise<Driver> {
  const sql = postgres(url, { max: POOL_SIZE, onnotice: () => {} });
  const table = sql(`${schema}.events`);

  const row = (event: Event) => ({
    id: event.id,
    actor_id: event.actorId,
    version: event.version,
    event_type: event.eventType,
    command_id: event.commandId ?? null,
    data: sql.json(event.data),
    metadata: sql.json(event.metadata ?? null),
    timestamp: event.timestamp,
  });
  const insertMany = async (events: Event[]) => {
    await sql`INSERT INTO ${table} ${sql(events.map(row))}`;
  };

  return {
    async append(actorId, version) {
      const event = benchEvent(actorId, version);
      await sql`INSERT INTO ${table} (id, actor_id, version, event_type, command_id, data, metadata, "timestamp")
        VALUES (${event.id}, ${event.actorId}, ${event.version}, ${event.eventType}, ${null},
          ${sql.json(event.data)}, ${sql.json(event.metadata ?? null)}, ${event.timestamp})`;
    },
    appendBatch: (actorId, firstVersion, count) => insertMany(benchEvents(actorId, firstVersion, count)),
    async readStream(actorId) {
      const rows =
        await sql`SELECT position, id, actor_id, version, event_type, command_id, data, metadata, "timestamp"
        FROM ${table} WHERE actor_id = ${actorId} AND version >= ${0} ORDER BY version`;
      return rows.length;
    },
    async latestVersion(actorId) {
      const [found] = await sql`SELECT max(version)::int8 AS v FROM ${table} WHERE actor_id = ${actorId}`;
      return Number(found?.v ?? 0);
    },
    async readAll(pageSize) {
      let read = 0;
      let after = 0;
      for (;;) {
        const rows =
          await sql`SELECT position, id, actor_id, version, event_type, command_id, data, metadata, "timestamp"
          FROM ${table} WHERE position > ${after} ORDER BY position LIMIT ${pageSize}`;
        read += rows.length;
        const last = rows.at(-1);
        if (rows.length < pageSize || last === undefined) return read;
        after = Number(last.position);
      }
    },
    async seed(actorId, count) {
      for (let done = 0; done < count; done += 1000) {
        await insertMany(benchEvents(actorId, done + 1, Math.min(1000, count - done)));
      }
    },
    async close() {
      await sql.end();
      await admin(url, `DROP SCHEMA "${schema}" CASCADE`);
    },
  };
}
