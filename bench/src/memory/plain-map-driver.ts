import type { Event } from '@aether/core';
import type { Driver } from '../driver.ts';
import { benchEvent, benchEvents } from '../payload.ts';

/** The floor: events pushed into a `Map` of arrays and a global array, no checks and no copies. */
export async function openPlainMap(): Promise<Driver> {
  const streams = new Map<string, Event[]>();
  const log: Event[] = [];
  const push = (events: Event[]) => {
    const stream = streams.get((events[0] as Event).actorId) ?? [];
    if (stream.length === 0) streams.set((events[0] as Event).actorId, stream);
    for (const event of events) {
      stream.push(event);
      log.push(event);
    }
  };
  return {
    async append(actorId, version) {
      push([benchEvent(actorId, version)]);
    },
    async appendBatch(actorId, firstVersion, count) {
      push(benchEvents(actorId, firstVersion, count));
    },
    async readStream(actorId) {
      return [...(streams.get(actorId) ?? [])].length;
    },
    async latestVersion(actorId) {
      return streams.get(actorId)?.at(-1)?.version ?? 0;
    },
    async readAll(pageSize) {
      let read = 0;
      for (let after = 0; after < log.length; after += pageSize)
        read += log.slice(after, after + pageSize).length;
      return read;
    },
    async seed(actorId, count) {
      const first = (streams.get(actorId)?.at(-1)?.version ?? 0) + 1;
      push(benchEvents(actorId, first, count));
    },
    async close() {
      streams.clear();
      log.length = 0;
    },
  };
}
