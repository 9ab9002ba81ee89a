import { describe, expect, it } from 'vitest';
import { isAetherError, isVersionConflict } from '../../errors.ts';
import { expectAetherError } from '../expect-error.ts';
import { expectedEvent, idsAndVersions, makeEvent, withoutPosition } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';

/** Per-actor version rules: strictly increasing, gaps allowed, conflicts carry the facts. */
export function testVersions(options: ConformanceOptions): void {
  describe(groupTitle(options, 'versions'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'accepts any positive version as the first event of an actor',
      async () => {
        const store = await stores.create();
        const input = makeEvent('actor-a', 7);
        const saved = await store.saveEvent(input);
        expect(withoutPosition(saved)).toEqual(expectedEvent(input));
        expect(await store.getLatestVersion('actor-a')).toBe(7);
      },
      timeout,
    );

    it(
      'allows gaps between versions',
      async () => {
        const store = await stores.create();
        const events = [1, 3, 7].map((version) => makeEvent('actor-a', version));
        for (const event of events) await store.saveEvent(event);
        expect(idsAndVersions(await store.getEvents('actor-a'))).toEqual(idsAndVersions(events));
        expect(await store.getLatestVersion('actor-a')).toBe(7);
      },
      timeout,
    );

    it(
      'resolves saveEvent with the recorded event: the input plus a positive integer position',
      async () => {
        const store = await stores.create();
        const first = await store.saveEvent(makeEvent('actor-a', 1));
        const second = await store.saveEvent(makeEvent('actor-b', 1));
        const third = await store.saveEvent(makeEvent('actor-a', 2));
        for (const recorded of [first, second, third]) {
          expect(Number.isSafeInteger(recorded.position) && recorded.position > 0).toBe(true);
        }
        expect(first.position).toBeLessThan(second.position);
        expect(second.position).toBeLessThan(third.position);
      },
      timeout,
    );

    it(
      'rejects a version equal to the latest with VERSION_CONFLICT carrying actorId, attemptedVersion, currentVersion',
      async () => {
        const store = await stores.create();
        await store.saveEvent(makeEvent('actor-a', 1));
        await store.saveEvent(makeEvent('actor-a', 5));
        const error = await expectAetherError(store.saveEvent(makeEvent('actor-a', 5)), 'VERSION_CONFLICT');
        expect(isVersionConflict(error)).toBe(true);
        expect(isAetherError(error, 'VERSION_CONFLICT')).toBe(true);
        expect(error).toMatchObject({ actorId: 'actor-a', attemptedVersion: 5, currentVersion: 5 });
      },
      timeout,
    );

    it(
      'rejects a version below the latest with VERSION_CONFLICT naming the current version',
      async () => {
        const store = await stores.create();
        await store.saveEvent(makeEvent('actor-a', 4));
        await store.saveEvent(makeEvent('actor-a', 9));
        for (const attempted of [1, 4, 8]) {
          const error = await expectAetherError(
            store.saveEvent(makeEvent('actor-a', attempted)),
            'VERSION_CONFLICT',
            `version ${attempted}`,
          );
          expect(isVersionConflict(error)).toBe(true);
          expect(error).toMatchObject({ actorId: 'actor-a', attemptedVersion: attempted, currentVersion: 9 });
        }
        expect(await store.getLatestVersion('actor-a')).toBe(9);
        expect((await store.getEvents('actor-a')).map((event) => event.version)).toEqual([4, 9]);
      },
      timeout,
    );

    it(
      'keeps versions per actor: one actor at version 5 does not constrain another',
      async () => {
        const store = await stores.create();
        await store.saveEvent(makeEvent('actor-a', 5));
        await store.saveEvent(makeEvent('actor-b', 1));
        await store.saveEvent(makeEvent('actor-b', 2));
        expect(await store.getLatestVersion('actor-a')).toBe(5);
        expect(await store.getLatestVersion('actor-b')).toBe(2);
      },
      timeout,
    );

    it(
      'accepts Number.MAX_SAFE_INTEGER as a version, after which nothing higher fits',
      async () => {
        const store = await stores.create();
        await store.saveEvent(makeEvent('actor-a', 1));
        await store.saveEvent(makeEvent('actor-a', Number.MAX_SAFE_INTEGER));
        expect(await store.getLatestVersion('actor-a')).toBe(Number.MAX_SAFE_INTEGER);
        const error = await expectAetherError(
          store.saveEvent(makeEvent('actor-a', Number.MAX_SAFE_INTEGER)),
          'VERSION_CONFLICT',
        );
        expect(error).toMatchObject({ currentVersion: Number.MAX_SAFE_INTEGER });
      },
      timeout,
    );

    it(
      'treats actor ids as exact strings: case, whitespace and normalization forms differ',
      async () => {
        const store = await stores.create();
        const ids = ['actor', 'Actor', 'actor ', 'caf\u00e9', 'cafe\u0301'];
        for (const id of ids) await store.saveEvent(makeEvent(id, 3));
        for (const id of ids) {
          expect(await store.getLatestVersion(id), id).toBe(3);
          expect(await store.getEvents(id), id).toHaveLength(1);
        }
      },
      timeout,
    );
  });
}
