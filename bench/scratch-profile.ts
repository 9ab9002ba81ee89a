import { createPostgresEventStore } from '@aether/adapter-postgres';
import postgres from 'postgres';
import { benchDraft, benchEvent, benchEvents } from './src/payload.ts';
import { startEmbeddedPostgres } from './src/postgres/embedded-server.ts';
import { openRawPostgres } from './src/postgres/raw-postgres-driver.ts';

const pg = await startEmbeddedPostgres();
const url = pg.url;
const counts = new Map<string, number>();
const client = postgres(url, {
  max: 16,
  onnotice: () => {},
  debug: (_c, q) => {
    const k = q.replace(/\s+/g, ' ').slice(0, 60);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  },
});
const store = await createPostgresEventStore({ client, schema: 'prof', migrate: true });
const admin = postgres(url, { max: 1 });
const wal = async () =>
  (
    await admin`SELECT coalesce(sum(fsyncs),0)::int8 AS fsyncs, coalesce(sum(writes),0)::int8 AS writes FROM pg_stat_io WHERE object = 'wal'`
  )[0];
const xacts = async () =>
  (await admin`SELECT xact_commit::int8 FROM pg_stat_database WHERE datname = current_database()`)[0]
    ?.xact_commit;
async function measure(label: string, n: number, fn: (i: number) => Promise<unknown>, writers = 1) {
  counts.clear();
  await admin`SELECT pg_stat_force_next_flush()`;
  const w0 = await wal();
  const x0 = await xacts();
  const t = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < n; i++) await fn(w * 1_000_000 + i);
    }),
  );
  const ms = performance.now() - t;
  await new Promise((r) => setTimeout(r, 1200));
  const w1 = await wal();
  const x1 = await xacts();
  const total = n * writers;
  console.log(
    `${label}: ${Math.round((total / ms) * 1000)}/s; statements/op ${([...counts.values()].reduce((a, b) => a + b, 0) / total).toFixed(2)}; wal fsyncs/op ${((Number(w1.fsyncs) - Number(w0.fsyncs)) / total).toFixed(2)}; commits/op ${((Number(x1) - Number(x0)) / total).toFixed(2)}`,
  );
  for (const [k, v] of counts) console.log('   ', v, k);
}
const raw = await openRawPostgres(url);
for (let round = 0; round < 2; round++) {
  await measure('raw INSERT x1', 500, (i) => raw.append!(`r${round}`, (i % 1_000_000) + 1));
  await measure('saveEvent x1', 500, (i) => store.saveEvent(benchEvent(`s${round}`, (i % 1_000_000) + 1)));
  await measure('appendEvents x1', 500, (i) =>
    store.appendEvents(`a${round}`, [benchDraft()], { expectedVersion: i % 1_000_000 }),
  );
  await measure(
    'raw INSERT x16',
    100,
    (i) => raw.append!(`r16${round}-${Math.floor(i / 1_000_000)}`, (i % 1_000_000) + 1),
    16,
  );
  await measure(
    'saveEvent x16',
    100,
    (i) => store.saveEvent(benchEvent(`s16${round}-${Math.floor(i / 1_000_000)}`, (i % 1_000_000) + 1)),
    16,
  );
}
await store.close();
await client.end();
await raw.close();
await admin.end();
await pg.stop();
