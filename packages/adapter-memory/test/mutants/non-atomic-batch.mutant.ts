// saveEvents saves one event at a time, so a failure midway leaves the first ones stored.
import type { RecordedEvent } from '@aether/core';
import { runMutant } from './run-mutant.ts';

await runMutant('non-atomic-batch', (store) => ({
  ...store,
  saveEvents: async (events) => {
    const recorded: RecordedEvent[] = [];
    for (const event of events) recorded.push(await store.saveEvent(event));
    return recorded;
  },
}));
