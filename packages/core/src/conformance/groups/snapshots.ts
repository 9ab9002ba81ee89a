import { describe, expect, it } from 'vitest';
import type { ActorSnapshot, AnyEventStore, JsonObject } from '../../types.ts';
import { expectAetherError } from '../expect-error.ts';
import { BASE_TIME, makeEvent } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';
import { INVALID_ACTOR_IDS } from './reads.ts';

function snapshot(actorId: string, version: number, state: JsonObject = { version }): ActorSnapshot {
  return { actorId, version, state, timestamp: new Date(BASE_TIME + version * 1000 + 1) };
}

async function saveVersions(store: AnyEventStore, actorId: string, versions: readonly number[]) {
  for (const version of versions) await store.saveEvent(makeEvent(actorId, version));
}

const INVALID_SNAPSHOTS: readonly [string, (valid: ActorSnapshot) => unknown, string][] = [
  ['state null', (valid) => ({ ...valid, state: null }), 'state'],
  ['state an array', (valid) => ({ ...valid, state: [1] }), 'state'],
  ['state a Date', (valid) => ({ ...valid, state: new Date() }), 'state'],
  ['NaN in state', (valid) => ({ ...valid, state: { total: Number.NaN } }), 'state.total'],
  ['a bigint in state', (valid) => ({ ...valid, state: { total: 1n } }), 'state.total'],
  ['U+0000 in state', (valid) => ({ ...valid, state: { name: '\u0000' } }), 'state.name'],
  ['version 0', (valid) => ({ ...valid, version: 0 }), 'version'],
  ['version 1.5', (valid) => ({ ...valid, version: 1.5 }), 'version'],
  ['an empty actorId', (valid) => ({ ...valid, actorId: '' }), 'actorId'],
  ['an invalid timestamp', (valid) => ({ ...valid, timestamp: new Date(Number.NaN) }), 'timestamp'],
  ['an unknown field', (valid) => ({ ...valid, extra: 1 }), 'extra'],
];

