// An idempotent retry (same id, actor and version) is rejected as a duplicate.
import { duplicateEventId } from '@aether/core';
import { runMutant } from './run-mutant.ts';

await runMutant('retry-rejected', (store) => ({
  ...store,
  saveEvent: async (event) => {
    const id = (event as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && (await store.getEventById(id).catch(() => null)) !== null) {
      throw duplicateEventId(id);
    }
    return store.saveEvent(event);
  },
}));
