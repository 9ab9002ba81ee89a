import { createPostgresEventStore } from '@aether/adapter-postgres';
import postgres from 'postgres';
import { buildStatements } from '../packages/adapter-postgres/src/statements.ts';
import { benchEvent } from './src/payload.ts';
import { startEmbeddedPostgres } from './src/postgres/embedded-server.ts';

const pg = await startEmbeddedPostgres();
const sql = postgres(pg.url, { max: 1, onnotice: () => {}, connection: { synchronous_commit: 'off' } });
const store = await createPostgresEventStore({ client: sql, schema: 'prof', migrate: true });
const st = buildStatements('prof');
const params = (e: ReturnType<typeof benchEvent>) => [
  e.id,
  e.actorId,
  e.version,
  e.eventType,
  null,
  JSON.stringify(e.data),
  JSON.stringify(e.metadata),
  e.timestamp.toISOString(),
];
let v = 0;
for (; v < 2000; v++) await sql.unsafe(st.saveOne, params(benchEvent('warm', v + 1)), { prepare: true });
const plan = await sql.unsafe(
  `EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF) ${st.saveOne}`,
  params(benchEvent('warm', ++v + 1)) as never[],
);
console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
const time = async (label: string, text: string, mk: (i: number) => unknown[]) => {
  const n = 2000;
  const t = performance.now();
  for (let i = 0; i < n; i++) await sql.unsafe(text, mk(i) as never[], { prepare: true });
  console.log(label.padEnd(50), (((performance.now() - t) / n) * 1000).toFixed(0), 'µs/op');
};
const ev = (actor: string) => (i: number) => params(benchEvent(actor, i + 1));
const insertOnly = `INSERT INTO prof.events (position, id, actor_id, version, event_type, command_id, data, metadata, "timestamp") VALUES (nextval('prof.events_position_seq'), $1::text, $2::text, $3::int8, $4::text, $5::text, $6::text::jsonb, $7::text::jsonb, $8::text::timestamptz)`;
for (let r = 0; r < 2; r++) {
  await time('saveOne (full)', st.saveOne, ev(`a${r}`));
  await time('INSERT events only (all indexes, tx_id)', insertOnly, ev(`b${r}`));
  await time(
    'advisory xact lock only',
    `SELECT pg_advisory_xact_lock(hashtextextended('prof/' || $1::text, 0))`,
    (i) => [`c${i}`],
  );
  await time(
    'reserve_positions only',
    `SELECT prof.reserve_positions(1, 'prof.events_position_seq'::regclass, hashtextextended('aether.positions.prof', 0), hashtextextended('aether.writers.prof', 0))`,
    () => [],
  );
  await time(
    'actor upsert only',
    `INSERT INTO prof.actors AS a (actor_id, latest_version, event_count, first_event_at, last_event_at, last_event_type) VALUES ($1::text, $2::int8, 1, now(), now(), 'x') ON CONFLICT (actor_id) DO UPDATE SET latest_version = excluded.latest_version, event_count = a.event_count + 1 WHERE a.latest_version < excluded.latest_version`,
    (i) => [`d${r}`, i + 1],
  );
  await time('SELECT 1', 'SELECT 1', () => []);
}
await sql.unsafe(
  `DROP INDEX prof.events_meta_correlationid_idx, prof.events_meta_causationid_idx, prof.events_meta_userid_idx, prof.events_meta_traceid_idx, prof.events_meta_spanid_idx, prof.events_type_position_idx`,
);
for (let r = 0; r < 2; r++)
  await time('INSERT events only, without meta+type indexes', insertOnly, ev(`e${r}`));
await store.close();
await sql.end();
await pg.stop();
