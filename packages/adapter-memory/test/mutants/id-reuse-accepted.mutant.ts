// A different event reusing a stored id is saved under a new id instead of DUPLICATE_EVENT_ID.
import { isAetherError, newEventId } from '@aether/core';
import { runMutant } from './run-mutant.ts';

await runMutant('id-reuse-accepted', (store) => ({
  ...store,
  saveEvent: async (event) => {
    try {
      return await store.saveEvent(event);
    } catch (error) {
      if (isAetherError(error, 'DUPLICATE_EVENT_ID')) return store.saveEvent({ ...event, id: newEventId() });
      throw error;
    }
  },
}));
