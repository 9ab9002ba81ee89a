import type { Driver } from './driver.ts';
import type { OpenedStore } from './opened-store.ts';
import { benchDraft, benchEvent, benchEvents } from './payload.ts';

/** Largest batch used to seed a store (untimed). */
const SEED_BATCH = 1000;

/** Any Aether store as a benchmark subject: the same calls on every backend. */
export function aetherDriver({ store, cleanup }: OpenedStore): Driver {
  return {
    async append(actorId, version) {
      await store.saveEvent(benchEvent(actorId, version));
    },
    async appendExpected(actorId, expectedVersion) {
      await store.appendEvents(actorId, [benchDraft()], { expectedVersion });
    },
    async appendBatch(actorId, firstVersion, count) {
      await store.saveEvents(benchEvents(actorId, firstVersion, count));
    },
    async readStream(actorId) {
      return (await store.getEvents(actorId)).length;
    },
    latestVersion: (actorId) => store.getLatestVersion(actorId),
    async readAll(pageSize) {
      let read = 0;
      let after: number | null = 0;
      while (after !== null) {
        const page = await store.readAll({ after, limit: pageSize });
        read += page.events.length;
        after = page.next;
      }
      return read;
    },
    async seed(actorId, count) {
      const first = (await store.getLatestVersion(actorId)) + 1;
      for (let done = 0; done < count; done += SEED_BATCH) {
        await store.saveEvents(benchEvents(actorId, first + done, Math.min(SEED_BATCH, count - done)));
      }
    },
    async close() {
      await store.close();
      await cleanup();
    },
  };
}
