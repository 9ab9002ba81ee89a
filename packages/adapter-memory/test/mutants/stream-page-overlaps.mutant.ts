// readStream hands out `next` = the last version of the page instead of the one after it, so
// paging repeats the last event of every page.
import { runMutant } from './run-mutant.ts';

await runMutant('stream-page-overlaps', (store) => ({
  ...store,
  readStream: async (actorId, options) => {
    const page = await store.readStream(actorId, options);
    return { ...page, next: page.next === null ? null : page.next - 1 };
  },
}));
