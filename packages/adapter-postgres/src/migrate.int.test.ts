import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient, databaseUrl, dropSchema, uniqueSchema } from '../test/helpers.ts';
import { startWorker } from '../test/worker-process.ts';
import { latestMigrationMillis, MIGRATIONS_FOLDER, MIGRATIONS_TABLE } from './migrate.ts';
import { createPostgresEventStore } from './postgres-event-store.ts';

const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

/** How many migrations the package ships (drizzle-kit's journal). */
const SHIPPED = (
  JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: unknown[] }
).entries.length;

async function appliedMigrations(schema: string) {
  const sql = adminClient();
  try {
    return await sql.unsafe(`SELECT hash, created_at::text FROM "${schema}".${MIGRATIONS_TABLE} ORDER BY id`);
  } finally {
    await sql.end();
  }
}

describe('migrations', () => {
  it('are applied once when four processes migrate the same new schema at the same moment', async () => {
    const schema = uniqueSchema('mig');
    schemas.push(schema);
    const workers = Array.from({ length: 4 }, () => startWorker('migrator', [databaseUrl(), schema]));
    try {
      await Promise.all(workers.map((worker) => worker.waitFor((line) => line === 'ready')));
      const startAt = Date.now() + 500; // all at once, however slowly the processes started
      for (const worker of workers) worker.send(`go ${startAt}`);
      await Promise.all(workers.map((worker) => worker.waitFor((line) => line === 'migrated', 90_000)));
      await Promise.all(workers.map((worker) => worker.exited));
    } finally {
      for (const worker of workers) worker.kill();
    }
    const applied = await appliedMigrations(schema);
    expect(applied).toHaveLength(SHIPPED);
    expect(Number(applied.at(-1)?.created_at)).toBe(latestMigrationMillis());
    const store = await createPostgresEventStore({ connectionString: databaseUrl(), schema });
    expect((await store.listActors()).actors).toHaveLength(4);
    await store.close();
  });

  it('are safe from concurrent stores in one process, and a no-op when up to date', async () => {
    const schema = uniqueSchema('mig');
    schemas.push(schema);
    const stores = await Promise.all(
      Array.from({ length: 5 }, () =>
        createPostgresEventStore({ connectionString: databaseUrl(), schema, migrate: true }),
      ),
    );
    await Promise.all(stores.map((store) => store.close()));
    const again = await createPostgresEventStore({ connectionString: databaseUrl(), schema, migrate: true });
    await again.close();
    expect(await appliedMigrations(schema)).toHaveLength(SHIPPED);
  });

  it('refuse a schema whose bookkeeping is behind the shipped migrations', async () => {
    const schema = uniqueSchema('mig');
    schemas.push(schema);
    const store = await createPostgresEventStore({ connectionString: databaseUrl(), schema, migrate: true });
    await store.close();
    const sql = adminClient();
    await sql.unsafe(
      `DELETE FROM "${schema}".${MIGRATIONS_TABLE} WHERE created_at = (SELECT max(created_at) FROM "${schema}".${MIGRATIONS_TABLE})`,
    );
    await sql.end();
    const error = await createPostgresEventStore({ connectionString: databaseUrl(), schema }).catch((e) => e);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(error.message).toContain('behind');
  });
});
