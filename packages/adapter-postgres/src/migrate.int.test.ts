import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient, databaseUrl, dropSchema, uniqueSchema } from '../test/helpers.ts';
import { startWorker } from '../test/worker-process.ts';
import { latestMigrationMillis, MIGRATIONS_FOLDER, MIGRATIONS_TABLE, migrateSchema } from './migrate.ts';
import { createPostgresEventStore } from './postgres-event-store.ts';

const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

/** How many migrations the package ships (drizzle-kit's journal). */
const JOURNAL = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
  entries: unknown[];
};
const SHIPPED = JOURNAL.entries.length;

/** A copy of the shipped migrations as they were up to (and including) the `count`-th. */
function migrationsUpTo(count: number): string {
  const folder = mkdtempSync(join(tmpdir(), 'aether-migrations-'));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  writeFileSync(
    join(folder, 'meta/_journal.json'),
    JSON.stringify({ ...JOURNAL, entries: JOURNAL.entries.slice(0, count) }),
  );
  return folder;
}

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

  it('upgrade a schema written by the previous version without losing or reordering an event', async () => {
    const schema = uniqueSchema('mig');
    schemas.push(schema);
    const sql = adminClient();
    const folder = migrationsUpTo(2); // before lock-free positions (0002)
    try {
      await migrateSchema(sql, schema, folder);
      expect(await appliedMigrations(schema)).toHaveLength(2);
      // Rows as the previous version left them: positions from the sequence, tx_id stamped.
      await sql.unsafe(`
        INSERT INTO "${schema}".actors VALUES ('a', 2, 2, now(), now(), 'T');
        INSERT INTO "${schema}".events (position, id, actor_id, version, event_type, data, "timestamp")
        SELECT nextval('"${schema}".events_position_seq'), 'old-' || v, 'a', v, 'T', '{}', now()
        FROM generate_series(1, 2) AS v;`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
      await sql.end();
    }
    const store = await createPostgresEventStore({ connectionString: databaseUrl(), schema, migrate: true });
    try {
      const before = await store.readAll();
      expect(before.events.map((e) => e.id)).toEqual(['old-1', 'old-2']);
      const [appended] = await store.appendEvents('a', [{ eventType: 'T', data: {} }], {
        expectedVersion: 2,
      });
      expect(appended?.version).toBe(3);
      expect(appended?.position).toBeGreaterThan(before.events[1]?.position as number);
      expect((await store.readAll()).events.map((e) => e.version)).toEqual([1, 2, 3]);
      expect(await appliedMigrations(schema)).toHaveLength(SHIPPED);
    } finally {
      await store.close();
    }
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
