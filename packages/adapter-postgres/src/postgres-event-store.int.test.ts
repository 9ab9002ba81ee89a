import { createEvent, isAetherError } from '@aether/core';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient, createTestStore, databaseUrl, dropSchema, uniqueSchema } from '../test/helpers.ts';
import { createPostgresEventStore } from './postgres-event-store.ts';

const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

async function track<T extends { schema: string }>(store: Promise<T>): Promise<T> {
  const opened = await store;
  schemas.push(opened.schema);
  return opened;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    expect(isAetherError(error), String(error)).toBe(true);
    return (error as { code: string }).code;
  }
}

describe('createPostgresEventStore', () => {
  it('rejects bad options with INVALID_ARGUMENT before connecting', async () => {
    for (const schema of ['', '1abc', 'a-b', 'a"b', 'pg_catalog', 'x'.repeat(64), 'drop table;']) {
      expect(await codeOf(createPostgresEventStore({ connectionString: databaseUrl(), schema }))).toBe(
        'INVALID_ARGUMENT',
      );
    }
    const client = postgres(databaseUrl(), { max: 1 });
    expect(await codeOf(createPostgresEventStore({ connectionString: databaseUrl(), client }))).toBe(
      'INVALID_ARGUMENT',
    );
    await client.end();
    expect(
      await codeOf(createPostgresEventStore({ connectionString: databaseUrl(), pollIntervalMs: 0 })),
    ).toBe('INVALID_ARGUMENT');
  });

  it('refuses an unmigrated schema with STORE_UNAVAILABLE saying what to do', async () => {
    const schema = uniqueSchema();
    const error = await createPostgresEventStore({ connectionString: databaseUrl(), schema }).catch((e) => e);
    expect(isAetherError(error, 'STORE_UNAVAILABLE')).toBe(true);
    expect(error.message).toContain('migrate: true');
  });

  it('reports an unreachable server as STORE_UNAVAILABLE', async () => {
    const error = await createPostgresEventStore({
      connectionString: 'postgres://postgres@127.0.0.1:1/postgres',
      schema: uniqueSchema(),
    }).catch((e) => e);
    expect(isAetherError(error, 'STORE_UNAVAILABLE')).toBe(true);
    expect(error.cause).toBeDefined();
  });

  it('opens an existing schema without migrate, and sees what another store wrote', async () => {
    const first = await track(createTestStore());
    const event = createEvent({ actorId: 'a', eventType: 'T', version: 1, data: { n: 1 } });
    await first.saveEvent(event);
    const second = await createPostgresEventStore({ connectionString: databaseUrl(), schema: first.schema });
    expect(await second.getEvents('a')).toEqual([{ ...event, position: expect.any(Number) }]);
    await second.close();
    await first.close();
  });

  it('returns bigint columns as numbers, up to the largest safe integer', async () => {
    const store = await track(createTestStore());
    const event = createEvent({ actorId: 'a', eventType: 'T', version: Number.MAX_SAFE_INTEGER, data: {} });
    const saved = await store.saveEvent(event);
    expect(typeof saved.position).toBe('number');
    const [read] = await store.getEvents('a');
    expect(read?.version).toBe(Number.MAX_SAFE_INTEGER);
    expect(typeof read?.position).toBe('number');
    expect(await store.getLatestVersion('a')).toBe(Number.MAX_SAFE_INTEGER);
    const { actors } = await store.listActors();
    expect(actors[0]).toMatchObject({ latestVersion: Number.MAX_SAFE_INTEGER, eventCount: 1 });
    await store.close();
  });

  it('isolates namespaces: same actor ids, separate streams, logs and ids', async () => {
    const one = await track(createTestStore());
    const two = await track(createTestStore());
    const event = createEvent({ actorId: 'shared', eventType: 'T', version: 1, data: { store: 1 } });
    await one.saveEvent(event);
    // The same event id is free in the other namespace.
    await two.saveEvent({ ...event, data: { store: 2 } });
    expect((await one.getEvents('shared')).map((e) => e.data)).toEqual([{ store: 1 }]);
    expect((await two.getEvents('shared')).map((e) => e.data)).toEqual([{ store: 2 }]);
    expect((await one.readAll()).events).toHaveLength(1);
    await one.close();
    await two.close();
  });

  it('closes: later calls fail with STORE_CLOSED, close twice is fine, a given client stays open', async () => {
    const client = postgres(databaseUrl(), { max: 2, onnotice: () => {} });
    const schema = uniqueSchema();
    schemas.push(schema);
    const store = await createPostgresEventStore({ client, schema, migrate: true });
    const subscription = store.subscribe({}, () => {});
    await store.close();
    await store.close();
    await subscription.done;
    expect(await codeOf(store.getLatestVersion('a'))).toBe('STORE_CLOSED');
    expect(
      await codeOf(store.saveEvent(createEvent({ actorId: 'a', eventType: 'T', version: 1, data: {} }))),
    ).toBe('STORE_CLOSED');
    expect(() => store.subscribe({}, () => {})).toThrow(expect.objectContaining({ code: 'STORE_CLOSED' }));
    const [row] = await client`select 1 as one`;
    expect(row?.one).toBe(1);
    await client.end();
  });

  it("leaves the caller's client parsers alone (Drizzle's migrator would change them)", async () => {
    const client = postgres(databaseUrl(), { max: 2, onnotice: () => {} });
    const schema = uniqueSchema();
    schemas.push(schema);
    await client`select 1`; // connected: the client has fetched its array types
    const before = { ...client.options.parsers };
    const store = await createPostgresEventStore({ client, schema, migrate: true });
    for (const type of [1082, 1114, 1184]) expect(client.options.parsers[type]).toBe(before[type]);
    const [row] = await client`select now() as now`;
    expect(row?.now).toBeInstanceOf(Date);
    await store.close();
    await client.end();
  });

  it('works through a client of the caller that parses int8 as BigInt and skips prepared statements', async () => {
    const client = postgres(databaseUrl(), {
      max: 2,
      prepare: false,
      types: { bigint: postgres.BigInt },
      onnotice: () => {},
    });
    const schema = uniqueSchema();
    schemas.push(schema);
    const store = await createPostgresEventStore({ client, schema, migrate: true });
    const saved = await store.appendEvents('a', [
      { eventType: 'T', data: { n: 1 } },
      { eventType: 'T', data: {} },
    ]);
    expect(saved.map((e) => [e.version, typeof e.position])).toEqual([
      [1, 'number'],
      [2, 'number'],
    ]);
    expect(await store.getLatestVersion('a')).toBe(2);
    expect((await store.readAll()).events.map((e) => e.version)).toEqual([1, 2]);
    await store.close();
    await client.end();
  });

  it('turns a dropped schema into STORE_UNAVAILABLE, not a driver error', async () => {
    const store = await createTestStore();
    await dropSchema(store.schema);
    const error = await store.getLatestVersion('a').catch((e) => e);
    expect(isAetherError(error, 'STORE_UNAVAILABLE')).toBe(true);
    expect(error.constructor.name).toBe('AetherError');
    await store.close();
  });

  it('closes promptly while a subscription waits to retry a lost server', async () => {
    const schema = uniqueSchema();
    const role = `${schema}_app`;
    const sql = adminClient();
    try {
      await (
        await track(createPostgresEventStore({ connectionString: databaseUrl(), schema, migrate: true }))
      ).close();
      // A role of its own, so that its connections can be refused while the test's still work.
      await sql.unsafe(`CREATE ROLE "${role}" LOGIN PASSWORD 'app';
        GRANT USAGE ON SCHEMA "${schema}" TO "${role}";
        GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA "${schema}" TO "${role}";
        GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA "${schema}" TO "${role}";`);
      const url = new URL(databaseUrl());
      url.username = role;
      url.password = 'app';
      const store = await createPostgresEventStore({
        connectionString: url.toString(),
        schema,
        pollIntervalMs: 50,
      });
      const subscription = store.subscribe({}, () => {});
      await store.saveEvent(createEvent({ actorId: 'a', eventType: 'T', version: 1, data: {} }));

      await sql.unsafe(`ALTER ROLE "${role}" NOLOGIN`);
      await sql.unsafe(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '${role}'`);
      // The subscription's reads now fail; after waits of 0.1, 0.25, 0.5, 1 and 2 s it waits 4 s.
      await new Promise((resolve) => setTimeout(resolve, 4300));
      const started = Date.now();
      await store.close();
      // Not the rest of that wait (~3.5 s); ending the pool may take up to its 2 s timeout while
      // postgres.js retries the refused connections.
      expect(Date.now() - started).toBeLessThan(3000);
      await subscription.done;
    } finally {
      await sql.unsafe(`DROP OWNED BY "${role}"; DROP ROLE IF EXISTS "${role}"`).catch(() => {});
      await sql.end();
    }
  });

  it('keeps the tables documented in the README', async () => {
    const store = await track(createTestStore());
    const sql = adminClient();
    const tables = await sql`
      select table_name from information_schema.tables where table_schema = ${store.schema} order by 1`;
    expect(tables.map((t) => t.table_name)).toEqual([
      '__drizzle_migrations',
      'actors',
      'events',
      'snapshots',
    ]);
    await sql.end();
    await store.close();
  });
});
