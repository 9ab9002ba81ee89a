import { describe, expect, it } from 'vitest';
import { expectedEvent, makeEvent, readWholeLog, withoutPosition } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';

/** `createStore()` gives a fresh, empty store that shares nothing with another one. */
export function testIsolation(options: ConformanceOptions): void {
  describe(groupTitle(options, 'isolation'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'creates a new store object on each createStore() call',
      async () => {
        const first = await stores.create();
        const second = await stores.create();
        expect(first).not.toBe(second);
      },
      timeout,
    );

    it(
      'starts empty',
      async () => {
        const store = await stores.create();
        expect(await store.getLatestVersion('actor-a')).toBe(0);
        expect(await store.getEvents('actor-a')).toEqual([]);
        if (store.readAll) expect(await store.readAll({})).toEqual({ events: [], next: null });
        if (store.listActors) expect(await store.listActors({})).toEqual({ actors: [], next: null });
      },
      timeout,
    );

    it(
      'does not let two stores see each other\u2019s events, versions, ids or snapshots',
      async () => {
        const first = await stores.create();
        const second = await stores.create();
        const input = makeEvent('actor-a', 3);
        await first.saveEvent(input);
        await first.saveEvent(makeEvent('actor-b', 1));
        if (first.saveSnapshot)
          await first.saveSnapshot({ actorId: 'actor-a', version: 3, state: {}, timestamp: new Date() });

        expect(await second.getLatestVersion('actor-a')).toBe(0);
        expect(await second.getEvents('actor-a')).toEqual([]);
        if (second.getEventById) expect(await second.getEventById(input.id)).toBeNull();
        if (second.readAll) expect(await readWholeLog(second)).toEqual([]);
        if (second.listActors) expect((await second.listActors({})).actors).toEqual([]);
        if (second.getLatestSnapshot) expect(await second.getLatestSnapshot('actor-a')).toBeNull();
        if (second.findByMetadata) expect((await second.findByMetadata('userId', 'u')).events).toEqual([]);

        // The same id and version are free in the other store: no DUPLICATE_EVENT_ID, no VERSION_CONFLICT.
        const copy = makeEvent('actor-a', 1, { id: input.id });
        expect(withoutPosition(await second.saveEvent(copy))).toEqual(expectedEvent(copy));
        expect(await first.getLatestVersion('actor-a')).toBe(3);
        expect((await first.getEvents('actor-a')).map((event) => event.version)).toEqual([3]);
      },
      timeout,
    );
  });
}
