import { describe, expect, it } from 'vitest';
import { isAetherError } from '../../errors.ts';
import type { AnyEventStore, Event, RecordedEvent } from '../../types.ts';
import { expectedEvent, makeEvent, withoutPosition } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';

const RACERS = 20;

function codeOf(reason: unknown): string {
  return isAetherError(reason) ? reason.code : String(reason);
}

/** Runs `RACERS` saves of the same version through `stores[i % n]` at once; checks one winner. */
async function raceOneVersion(stores: readonly AnyEventStore[], reader: AnyEventStore) {
  const inputs = Array.from({ length: RACERS }, (_, index) =>
    makeEvent('raced', 1, { data: { racer: index } }),
  );
  const outcomes = await Promise.allSettled(
    inputs.map((input, index) => (stores[index % stores.length] as AnyEventStore).saveEvent(input)),
  );
  const winners = outcomes.flatMap((outcome, index) =>
    outcome.status === 'fulfilled' ? [{ index, recorded: outcome.value }] : [],
  );
  const losers = outcomes.flatMap((outcome) =>
    outcome.status === 'rejected' ? [codeOf(outcome.reason)] : [],
  );
  expect(winners, 'exactly one of the racing saves succeeds').toHaveLength(1);
  expect(losers).toEqual(Array(RACERS - 1).fill('VERSION_CONFLICT'));
  const winner = winners[0] as { index: number; recorded: RecordedEvent };
  const stream = await reader.getEvents('raced');
  expect(stream).toHaveLength(1);
  expect(withoutPosition(stream[0] as RecordedEvent)).toEqual(expectedEvent(inputs[winner.index] as Event));
  expect(await reader.getLatestVersion('raced')).toBe(1);
}

/** Checks that, per actor, position order and version order agree. */
function expectCommitOrderMatchesVersions(events: readonly RecordedEvent[]) {
  const byActor = new Map<string, RecordedEvent[]>();
  for (const event of events) byActor.set(event.actorId, [...(byActor.get(event.actorId) ?? []), event]);
  for (const [actorId, stream] of byActor) {
    const byPosition = [...stream].sort((a, b) => a.position - b.position);
    const versions = byPosition.map((event) => event.version);
    const ascending = [...versions].sort((a, b) => a - b);
    expect(versions, `versions of ${actorId} in position order`).toEqual(ascending);
    expect(new Set(versions).size, `distinct versions of ${actorId}`).toBe(versions.length);
  }
}

/** Concurrent writers: one winner per version, commit order never contradicts version order. */
export function testConcurrency(options: ConformanceOptions): void {
  describe(groupTitle(options, 'concurrency'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      `lets exactly one of ${RACERS} concurrent saves of the same version win; the rest get VERSION_CONFLICT`,
      async () => {
        const store = await stores.create();
        await raceOneVersion([store], store);
      },
      timeout,
    );

    if (options.reopen !== undefined) {
      it(
        `lets exactly one of ${RACERS} saves of the same version win across two store instances on one storage`,
        async () => {
          const first = await stores.create();
          const second = await stores.reopen(first);
          await raceOneVersion([first, second], first);
          expect(await second.getLatestVersion('raced')).toBe(1);
        },
        timeout,
      );
    }

    it(
      'never commits a lower version after a higher one of the same actor (concurrent mixed versions)',
      async () => {
        const store = await stores.create();
        const others = options.reopen === undefined ? [] : [await stores.reopen(store)];
        const writers = [store, ...others];
        const actors = ['mixed-a', 'mixed-b', 'mixed-c'];
        // A fixed shuffle of versions 1..12 per actor, so some saves are stale when they land.
        const order = [5, 1, 9, 2, 12, 3, 7, 4, 11, 6, 10, 8];
        const attempts = actors.flatMap((actorId) => order.map((version) => makeEvent(actorId, version)));
        const outcomes = await Promise.allSettled(
          attempts.map((event, index) => (writers[index % writers.length] as AnyEventStore).saveEvent(event)),
        );
        const saved: RecordedEvent[] = [];
        for (const outcome of outcomes) {
          if (outcome.status === 'fulfilled') saved.push(outcome.value);
          else
            expect(codeOf(outcome.reason), 'the only failure a racing save may have').toBe(
              'VERSION_CONFLICT',
            );
        }
        expectCommitOrderMatchesVersions(saved);
        const stored = (await Promise.all(actors.map((actorId) => store.getEvents(actorId)))).flat();
        expectCommitOrderMatchesVersions(stored);
        expect(stored.map((event) => event.id).sort()).toEqual(saved.map((event) => event.id).sort());
        for (const actorId of actors) {
          const stream = stored.filter((event) => event.actorId === actorId);
          expect(stream.length, `${actorId} stored at least its first committed save`).toBeGreaterThan(0);
          expect(await store.getLatestVersion(actorId)).toBe(
            Math.max(...stream.map((event) => event.version)),
          );
        }
      },
      timeout,
    );

    it(
      'does not let concurrent saves to different actors interfere',
      async () => {
        const store = await stores.create();
        const actors = Array.from({ length: 10 }, (_, index) => `parallel-${index}`);
        await Promise.all(
          actors.map(async (actorId) => {
            for (let version = 1; version <= 5; version++) await store.saveEvent(makeEvent(actorId, version));
          }),
        );
        for (const actorId of actors) {
          expect((await store.getEvents(actorId)).map((event) => event.version)).toEqual([1, 2, 3, 4, 5]);
        }
        const positions = (await Promise.all(actors.map((actorId) => store.getEvents(actorId))))
          .flat()
          .map((event) => event.position);
        expect(new Set(positions).size, 'positions are unique store-wide').toBe(positions.length);
      },
      timeout,
    );
  });
}