/** Snapshots: highest version wins, never above the actor's latest event, state round-trips. */
export function testSnapshots(options: ConformanceOptions): void {
  describe(groupTitle(options, 'snapshots'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'returns null when the actor has no snapshot',
      async () => {
        const store = await stores.create('getLatestSnapshot', 'saveSnapshot');
        expect(await store.getLatestSnapshot('actor-a')).toBeNull();
        await saveVersions(store, 'actor-a', [1, 2]);
        expect(await store.getLatestSnapshot('actor-a')).toBeNull();
      },
      timeout,
    );

    it(
      'returns the snapshot with the highest version, not the last one saved',
      async () => {
        const store = await stores.create('getLatestSnapshot', 'saveSnapshot');
        await saveVersions(store, 'actor-a', [1, 2, 3, 4, 5]);
        await store.saveSnapshot(snapshot('actor-a', 2));
        await store.saveSnapshot(snapshot('actor-a', 4));
        await store.saveSnapshot(snapshot('actor-a', 3));
        expect(await store.getLatestSnapshot('actor-a')).toEqual(snapshot('actor-a', 4));
        await store.saveSnapshot(snapshot('actor-a', 5));
        expect(await store.getLatestSnapshot('actor-a')).toEqual(snapshot('actor-a', 5));
      },
      timeout,
    );

    it(
      'accepts a snapshot at the latest event version and below it, even at a gap',
      async () => {
        const store = await stores.create('getLatestSnapshot', 'saveSnapshot');
        await saveVersions(store, 'actor-a', [1, 5]);
        await store.saveSnapshot(snapshot('actor-a', 3));
        expect((await store.getLatestSnapshot('actor-a'))?.version).toBe(3);
        await store.saveSnapshot(snapshot('actor-a', 5));
        expect((await store.getLatestSnapshot('actor-a'))?.version).toBe(5);
      },
      timeout,
    );

    it(
      'rejects a snapshot above the latest event version with INVALID_SNAPSHOT and keeps the previous one',
      async () => {
        const store = await stores.create('getLatestSnapshot', 'saveSnapshot');
        await expectAetherError(
          store.saveSnapshot(snapshot('actor-a', 1)),
          'INVALID_SNAPSHOT',
          'no events yet',
        );
        expect(await store.getLatestSnapshot('actor-a')).toBeNull();
        await saveVersions(store, 'actor-a', [1, 2]);
        await store.saveSnapshot(snapshot('actor-a', 2));
        await expectAetherError(
          store.saveSnapshot(snapshot('actor-a', 3)),
          'INVALID_SNAPSHOT',
          'above latest',
        );
        expect(await store.getLatestSnapshot('actor-a')).toEqual(snapshot('actor-a', 2));
      },
      timeout,
    );

    it(
      'round-trips state like data: unicode, U+2028, nesting, __proto__ keys, extreme numbers, ms timestamps',
      async () => {
        const store = await stores.create('getLatestSnapshot', 'saveSnapshot');
        await saveVersions(store, 'actor-a', [1]);
        const state = JSON.parse('{"__proto__":{"x":1}}') as JsonObject;
        Object.assign(state, {
          text: '\u{1F600}\u2028\u2029"\\',
          nested: { list: [1, [2, { deep: null }]], empty: {} },
          numbers: [Number.MAX_SAFE_INTEGER, 5e-324, 1e308, -1.5e-300, 0.1],
          flags: [true, false, null],
        });
        const input: ActorSnapshot = {
          actorId: 'actor-a',
          version: 1,
          state,
          timestamp: new Date('1969-12-31T23:59:59.999Z'),
        };
        await store.saveSnapshot(input);
        const read = await store.getLatestSnapshot('actor-a');
        expect(read).toEqual(input);
        expect(Object.hasOwn((read as ActorSnapshot).state, '__proto__')).toBe(true);
        expect((read as ActorSnapshot).timestamp.toISOString()).toBe('1969-12-31T23:59:59.999Z');
      },
      timeout,
    );

    it(
      'is not affected by changes to the saved or returned snapshot',
      async () => {
        const store = await stores.create('getLatestSnapshot', 'saveSnapshot');
        await saveVersions(store, 'actor-a', [1]);
        const input = snapshot('actor-a', 1, { list: [1, 2], nested: { value: 'original' } });
        const expected = structuredClone(input);
        await store.saveSnapshot(input);
        (input.state.list as number[]).push(3);
        input.timestamp.setTime(0);
        const read = (await store.getLatestSnapshot('actor-a')) as ActorSnapshot;
        expect(read).toEqual(expected);
        (read.state.nested as Record<string, string>).value = 'changed';
        read.version = 99;
        read.timestamp.setTime(0);
        expect(await store.getLatestSnapshot('actor-a')).toEqual(expected);
      },
      timeout,
    );

    it(
      'keeps snapshots per actor',
      async () => {
        const store = await stores.create('getLatestSnapshot', 'saveSnapshot');
        await saveVersions(store, 'actor-a', [1, 2]);
        await saveVersions(store, 'actor-b', [1]);
        await store.saveSnapshot(snapshot('actor-a', 2));
        expect(await store.getLatestSnapshot('actor-b')).toBeNull();
        await store.saveSnapshot(snapshot('actor-b', 1));
        expect((await store.getLatestSnapshot('actor-a'))?.version).toBe(2);
        expect((await store.getLatestSnapshot('actor-b'))?.version).toBe(1);
      },
      timeout,
    );

    it(
      'rejects invalid snapshots with INVALID_SNAPSHOT at the offending path and stores nothing',
      async () => {
        const store = await stores.create('getLatestSnapshot', 'saveSnapshot');
        await saveVersions(store, 'actor-a', [1, 2]);
        const valid = snapshot('actor-a', 2);
        for (const [label, spoil, path] of INVALID_SNAPSHOTS) {
          await expectAetherError(
            () => store.saveSnapshot(spoil(valid) as ActorSnapshot),
            'INVALID_SNAPSHOT',
            label,
            path,
          );
        }
        expect(await store.getLatestSnapshot('actor-a')).toBeNull();
      },
      timeout,
    );

    it(
      'rejects an invalid actor id in getLatestSnapshot with INVALID_ARGUMENT',
      async () => {
        const store = await stores.create('getLatestSnapshot', 'saveSnapshot');
        for (const [label, actorId] of INVALID_ACTOR_IDS) {
          await expectAetherError(
            () => store.getLatestSnapshot(actorId as string),
            'INVALID_ARGUMENT',
            label,
          );
        }
      },
      timeout,
    );
  });
}
