// An 'any' append reads the latest version, awaits, appends expecting it, and drops the events on a conflict.
import { isVersionConflict } from '@aether/core';
import { runMutant } from './run-mutant.ts';

await runMutant('lost-any-appends', (store) => ({
  ...store,
  appendEvents: async (actorId, drafts, options) => {
    if ((options?.expectedVersion ?? 'any') !== 'any') return store.appendEvents(actorId, drafts, options);
    const current = await store.getLatestVersion(actorId);
    await new Promise((resolve) => setImmediate(resolve));
    try {
      return await store.appendEvents(actorId, drafts, { expectedVersion: current });
    } catch (error) {
      if (isVersionConflict(error)) return [];
      throw error;
    }
  },
}));
