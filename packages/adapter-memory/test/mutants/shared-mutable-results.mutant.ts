// Reads hand out cached event objects, so a caller's change shows up in later reads.
import type { RecordedEvent } from '@aether/core';
import { runMutant } from './run-mutant.ts';

await runMutant('shared-mutable-results', (store) => {
  const cache = new Map<string, RecordedEvent>();
  const share = (event: RecordedEvent) => {
    const cached = cache.get(event.id);
    if (cached !== undefined) return cached;
    cache.set(event.id, event);
    return event;
  };
  return {
    ...store,
    getEvents: async (actorId, fromVersion) => (await store.getEvents(actorId, fromVersion)).map(share),
  };
});
