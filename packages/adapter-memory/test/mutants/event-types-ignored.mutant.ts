// readAll ignores the eventTypes filter.
import { runMutant } from './run-mutant.ts';

await runMutant('event-types-ignored', (store) => ({
  ...store,
  readAll: async (options = {}) => {
    await store.readAll(options);
    return store.readAll({ ...options, eventTypes: undefined });
  },
}));
