import { describe, expect, it } from 'vitest';
import { isAetherError, isVersionConflict } from '../../errors.ts';
import type { Event } from '../../types.ts';
import { expectAetherError } from '../expect-error.ts';
import { expectedEvent, makeEvent, observe, withoutPosition } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';
import { richEvent, vandalize } from './immutability.ts';

const batchOf = (actorId: string, versions: readonly number[]) =>
  versions.map((version) => makeEvent(actorId, version));
const idsOf = (events: readonly Event[]) => events.map((event) => event.id);

/** `saveEvents`: one actor, all stored or none. */
export function testBatches(options: ConformanceOptions): void {
  describe(groupTitle(options, 'batches'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'stores a batch in order and returns the recorded events with increasing positions',
      async () => {
        const store = await stores.create('saveEvents');
        await store.saveEvent(makeEvent('actor-a', 1));
        const batch = batchOf('actor-a', [2, 3, 7]);
        const recorded = await store.saveEvents(batch);
        expect(recorded.map(withoutPosition)).toEqual(batch.map(expectedEvent));
        const positions = recorded.map((event) => event.position);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(new Set(positions).size).toBe(3);
        expect((await store.getEvents('actor-a')).slice(1)).toEqual(recorded);
        expect(await store.getLatestVersion('actor-a')).toBe(7);
      },
      timeout,
    );

    it(
      'is not affected by changes to the batch or to the events saveEvents returned',
      async () => {
        const store = await stores.create('saveEvents');
        const batch = [richEvent('actor-a', 1), richEvent('actor-a', 2)];
        const expected = batch.map(expectedEvent);
        const returned = await store.saveEvents(batch);
        const positions = returned.map((event) => event.position);
        batch.forEach(vandalize);
        returned.forEach(vandalize);
        batch.length = 0;
        returned.length = 0;
        expect(await store.getEvents('actor-a')).toEqual(
          expected.map((event, index) => ({ ...event, position: positions[index] })),
        );
      },
      timeout,
    );

    it(
      'treats an empty batch as a no-op',
      async () => {
        const store = await stores.create('saveEvents');
        await store.saveEvent(makeEvent('actor-a', 1));
        const before = await observe(store, ['actor-a'], []);
        expect(await store.saveEvents([])).toEqual([]);
        expect(await observe(store, ['actor-a'], [])).toEqual(before);
      },
      timeout,
    );

    it(
      'stores nothing when the first event conflicts with the latest version',
      async () => {
        const store = await stores.create('saveEvents');
        await store.saveEvent(makeEvent('actor-a', 1));
        await store.saveEvent(makeEvent('actor-a', 2));
        const batch = batchOf('actor-a', [2, 3, 4]);
        const before = await observe(store, ['actor-a'], idsOf(batch));
        const error = await expectAetherError(store.saveEvents(batch), 'VERSION_CONFLICT');
        expect(isVersionConflict(error)).toBe(true);
        expect(error).toMatchObject({ actorId: 'actor-a', currentVersion: 2 });
        expect(await observe(store, ['actor-a'], idsOf(batch))).toEqual(before);
      },
      timeout,
    );

    it(
      'stores nothing when an event in the middle is invalid (INVALID_EVENT with its index in the path)',
      async () => {
        const store = await stores.create('saveEvents');
        const batch = batchOf('actor-a', [1, 2, 3]);
        const spoiled = [batch[0], { ...batch[1], data: { bad: Number.NaN } }, batch[2]] as Event[];
        const before = await observe(store, ['actor-a'], idsOf(batch));
        await expectAetherError(store.saveEvents(spoiled), 'INVALID_EVENT', 'invalid data', '[1].data.bad');
        expect(await observe(store, ['actor-a'], idsOf(batch))).toEqual(before);
      },
      timeout,
    );

    it(
      'stores nothing when the last event reuses an id stored for another event (DUPLICATE_EVENT_ID)',
      async () => {
        const store = await stores.create('saveEvents');
        const stored = await store.saveEvent(makeEvent('actor-b', 1));
        const batch = [...batchOf('actor-a', [1, 2]), makeEvent('actor-a', 3, { id: stored.id })];
        const before = await observe(store, ['actor-a', 'actor-b'], idsOf(batch));
        await expectAetherError(store.saveEvents(batch), 'DUPLICATE_EVENT_ID');
        expect(await observe(store, ['actor-a', 'actor-b'], idsOf(batch))).toEqual(before);
      },
      timeout,
    );

    it(
      'rejects mixed actors, non-increasing versions and repeated ids with INVALID_EVENT',
      async () => {
        const store = await stores.create('saveEvents');
        const [a1, a2] = batchOf('actor-a', [1, 2]) as [Event, Event];
        const cases: [string, Event[], string][] = [
          ['mixed actors', [a1, makeEvent('actor-b', 2)], '[1].actorId'],
          ['equal versions', [a1, makeEvent('actor-a', 1)], '[1].version'],
          ['decreasing versions', [a2, a1], '[1].version'],
          ['a repeated id', [a1, { ...a2, id: a1.id }], '[1].id'],
          ['an invalid event', [a1, { ...a2, version: 0 }], '[1].version'],
        ];
        for (const [label, batch, path] of cases) {
          await expectAetherError(store.saveEvents(batch), 'INVALID_EVENT', label, path);
        }
        await expectAetherError(
          store.saveEvents(null as unknown as Event[]),
          'INVALID_EVENT',
          'not an array',
        );
        expect(await store.getLatestVersion('actor-a')).toBe(0);
        expect(await store.getLatestVersion('actor-b')).toBe(0);
      },
      timeout,
    );

    it(
      'treats a re-sent batch as a retry: it succeeds, returns the stored events and stores nothing',
      async () => {
        const store = await stores.create('saveEvents');
        const batch = batchOf('actor-a', [1, 2, 3]);
        const first = await store.saveEvents(batch);
        await store.saveEvent(makeEvent('actor-a', 4));
        const before = await observe(store, ['actor-a'], idsOf(batch));
        expect(await store.saveEvents(batch)).toEqual(first);
        expect(await observe(store, ['actor-a'], idsOf(batch))).toEqual(before);
      },
      timeout,
    );

    it(
      'skips the already stored events of a batch and stores the rest above the latest version',
      async () => {
        const store = await stores.create('saveEvents');
        const batch = batchOf('actor-a', [1, 2, 3, 4]);
        const stored = await store.saveEvents(batch.slice(0, 2));
        const recorded = await store.saveEvents(batch);
        expect(recorded.slice(0, 2)).toEqual(stored);
        expect(recorded.map(withoutPosition)).toEqual(batch.map(expectedEvent));
        expect((await store.getEvents('actor-a')).map((event) => event.version)).toEqual([1, 2, 3, 4]);
      },
      timeout,
    );

    it(
      'lets exactly one of several concurrent batches starting at the same version win, all or nothing',
      async () => {
        const store = await stores.create('saveEvents');
        const batches = Array.from({ length: 8 }, () => batchOf('actor-a', [1, 2, 3]));
        const outcomes = await Promise.allSettled(batches.map((batch) => store.saveEvents(batch)));
        const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index] : []));
        expect(winners).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected')
            expect(isAetherError(outcome.reason, 'VERSION_CONFLICT')).toBe(true);
        }
        const winner = batches[winners[0] as number] as Event[];
        expect(idsOf(await store.getEvents('actor-a'))).toEqual(idsOf(winner));
      },
      timeout,
    );
  });
}
