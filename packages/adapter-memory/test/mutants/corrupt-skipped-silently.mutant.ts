// getEvents skips records it cannot decode instead of raising CORRUPT_RECORD.
import { isAetherError } from '@aether/core';
import { runMutant } from './run-mutant.ts';

await runMutant('corrupt-skipped-silently', (store) => ({
  ...store,
  getEvents: async (actorId, fromVersion) => {
    try {
      return await store.getEvents(actorId, fromVersion);
    } catch (error) {
      if (isAetherError(error, 'CORRUPT_RECORD'))
        return (await store.getEventsWithErrors(actorId, fromVersion)).events;
      throw error;
    }
  },
}));
