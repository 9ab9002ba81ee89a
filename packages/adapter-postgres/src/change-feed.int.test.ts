import { createEvent } from '@aether/core';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { adminClient, createTestStore, databaseUrl, dropSchema, waitUntil } from '../test/helpers.ts';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store.ts';

const stores: PostgresEventStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0).reverse()) await store.close();
});

describe('subscriptions across stores', () => {
  it('are woken by NOTIFY from another pool, and again after their listener connection is killed', async () => {
    const writer = await createTestStore();
    stores.push(writer);
    // Polling effectively off: only a notification can deliver within the test.
    const client = postgres(databaseUrl(), {
      onnotice: () => {},
      connection: { application_name: 'aether-feed-test' },
    });
    const reader = await createPostgresEventStore({ client, schema: writer.schema, pollIntervalMs: 600_000 });
    stores.push(reader);
    const seen: number[] = [];
    const subscription = reader.subscribe({}, (event) => {
      seen.push(event.version);
    });
    const sql = adminClient();
    try {
      await waitUntil(
        async () =>
          (
            await sql`SELECT 1 FROM pg_stat_activity WHERE application_name = 'aether-feed-test' AND query = 'listen "aether_events"'`
          ).length > 0,
        10_000,
        'the listener',
      );
      await writer.saveEvent(createEvent({ actorId: 'a', eventType: 'T', version: 1, data: {} }));
      await waitUntil(() => seen.length === 1, 10_000, 'the first event');

      await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE query = 'listen "aether_events"' AND application_name = 'aether-feed-test'`;
      await writer.saveEvent(createEvent({ actorId: 'a', eventType: 'T', version: 2, data: {} }));
      // The listener reconnects, LISTENs again and wakes the subscription, which then reads.
      await waitUntil(() => seen.length === 2, 20_000, 'the event after the reconnect');
      await writer.saveEvent(createEvent({ actorId: 'a', eventType: 'T', version: 3, data: {} }));
      await waitUntil(() => seen.length === 3, 10_000, 'an event notified on the new connection');
      expect(seen).toEqual([1, 2, 3]);
    } finally {
      await subscription.close();
      await reader.close();
      await client.end();
      await sql.end();
      await dropSchema(writer.schema);
    }
  });
});
