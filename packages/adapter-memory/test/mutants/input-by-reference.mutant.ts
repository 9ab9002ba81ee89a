// The store keeps the caller's input object and serves it on reads.
import type { Event, RecordedEvent } from '@aether/core';
import { runMutant } from './run-mutant.ts';

await runMutant('input-by-reference', (store) => {
  const inputs = new Map<string, Event>();
  return {
    ...store,
    saveEvent: async (event) => {
      const recorded = await store.saveEvent(event);
      if (!inputs.has(event.id)) inputs.set(event.id, event);
      return recorded;
    },
    getEvents: async (actorId, fromVersion) =>
      (await store.getEvents(actorId, fromVersion)).map((recorded) => {
        const input = inputs.get(recorded.id);
        return input === undefined
          ? recorded
          : (Object.assign(input, { position: recorded.position }) as RecordedEvent);
      }),
  };
});
