import { createEvent, isAetherError } from '@aether/core';
import postgres from 'postgres';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  adminClient,
  createTestStore,
  databaseUrl,
  dropSchema,
  uniqueSchema,
  waitUntil,
} from '../test/helpers.ts';
import type { PostgresEventStore } from './postgres-event-store.ts';
import { createPostgresEventStore } from './postgres-event-store.ts';
import { positionFloorKey } from './statements.ts';

const stores: PostgresEventStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) {
    await store.close();
    await dropSchema(store.schema);
  }
});

async function freshStore() {
  const store = await createTestStore();
  stores.push(store);
  return store;
}

const event = (actorId: string, version: number, data = {}) =>
  createEvent({ actorId, eventType: 'T', version, data });

describe('writes', () => {
  it('leave nothing half-written when the connection is killed mid-append', async () => {
    const store = await freshStore();
    await store.saveEvent(event('k', 1));
    const before = await store.readAll();
    const sql = adminClient();
    onTestFinished(() => sql.end({ timeout: 1 }));

    for (const write of [
      () =>
        store.appendEvents('k', [
          { eventType: 'A', data: {} },
          { eventType: 'B', data: {} },
          { eventType: 'C', data: {} },
        ]),
      () => store.saveEvents([event('k', 2), event('k', 3)]),
      () => store.saveEvent(event('k', 2)),
    ]) {
      // Hold the position bound every write publishes, exclusively: the write stops after it
      // changed the actor row and before it takes positions.
      const locker = await sql.reserve();
      await locker.unsafe('BEGIN');
      await locker.unsafe(
        `SELECT pg_advisory_xact_lock(${positionFloorKey(store.schema)},
          (coalesce(pg_sequence_last_value('"${store.schema}".events_position_seq'), 0) & 4294967295)::bit(32)::int4)`,
      );
      const pending = write().then(
        () => null,
        (error: unknown) => error,
      );
      let pid: number | undefined;
      await waitUntil(
        async () => {
          const [row] = await sql`
            SELECT pid FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND state = 'active' AND query LIKE ${`%"${store.schema}".events_position_seq%`}`;
          pid = row?.pid;
          return pid !== undefined;
        },
        10_000,
        'the write to wait on its position bound',
      );
      await sql`SELECT pg_terminate_backend(${pid as number})`;
      const error = await pending;
      expect(isAetherError(error, 'STORE_UNAVAILABLE'), String(error)).toBe(true);
      await locker.unsafe('ROLLBACK');
      locker.release();

      expect(await store.getEvents('k')).toEqual(before.events);
      expect(await store.readAll()).toEqual(before);
      const [actor] = (await store.listActors()).actors;
      expect(actor).toMatchObject({ latestVersion: 1, eventCount: 1 });
    }
    // The pool replaces the killed connection.
    const [next] = await store.appendEvents('k', [{ eventType: 'D', data: {} }]);
    expect(next?.version).toBe(2);
  });

  it('store a batch whole or not at all', async () => {
    const store = await freshStore();
    await store.saveEvent(event('a', 3));
    const other = await store.saveEvent(event('b', 1));
    await expect(
      store.saveEvents([event('a', 4), event('a', 5), { ...event('a', 6), id: other.id }]),
    ).rejects.toMatchObject({
      code: 'DUPLICATE_EVENT_ID',
    });
    await expect(store.saveEvents([event('a', 2), event('a', 7)])).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      currentVersion: 3,
      attemptedVersion: 2,
    });
    expect((await store.getEvents('a')).map((e) => e.version)).toEqual([3]);
    expect((await store.listActors()).actors.find((a) => a.actorId === 'a')).toMatchObject({ eventCount: 1 });
  });

  it('answer retries with what is stored', async () => {
    const store = await freshStore();
    const first = await store.saveEvent(event('a', 1, { n: 1 }));
    // Same id, actor and version, other data: an idempotent retry returns the stored event.
    expect(await store.saveEvent({ ...first, data: { n: 2 } })).toEqual(first);
    const drafts = [
      { id: 'draft-1', eventType: 'A', data: {} },
      { id: 'draft-2', eventType: 'B', data: {} },
    ];
    const appended = await store.appendEvents('a', drafts, { expectedVersion: 1 });
    expect(await store.appendEvents('a', drafts, { expectedVersion: 1 })).toEqual(appended);
    await expect(store.saveEvent(event('a', 2))).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    await expect(
      store.appendEvents('a', [{ eventType: 'C', data: {} }], { expectedVersion: 'no_stream' }),
    ).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      currentVersion: 3,
    });
    expect((await store.getEvents('a')).map((e) => e.version)).toEqual([1, 2, 3]);
  });

  it('retry serialization failures when the caller runs its sessions at SERIALIZABLE', async () => {
    const client = postgres(databaseUrl(), {
      max: 8,
      onnotice: () => {},
      connection: { default_transaction_isolation: 'serializable' },
    });
    onTestFinished(() => client.end());
    const store = await createPostgresEventStore({ client, schema: uniqueSchema(), migrate: true });
    stores.push(store);
    await store.saveEvent(event('a', 1));
    const appended = await Promise.all(
      Array.from({ length: 16 }, (_, index) =>
        store.appendEvents('a', [{ eventType: 'T', data: { index } }]),
      ),
    );
    expect(appended.map(([e]) => e?.version).sort((x, y) => (x as number) - (y as number))).toEqual(
      Array.from({ length: 16 }, (_, index) => index + 2),
    );
    expect(await store.getLatestVersion('a')).toBe(17);
  });
});
