// findByMetadata returns each page newest first.
import { runMutant } from './run-mutant.ts';

await runMutant('metadata-unordered', (store) => ({
  ...store,
  findByMetadata: async (key, value, options) => {
    const page = await store.findByMetadata(key, value, options);
    return { ...page, events: page.events.reverse() };
  },
}));
