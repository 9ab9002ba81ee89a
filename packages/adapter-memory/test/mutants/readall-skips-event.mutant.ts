// readAll drops every seventh event of the log: a reader never learns it was committed.
import { runMutant } from './run-mutant.ts';

await runMutant('readall-skips-event', (store) => ({
  ...store,
  readAll: async (options) => {
    const page = await store.readAll(options);
    return { ...page, events: page.events.filter((event) => event.position % 7 !== 0) };
  },
}));
