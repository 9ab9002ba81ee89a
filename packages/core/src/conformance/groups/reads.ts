import { describe, expect, it } from 'vitest';
import { expectAetherError } from '../expect-error.ts';
import { expectedEvent, makeEvent, withoutPosition } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';

/** Bad actor ids for reads: each is `INVALID_ARGUMENT`. */
export const INVALID_ACTOR_IDS: readonly [string, unknown][] = [
  ['the empty string', ''],
  ['a number', 42],
  ['null', null],
  ['a control character', 'actor\u0001'],
  ['U+0000', 'actor\u0000'],
  ['a lone surrogate', 'actor\ud800'],
  ['1025 UTF-8 bytes', 'a'.repeat(1025)],
];

const INVALID_FROM_VERSIONS: readonly [string, unknown][] = [
  ['-1', -1],
  ['1.5', 1.5],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['2 ** 53', 2 ** 53],
  ['a string', '1'],
  ['null', null],
];

/** `getEvents` and `getLatestVersion`: `version >= from`, ascending, argument checks. */
export function testReads(options: ConformanceOptions): void {
  describe(groupTitle(options, 'reads'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'returns the events with version >= fromVersion in ascending order',
      async () => {
        const store = await stores.create();
        const inputs = [1, 3, 7, 8].map((version) => makeEvent('actor-a', version));
        await store.saveEvent(makeEvent('actor-b', 2));
        for (const input of inputs) await store.saveEvent(input);
        const versionsFrom = async (from?: number) =>
          (await store.getEvents('actor-a', from)).map((event) => event.version);
        expect(await versionsFrom(3)).toEqual([3, 7, 8]);
        expect(await versionsFrom(4)).toEqual([7, 8]);
        expect(await versionsFrom(8)).toEqual([8]);
        expect(await versionsFrom(9)).toEqual([]);
        expect(await versionsFrom(Number.MAX_SAFE_INTEGER)).toEqual([]);
      },
      timeout,
    );

    it(
      'reads the whole stream for fromVersion 0, 1 and when it is omitted',
      async () => {
        const store = await stores.create();
        const inputs = [2, 5, 6].map((version) => makeEvent('actor-a', version));
        for (const input of inputs) await store.saveEvent(input);
        const expected = inputs.map(expectedEvent);
        expect((await store.getEvents('actor-a')).map(withoutPosition)).toEqual(expected);
        expect((await store.getEvents('actor-a', 0)).map(withoutPosition)).toEqual(expected);
        expect((await store.getEvents('actor-a', 1)).map(withoutPosition)).toEqual(expected);
      },
      timeout,
    );

    it(
      'returns events with the positions their saves reported',
      async () => {
        const store = await stores.create();
        const saved = [];
        for (const version of [1, 2, 3]) saved.push(await store.saveEvent(makeEvent('actor-a', version)));
        expect(await store.getEvents('actor-a')).toEqual(saved);
      },
      timeout,
    );

    it(
      'returns [] and latest version 0 for an unknown actor',
      async () => {
        const store = await stores.create();
        await store.saveEvent(makeEvent('actor-a', 3));
        expect(await store.getEvents('actor-unknown')).toEqual([]);
        expect(await store.getEvents('actor-unknown', 2)).toEqual([]);
        expect(await store.getLatestVersion('actor-unknown')).toBe(0);
        expect(await store.getLatestVersion('actor-')).toBe(0);
      },
      timeout,
    );

    it(
      'only returns the requested actor, not actors whose id shares a prefix',
      async () => {
        const store = await stores.create();
        await store.saveEvent(makeEvent('order-1', 1));
        await store.saveEvent(makeEvent('order-10', 1));
        await store.saveEvent(makeEvent('order-1', 2));
        expect((await store.getEvents('order-1')).map((event) => event.actorId)).toEqual([
          'order-1',
          'order-1',
        ]);
        expect(await store.getLatestVersion('order-10')).toBe(1);
      },
      timeout,
    );

    it(
      'rejects an invalid actor id with INVALID_ARGUMENT in getEvents and getLatestVersion',
      async () => {
        const store = await stores.create();
        for (const [label, actorId] of INVALID_ACTOR_IDS) {
          await expectAetherError(
            () => store.getEvents(actorId as string),
            'INVALID_ARGUMENT',
            `getEvents, ${label}`,
          );
          await expectAetherError(
            () => store.getLatestVersion(actorId as string),
            'INVALID_ARGUMENT',
            `getLatestVersion, ${label}`,
          );
        }
      },
      timeout,
    );

    it(
      'rejects an invalid fromVersion with INVALID_ARGUMENT',
      async () => {
        const store = await stores.create();
        await store.saveEvent(makeEvent('actor-a', 1));
        for (const [label, fromVersion] of INVALID_FROM_VERSIONS) {
          await expectAetherError(
            () => store.getEvents('actor-a', fromVersion as number),
            'INVALID_ARGUMENT',
            `fromVersion ${label}`,
          );
        }
      },
      timeout,
    );
  });
}
