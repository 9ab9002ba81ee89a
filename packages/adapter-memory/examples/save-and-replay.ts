// Saves a short order history with causation metadata and replays it into state.

import { createMemoryEventStore } from '@aether/adapter-memory';
import { causedBy, createEvent } from '@aether/core';

const store = createMemoryEventStore();
const placed = await store.saveEvent(
  createEvent({
    actorId: 'order-1001',
    eventType: 'OrderPlaced',
    version: 1,
    data: { total: 42.5, items: 3 },
  }),
);
await store.appendEvents(
  'order-1001',
  [{ eventType: 'OrderPaid', data: { amount: 42.5 }, metadata: causedBy(placed) }],
  {
    expectedVersion: 1,
  },
);
await store.saveEvent(
  createEvent({ actorId: 'order-1001', eventType: 'OrderShipped', version: 3, data: { carrier: 'DHL' } }),
);

const state: Record<string, unknown> = {};
for (const event of await store.getEvents('order-1001'))
  Object.assign(state, event.data, { status: event.eventType });
console.log('replayed order-1001 at version', await store.getLatestVersion('order-1001'), state);
await store.close();
