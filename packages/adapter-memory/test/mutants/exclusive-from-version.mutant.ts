// getEvents treats fromVersion as exclusive (version > from instead of >= from).
import { runMutant } from './run-mutant.ts';

await runMutant('exclusive-from-version', (store) => ({
  ...store,
  getEvents: (actorId, fromVersion) =>
    store.getEvents(
      actorId,
      typeof fromVersion === 'number' && fromVersion > 0 ? fromVersion + 1 : fromVersion,
    ),
}));
