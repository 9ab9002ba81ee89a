// saveEvent reports success for a stale version instead of VERSION_CONFLICT.
import { isVersionConflict, type RecordedEvent } from '@aether/core';
import { runMutant } from './run-mutant.ts';

await runMutant('swallowed-conflict', (store) => ({
  ...store,
  saveEvent: async (event) => {
    try {
      return await store.saveEvent(event);
    } catch (error) {
      if (isVersionConflict(error)) return { ...event, position: 0 } as RecordedEvent;
      throw error;
    }
  },
}));
