// getLatestSnapshot returns the snapshot saved last, not the one with the highest version.
import type { ActorSnapshot } from '@aether/core';
import { runMutant } from './run-mutant.ts';

await runMutant('snapshot-last-saved', (store) => {
  const last = new Map<string, ActorSnapshot>();
  return {
    ...store,
    saveSnapshot: async (snapshot) => {
      await store.saveSnapshot(snapshot);
      last.set(snapshot.actorId, structuredClone(snapshot));
    },
    getLatestSnapshot: async (actorId) => {
      const highest = await store.getLatestSnapshot(actorId);
      const saved = last.get(actorId);
      return saved === undefined ? highest : structuredClone(saved);
    },
  };
});
