// appendEvents ignores a numeric expectedVersion and appends anyway.
import { runMutant } from './run-mutant.ts';

await runMutant('expected-version-ignored', (store) => ({
  ...store,
  appendEvents: (actorId, drafts, options) =>
    store.appendEvents(
      actorId,
      drafts,
      typeof options?.expectedVersion === 'number' ? { expectedVersion: 'any' } : options,
    ),
}));
