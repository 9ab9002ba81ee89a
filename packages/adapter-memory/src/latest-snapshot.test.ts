import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from './memory-event-store.ts';

describe('getLatestSnapshot', () => {
  it('answers for an actor with more snapshots than a spread of arguments can hold', async () => {
    const store = createMemoryEventStore();
    const count = 150_000;
    await store.appendEvents(
      'actor-a',
      Array.from({ length: count }, () => ({ eventType: 'Counted', data: {} })),
    );
    const timestamp = new Date();
    // Saved out of order, so the latest is not simply the last one saved.
    for (let version = 2; version <= count; version++) {
      await store.saveSnapshot({ actorId: 'actor-a', version, state: { version }, timestamp });
    }
    await store.saveSnapshot({ actorId: 'actor-a', version: 1, state: { version: 1 }, timestamp });
    expect(await store.getLatestSnapshot('actor-a')).toMatchObject({
      version: count,
      state: { version: count },
    });
  }, 60_000);
});
