import { createPostgresEventStore } from '@aether/adapter-postgres';
import postgres from 'postgres';
import { benchDraft, benchEvent } from './src/payload.ts';
import { startEmbeddedPostgres } from './src/postgres/embedded-server.ts';

const pg = await startEmbeddedPostgres();
// Diagnostic only: no WAL flush wait, so the rate shows execution cost + round trip.
const opts = { max: 1, onnotice: () => {}, connection: { synchronous_commit: 'off' } } as const;
const rawSql = postgres(pg.url, opts);
await rawSql.unsafe(
  `CREATE TABLE raw_events (position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id text NOT NULL UNIQUE, actor_id text NOT NULL, version bigint NOT NULL, event_type text NOT NULL, command_id text, data jsonb NOT NULL, metadata jsonb, "timestamp" timestamptz(3) NOT NULL, UNIQUE (actor_id, version))`,
);
const client = postgres(pg.url, opts);
const store = await createPostgresEventStore({ client, schema: 'prof', migrate: true });
const run = async (label: string, n: number, fn: (i: number) => Promise<unknown>) => {
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  const ms = performance.now() - t;
  console.log(label.padEnd(28), ((ms / n) * 1000).toFixed(0), 'µs/op');
};
for (let r = 0; r < 3; r++) {
  await run('raw INSERT', 3000, (i) => {
    const e = benchEvent(`r${r}`, i + 1);
    return rawSql`INSERT INTO raw_events (id, actor_id, version, event_type, command_id, data, metadata, "timestamp") VALUES (${e.id}, ${e.actorId}, ${e.version}, ${e.eventType}, ${null}, ${rawSql.json(e.data)}, ${rawSql.json(e.metadata ?? null)}, ${e.timestamp})`;
  });
  await run('saveEvent', 3000, (i) => store.saveEvent(benchEvent(`s${r}`, i + 1)));
  await run('appendEvents', 3000, (i) => store.appendEvents(`a${r}`, [benchDraft()], { expectedVersion: i }));
  await run('SELECT 1', 3000, () => rawSql`SELECT 1`);
}
await store.close();
await client.end();
await rawSql.end();
await pg.stop();
