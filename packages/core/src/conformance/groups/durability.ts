import { describe, expect, it } from 'vitest';
import type { ActorSnapshot, RecordedEvent } from '../../types.ts';
import { expectAetherError } from '../expect-error.ts';
import { makeEvent, readWholeLog } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';

/** With `reopen`: what was acknowledged is there after a close and reopen, and writing goes on. */
export function testDurability(options: ConformanceOptions): void {
  describe(groupTitle(options, 'durability'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'keeps events, positions, latest versions and snapshots across close and reopen',
      async () => {
        const store = await stores.create();
        const saved: RecordedEvent[] = [];
        for (const [actorId, version] of [
          ['actor-a', 1],
          ['actor-b', 4],
          ['actor-a', 3],
          ['actor-a', 9],
        ] as const) {
          saved.push(
            await store.saveEvent(makeEvent(actorId, version, { metadata: { correlationId: 'c-1' } })),
          );
        }
        const snapshot: ActorSnapshot = {
          actorId: 'actor-a',
          version: 3,
          state: { n: 3 },
          timestamp: new Date(7),
        };
        if (store.saveSnapshot) await store.saveSnapshot(snapshot);
        await store.close?.();

        const reopened = await stores.reopen(store);
        expect(await reopened.getEvents('actor-a')).toEqual(
          saved.filter((event) => event.actorId === 'actor-a'),
        );
        expect(await reopened.getEvents('actor-b')).toEqual(
          saved.filter((event) => event.actorId === 'actor-b'),
        );
        expect(await reopened.getLatestVersion('actor-a')).toBe(9);
        expect(await reopened.getLatestVersion('actor-b')).toBe(4);
        if (reopened.getLatestSnapshot) expect(await reopened.getLatestSnapshot('actor-a')).toEqual(snapshot);
        if (reopened.getEventById)
          expect(await reopened.getEventById(saved[1]?.id as string)).toEqual(saved[1]);
        if (reopened.readAll) expect(await readWholeLog(reopened)).toEqual(saved);
        if (reopened.findByMetadata) {
          expect((await reopened.findByMetadata('correlationId', 'c-1')).events).toEqual(saved);
        }
        if (reopened.listActors) {
          expect(
            (await reopened.listActors({})).actors.map((actor) => [actor.actorId, actor.eventCount]),
          ).toEqual([
            ['actor-a', 3],
            ['actor-b', 1],
          ]);
        }
      },
      timeout,
    );

    it(
      'continues after reopen with higher positions and the same version, id and retry rules',
      async () => {
        const store = await stores.create();
        const first = await store.saveEvent(makeEvent('actor-a', 1));
        const second = await store.saveEvent(makeEvent('actor-a', 2));
        await store.close?.();

        const reopened = await stores.reopen(store);
        await expectAetherError(
          reopened.saveEvent(makeEvent('actor-a', 2)),
          'VERSION_CONFLICT',
          'stale version',
        );
        await expectAetherError(
          reopened.saveEvent(makeEvent('actor-b', 1, { id: first.id })),
          'DUPLICATE_EVENT_ID',
          'reused id',
        );
        expect(await reopened.saveEvent(first), 'retry after reopen').toEqual(first);
        const third = await reopened.saveEvent(makeEvent('actor-a', 3));
        const other = await reopened.saveEvent(makeEvent('actor-c', 1));
        expect(third.position).toBeGreaterThan(second.position);
        expect(other.position).toBeGreaterThan(third.position);
        expect((await reopened.getEvents('actor-a')).map((event) => event.version)).toEqual([1, 2, 3]);
      },
      timeout,
    );

    it(
      'lets a store opened on the same storage see events written through the other one',
      async () => {
        const store = await stores.create();
        const other = await stores.reopen(store);
        const written = await store.saveEvent(makeEvent('actor-a', 1));
        expect(await other.getEvents('actor-a')).toEqual([written]);
        const back = await other.saveEvent(makeEvent('actor-a', 2));
        expect(await store.getEvents('actor-a')).toEqual([written, back]);
        expect(await store.getLatestVersion('actor-a')).toBe(2);
      },
      timeout,
    );
  });
}
