// getEvents returns the stream newest first.
import { runMutant } from './run-mutant.ts';

await runMutant('reversed-order', (store) => ({
  ...store,
  getEvents: async (actorId, fromVersion) => (await store.getEvents(actorId, fromVersion)).reverse(),
}));
