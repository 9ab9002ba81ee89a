import { createPostgresEventStore } from '@aether/adapter-postgres';
import postgres from 'postgres';
import { decodeEventRow } from '../packages/adapter-postgres/src/rows.ts';
import { buildStatements } from '../packages/adapter-postgres/src/statements.ts';
import { benchEvents } from './src/payload.ts';
import { startEmbeddedPostgres } from './src/postgres/embedded-server.ts';

const pg = await startEmbeddedPostgres();
const client = postgres(pg.url, { max: 4, onnotice: () => {} });
const store = await createPostgresEventStore({ client, schema: 'prof', migrate: true });
for (let i = 0; i < 10; i++) await store.saveEvents(benchEvents('big', i * 1000 + 1, 1000));
const st = buildStatements('prof');
const rows = (await client
  .unsafe(st.stream, ['big', 0], { prepare: true })
  .values()) as unknown as unknown[][];
const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
function direct(row: readonly unknown[]) {
  const [position, id, eventType, actorId, commandId, version, data, metadata, millis] = row;
  const d = JSON.parse(String(data));
  const m = metadata === null ? undefined : JSON.parse(String(metadata));
  if (
    !isObject(d) ||
    (m !== undefined && !(isObject(m) && Object.values(m).every((v) => typeof v === 'string')))
  )
    throw new Error('corrupt');
  const e: Record<string, unknown> = {
    id: String(id),
    eventType: String(eventType),
    actorId: String(actorId),
    version: Number(version),
    data: d,
    timestamp: new Date(Number(millis)),
    position: Number(position),
  };
  if (commandId !== null) e.commandId = commandId;
  if (m !== undefined) e.metadata = m;
  return e;
}
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  for (let k = 0; k < 5; k++) for (const row of rows) decodeEventRow(row);
  const a = (performance.now() - t) / 5;
  t = performance.now();
  for (let k = 0; k < 5; k++) for (const row of rows) direct(row);
  const b = (performance.now() - t) / 5;
  console.log(`decodeEventRow ${a.toFixed(1)} ms / 10k; direct ${b.toFixed(1)} ms / 10k`);
}
await store.close();
await client.end();
await pg.stop();
