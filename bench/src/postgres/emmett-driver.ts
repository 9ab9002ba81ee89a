import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import type { Driver } from '../driver.ts';
import { EVENT_DATA, EVENT_METADATA, EVENT_TYPE } from '../payload.ts';
import { admin, databaseUrl, freshName, POOL_SIZE } from './namespaces.ts';

type OrderPlaced = { type: typeof EVENT_TYPE; data: typeof EVENT_DATA; metadata: typeof EVENT_METADATA };

const event = (): OrderPlaced => ({ type: EVENT_TYPE, data: EVENT_DATA, metadata: EVENT_METADATA });

/**
 * The peer: Emmett's PostgreSQL event store with its own schema (tables named without a schema, so
 * each subject gets a fresh database on the same server), on a node-postgres pool of the same size.
 */
export async function openEmmett(url: string): Promise<Driver> {
  const database = freshName('emmett');
  await admin(url, `CREATE DATABASE "${database}"`);
  const connectionString = databaseUrl(url, database);
  const pool = new pg.Pool({ connectionString, max: POOL_SIZE });
  // An idle connection the server drops (the run is stopping) must not crash the process.
  pool.on('error', () => {});
  const store = getPostgreSQLEventStore(connectionString, {
    schema: { autoMigration: 'CreateOrUpdate' },
    connectionOptions: { pool },
  });
  await store.schema.migrate();

  const append = async (streamName: string, expected: number, events: OrderPlaced[]) => {
    await store.appendToStream(streamName, events, { expectedStreamVersion: BigInt(expected) });
  };

  return {
    appendExpected: (actorId, expectedVersion) => append(actorId, expectedVersion, [event()]),
    appendBatch: (actorId, firstVersion, count) =>
      append(actorId, firstVersion - 1, Array.from({ length: count }, event)),
    async readStream(actorId) {
      const { events } = await store.readStream(actorId);
      return events.length;
    },
    async seed(actorId, count) {
      const { currentStreamVersion } = await store.readStream(actorId);
      let version = Number(currentStreamVersion);
      for (let done = 0; done < count; done += 1000) {
        const size = Math.min(1000, count - done);
        await append(actorId, version, Array.from({ length: size }, event));
        version += size;
      }
    },
    async close() {
      await pool.end();
      await admin(url, `DROP DATABASE "${database}" WITH (FORCE)`);
    },
  };
}
