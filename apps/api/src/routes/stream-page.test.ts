import { createMemoryBackend, createMemoryEventStore } from '@aether/adapter-memory';
import { createEvent } from '@aether/core';
import { describe, expect, it } from 'vitest';
import { httpClient } from '../../test/http.ts';
import { createApp } from '../index.ts';

describe('GET /api/actors/:id/events pages', () => {
  it('read one page at a time, and report a corrupt record on its page instead of failing', async () => {
    const backend = createMemoryBackend();
    const store = createMemoryEventStore({ backend });
    for (let version = 1; version <= 5; version++) {
      await store.saveEvent(createEvent({ actorId: 'a', eventType: 'Tick', version, data: { version } }));
    }
    const http = httpClient(createApp({ store, storeName: 'memory' }));
    const first = await http.get('/api/actors/a/events?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.events.map((event: { version: number }) => event.version)).toEqual([1, 2]);
    expect(first.body).toMatchObject({ errors: [], next: 3 });

    // Damage version 4 in the backend, as a torn or edited record would be.
    const record = backend.namespace('default').actors.get('a')?.records[3];
    if (record === undefined) throw new Error('version 4 is not stored');
    record.text = '{"broken';

    const damaged = await http.get('/api/actors/a/events?from=3&limit=2');
    expect(damaged.status).toBe(200);
    expect(damaged.body.events.map((event: { version: number }) => event.version)).toEqual([3, 5]);
    expect(damaged.body.errors).toHaveLength(1);
    expect(damaged.body.errors[0]).toMatchObject({ position: record.position });
    expect(damaged.body.next).toBeNull();
    await store.close();
  });
});
