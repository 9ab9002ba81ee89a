import { createPostgresEventStore } from '@aether/adapter-postgres';
import postgres from 'postgres';
import { decodeEventRow } from '../packages/adapter-postgres/src/rows.ts';
import { buildStatements } from '../packages/adapter-postgres/src/statements.ts';
import { benchEvents } from './src/payload.ts';
import { startEmbeddedPostgres } from './src/postgres/embedded-server.ts';
import { openRawPostgres } from './src/postgres/raw-postgres-driver.ts';

const pg = await startEmbeddedPostgres();
const client = postgres(pg.url, { max: 4, onnotice: () => {} });
const store = await createPostgresEventStore({ client, schema: 'prof', migrate: true });
for (let i = 0; i < 10; i++) await store.saveEvents(benchEvents('big', i * 1000 + 1, 1000));
const raw = await openRawPostgres(pg.url);
await raw.seed('big', 10000);
const st = buildStatements('prof');
const time = async (label: string, fn: () => Promise<unknown>) => {
  const ts: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    await fn();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  console.log(label.padEnd(40), 'median ms', ts[7]!.toFixed(1));
};
let rows: unknown[][] = [];
for (let r = 0; r < 2; r++) {
  await time('raw SELECT (postgres.js objects)', () => raw.readStream!('big'));
  await time('store.getEvents', () => store.getEvents('big'));
  await time('adapter statement only (values)', async () => {
    rows = (await client.unsafe(st.stream, ['big', 0], { prepare: true }).values()) as unknown as unknown[][];
  });
  await time('decodeEventRow x10000 (node only)', async () => {
    for (const row of rows) decodeEventRow(row);
  });
  await time('statement without extract/::text', async () => {
    await client
      .unsafe(
        `SELECT e.position, e.id, e.event_type, e.actor_id, e.command_id, e.version, e.data, e.metadata, e."timestamp" FROM prof.events e WHERE e.actor_id = $1::text AND e.version >= $2::int8 ORDER BY e.version`,
        ['big', 0],
        { prepare: true },
      )
      .values();
  });
  await time('adapter stmt, server only (count)', async () => {
    await client.unsafe(`SELECT count(*) FROM (${st.stream}) x`, ['big', 0], { prepare: true });
  });
  await time('raw stmt, server only (count)', async () => {
    await client.unsafe(
      `SELECT count(*) FROM (SELECT position, id, actor_id, version, event_type, command_id, data::text, metadata::text, "timestamp" FROM ${raw ? 'bench_raw_' + process.pid + '_1' : ''}.events WHERE actor_id = $1 AND version >= 0 ORDER BY version) x`,
      ['big'],
      { prepare: true },
    );
  });
}
console.log(
  (await client.unsafe(`EXPLAIN ANALYZE ${st.stream.replace('$1::text', "'big'").replace('$2::int8', '0')}`))
    .map((r) => r['QUERY PLAN'])
    .join('\n'),
);
await store.close();
await client.end();
await raw.close();
await pg.stop();
