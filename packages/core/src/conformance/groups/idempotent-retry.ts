import { describe, expect, it } from 'vitest';
import { expectAetherError } from '../expect-error.ts';
import { expectedEvent, makeEvent, observe, withoutPosition } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';

/** Re-saving a stored event is a no-op that succeeds; reusing its id for anything else fails. */
export function testIdempotentRetry(options: ConformanceOptions): void {
  describe(groupTitle(options, 'idempotent retry'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'accepts a re-save of a stored event (same id, actor, version) and returns the stored record',
      async () => {
        const store = await stores.create();
        const input = makeEvent('actor-a', 1);
        const first = await store.saveEvent(input);
        const before = await observe(store, ['actor-a'], [input.id]);
        const again = await store.saveEvent(input);
        expect(again).toEqual(first);
        expect(await observe(store, ['actor-a'], [input.id])).toEqual(before);
      },
      timeout,
    );

    it(
      'accepts a retry of an older event after later versions were stored, with its original position',
      async () => {
        const store = await stores.create();
        const input = makeEvent('actor-a', 1);
        const first = await store.saveEvent(input);
        await store.saveEvent(makeEvent('actor-a', 2));
        await store.saveEvent(makeEvent('actor-a', 3));
        const before = await observe(store, ['actor-a'], [input.id]);
        const again = await store.saveEvent(input);
        expect(again.position).toBe(first.position);
        expect(withoutPosition(again)).toEqual(expectedEvent(input));
        expect(await observe(store, ['actor-a'], [input.id])).toEqual(before);
        expect(await store.getLatestVersion('actor-a')).toBe(3);
      },
      timeout,
    );

    it(
      'accepts the recorded event itself (with its position field) as a retry',
      async () => {
        const store = await stores.create();
        const first = await store.saveEvent(makeEvent('actor-a', 1));
        const before = await observe(store, ['actor-a'], [first.id]);
        expect(await store.saveEvent(first)).toEqual(first);
        expect(await observe(store, ['actor-a'], [first.id])).toEqual(before);
      },
      timeout,
    );

    it(
      'answers a retry that carries changed content with the stored event, changing nothing',
      async () => {
        const store = await stores.create();
        const input = makeEvent('actor-a', 1, { data: { amount: 10 } });
        const first = await store.saveEvent(input);
        const again = await store.saveEvent({ ...input, data: { amount: 99 }, eventType: 'Changed' });
        expect(again).toEqual(first);
        expect(await store.getEvents('actor-a')).toEqual([first]);
      },
      timeout,
    );

    it(
      'rejects a different event of the same actor reusing a stored id with DUPLICATE_EVENT_ID and stores nothing',
      async () => {
        const store = await stores.create();
        const input = makeEvent('actor-a', 1);
        await store.saveEvent(input);
        const before = await observe(store, ['actor-a'], [input.id]);
        const error = await expectAetherError(
          store.saveEvent(makeEvent('actor-a', 2, { id: input.id })),
          'DUPLICATE_EVENT_ID',
        );
        expect(error.code).toBe('DUPLICATE_EVENT_ID');
        expect(await observe(store, ['actor-a'], [input.id])).toEqual(before);
      },
      timeout,
    );

    it(
      'rejects an event of another actor reusing a stored id with DUPLICATE_EVENT_ID and stores nothing',
      async () => {
        const store = await stores.create();
        const input = makeEvent('actor-a', 1);
        await store.saveEvent(input);
        const before = await observe(store, ['actor-a', 'actor-b'], [input.id]);
        await expectAetherError(
          store.saveEvent(makeEvent('actor-b', 1, { id: input.id })),
          'DUPLICATE_EVENT_ID',
        );
        expect(await observe(store, ['actor-a', 'actor-b'], [input.id])).toEqual(before);
        expect(await store.getLatestVersion('actor-b')).toBe(0);
      },
      timeout,
    );

    it(
      'checks the id before the version: a reused id with a stale version is DUPLICATE_EVENT_ID, not VERSION_CONFLICT',
      async () => {
        const store = await stores.create();
        const first = makeEvent('actor-a', 1);
        await store.saveEvent(first);
        await store.saveEvent(makeEvent('actor-a', 2));
        await expectAetherError(
          store.saveEvent(makeEvent('actor-a', 2, { id: first.id })),
          'DUPLICATE_EVENT_ID',
        );
      },
      timeout,
    );

    it(
      'settles concurrent retries of one event with one stored copy and the same position for all',
      async () => {
        const store = await stores.create();
        const input = makeEvent('actor-a', 1);
        const results = await Promise.all(Array.from({ length: 10 }, () => store.saveEvent(input)));
        const positions = new Set(results.map((result) => result.position));
        expect(positions.size).toBe(1);
        expect(await store.getEvents('actor-a')).toHaveLength(1);
      },
      timeout,
    );
  });
}
