// saveEvent checks the version, awaits, then writes without checking again: concurrent saves all win.
import type { Event } from '@aether/core';
import { runMutant } from './run-mutant.ts';

await runMutant('racy-save', (store, backend) => ({
  ...store,
  saveEvent: async (input) => {
    const event = input as Partial<Event> | null;
    if (typeof event?.actorId !== 'string' || typeof event.version !== 'number')
      return store.saveEvent(input);
    const current = await store.getLatestVersion(event.actorId).catch(() => 0);
    if (event.version <= current) return store.saveEvent(input);
    await new Promise((resolve) => setImmediate(resolve));
    // The write that does not re-check: lower the actor's latest version so the save goes through.
    const actor = backend.namespace('default').actors.get(event.actorId);
    if (actor !== undefined && actor.latestVersion >= event.version) actor.latestVersion = event.version - 1;
    return store.saveEvent(input);
  },
}));
