/**
 * Single-event append rate of the store against plain postgres.js INSERTs of a similar row, on the
 * same server in the same run. Short batches of each contender are interleaved and the median batch
 * rate is reported, so background load on a shared machine hits all of them alike.
 * Uses DATABASE_URL, or starts an embedded PostgreSQL 18.
 * Usage: tsx scripts/append-rate.ts [batches per contender] [events per batch]
 */
import { randomUUID } from 'node:crypto';
import { startEmbeddedPostgres } from '@aether/test-postgres';
import postgres from 'postgres';
import { createPostgresEventStore } from '../src/index.ts';

const batches = Number(process.argv[2] ?? 30);
const perBatch = Number(process.argv[3] ?? 100);
const writers = 16;

const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres();
const url = process.env.DATABASE_URL ?? (embedded?.url as string);
const schema = `bench_${process.pid}`;
// Same pool size on both sides.
const sql = postgres(url, { max: writers, onnotice: () => {} });
const storeClient = postgres(url, { max: writers, onnotice: () => {} });
const store = await createPostgresEventStore({ client: storeClient, schema, migrate: true });
const [server] = await sql`select split_part(version(), ' on ', 1) as version`;

// The floor: a table like the events table (identity position, unique id, unique actor+version).
await sql.unsafe(`CREATE TABLE "${schema}".raw_events (
  position bigserial PRIMARY KEY, id text UNIQUE NOT NULL, actor_id text NOT NULL, version bigint NOT NULL,
  event_type text NOT NULL, data jsonb NOT NULL, metadata jsonb, "timestamp" timestamptz(3) NOT NULL,
  UNIQUE (actor_id, version))`);

// The same row into a copy of the store's events table (same indexes): the adapter's own overhead.
await sql.unsafe(`CREATE TABLE "${schema}".raw_copy (LIKE "${schema}".events INCLUDING ALL)`);

const data = { orderId: 'o-1', amount: 42.5, items: [{ sku: 'a', qty: 2 }], note: 'benchmark event' };
const metadata = { correlationId: randomUUID(), userId: 'u-1' };

type Write = (actorId: string, version: number) => Promise<unknown>;
const contenders: Record<string, Write> = {
  'raw INSERT': (actorId, version) =>
    sql`INSERT INTO ${sql(schema)}.raw_events (id, actor_id, version, event_type, data, metadata, "timestamp")
      VALUES (${randomUUID()}, ${actorId}, ${version}, 'Placed', ${sql.json(data)}, ${sql.json(metadata)}, ${new Date()})`,
  'raw INSERT, same indexes': (actorId, version) =>
    sql`INSERT INTO ${sql(schema)}.raw_copy (id, actor_id, version, event_type, data, metadata, "timestamp")
      VALUES (${randomUUID()}, ${actorId}, ${version}, 'Placed', ${sql.json(data)}, ${sql.json(metadata)}, ${new Date()})`,
  saveEvent: (actorId, version) =>
    store.saveEvent({
      id: randomUUID(),
      actorId,
      version,
      eventType: 'Placed',
      data,
      metadata,
      timestamp: new Date(),
    }),
  'appendEvents(1)': (actorId) => store.appendEvents(actorId, [{ eventType: 'Placed', data, metadata }]),
};

/** Events per second of one batch: `concurrency` writers, each appending to an actor of its own. */
async function batch(write: Write, concurrency: number): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const actorId = randomUUID();
      for (let version = 1; version <= perBatch; version++) await write(actorId, version);
    }),
  );
  return ((perBatch * concurrency) / (performance.now() - started)) * 1000;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

console.log(`${server?.version}; ${batches} interleaved batches per contender; median events/s:`);
for (const concurrency of [1, writers]) {
  const rates: Record<string, number[]> = {};
  for (const write of Object.values(contenders)) await batch(write, concurrency); // warm-up
  for (let round = 0; round < batches; round++) {
    for (const [name, write] of Object.entries(contenders)) {
      rates[name] ??= [];
      rates[name].push(await batch(write, concurrency));
    }
  }
  const floor = median(rates['raw INSERT'] as number[]);
  for (const [name, values] of Object.entries(rates)) {
    const rate = median(values);
    console.log(
      `  ${concurrency} writer(s)  ${name.padEnd(26)} ${rate.toFixed(0).padStart(6)}  ${(rate / floor).toFixed(2)}x`,
    );
  }
}

await store.close();
await storeClient.end();
await sql.unsafe(`DROP SCHEMA "${schema}" CASCADE`);
await sql.end();
await embedded?.stop();
