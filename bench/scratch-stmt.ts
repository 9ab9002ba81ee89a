import { createPostgresEventStore } from '@aether/adapter-postgres';
import postgres from 'postgres';
import { buildStatements } from '../packages/adapter-postgres/src/statements.ts';
import { benchEvents } from './src/payload.ts';
import { startEmbeddedPostgres } from './src/postgres/embedded-server.ts';

const pg = await startEmbeddedPostgres();
const client = postgres(pg.url, { max: 4, onnotice: () => {} });
const store = await createPostgresEventStore({ client, schema: 'prof', migrate: true });
for (let i = 0; i < 10; i++) await store.saveEvents(benchEvents('big', i * 1000 + 1, 1000));
const st = buildStatements('prof');
const cols = (ts: string) =>
  `SELECT e.position, e.id, e.event_type, e.actor_id, e.command_id, e.version, e.data::text, e.metadata::text, ${ts} FROM prof.events e WHERE e.actor_id = $1::text AND e.version >= $2::int8 ORDER BY e.version`;
const variants: Record<string, string> = {
  current: st.stream,
  'ts as float8 epoch via date_part': cols(`(date_part('epoch', e."timestamp") * 1000)::float8`),
  'ts raw (postgres.js Date)': cols('e."timestamp"'),
  'ts as text': cols('e."timestamp"::text'),
  'no ts': cols('1'),
};
const time = async (sql: string) => {
  const ts: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    await client.unsafe(sql, ['big', 0], { prepare: true }).values();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  return ts[7]!;
};
for (let r = 0; r < 2; r++) {
  for (const [k, v] of Object.entries(variants)) console.log(k.padEnd(36), (await time(v)).toFixed(1));
  console.log('--');
}
await client.unsafe('ANALYZE prof.events');
console.log('after ANALYZE');
for (const [k, v] of Object.entries(variants)) console.log(k.padEnd(36), (await time(v)).toFixed(1));
await store.close();
await client.end();
await pg.stop();
