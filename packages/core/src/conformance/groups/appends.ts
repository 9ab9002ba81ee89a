import { describe, expect, it } from 'vitest';
import { isAetherError, isVersionConflict } from '../../errors.ts';
import type { AppendOptions, EventDraft, RecordedEvent } from '../../types.ts';
import { expectAetherError } from '../expect-error.ts';
import { idsAndVersions, makeEvent, observe } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';
import { vandalize } from './immutability.ts';

const PARALLEL = 20;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const draft = (eventType = 'Appended', data: EventDraft['data'] = { n: 1 }): EventDraft => ({
  eventType,
  data,
});

/** `appendEvents`: the store assigns versions after the latest, checking `expectedVersion`. */
export function testAppends(options: ConformanceOptions): void {
  describe(groupTitle(options, 'appends'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'assigns versions latest+1, latest+2, ... after the actor\u2019s latest version, gaps included',
      async () => {
        const store = await stores.create('appendEvents');
        await store.saveEvent(makeEvent('actor-a', 5));
        const appended = await store.appendEvents('actor-a', [draft('A'), draft('B')]);
        expect(appended.map((event) => [event.version, event.eventType, event.actorId])).toEqual([
          [6, 'A', 'actor-a'],
          [7, 'B', 'actor-a'],
        ]);
        expect(await store.getEvents('actor-a', 6)).toEqual(appended);
        expect(await store.getLatestVersion('actor-a')).toBe(7);
        expect(appended[0]?.position).toBeLessThan(appended[1]?.position as number);
      },
      timeout,
    );

    it(
      'fills missing ids with UUIDv7 and missing timestamps with the time of the append',
      async () => {
        const store = await stores.create('appendEvents');
        const before = Date.now();
        const appended = await store.appendEvents('actor-a', [draft(), draft()]);
        const after = Date.now();
        for (const event of appended) {
          expect(event.id).toMatch(UUID_V7);
          expect(event.timestamp.getTime()).toBeGreaterThanOrEqual(before);
          expect(event.timestamp.getTime()).toBeLessThanOrEqual(after);
        }
        expect(appended[0]?.id).not.toBe(appended[1]?.id);
      },
      timeout,
    );

    it(
      'keeps given ids, timestamps, metadata and commandIds',
      async () => {
        const store = await stores.create('appendEvents');
        const given: EventDraft = {
          id: 'my-id-\u{1F600}',
          eventType: 'Given',
          data: { text: '\u2028' },
          metadata: { correlationId: 'c-1' },
          commandId: 'cmd-1',
          timestamp: new Date('2001-02-03T04:05:06.789Z'),
        };
        const [appended] = await store.appendEvents('actor-a', [given]);
        expect(appended).toEqual({ ...given, actorId: 'actor-a', version: 1, position: appended?.position });
      },
      timeout,
    );

    it(
      'checks expectedVersion: an exact number, no_stream and any; a mismatch is VERSION_CONFLICT',
      async () => {
        const store = await stores.create('appendEvents');
        await store.appendEvents('actor-a', [draft()], { expectedVersion: 'no_stream' });
        let error = await expectAetherError(
          store.appendEvents('actor-a', [draft()], { expectedVersion: 'no_stream' }),
          'VERSION_CONFLICT',
          'no_stream on an existing actor',
        );
        expect(isVersionConflict(error)).toBe(true);
        expect(error).toMatchObject({ actorId: 'actor-a', currentVersion: 1 });
        await store.appendEvents('actor-a', [draft()], { expectedVersion: 1 });
        for (const expectedVersion of [0, 1, 3]) {
          error = await expectAetherError(
            store.appendEvents('actor-a', [draft()], { expectedVersion }),
            'VERSION_CONFLICT',
            `expected ${expectedVersion}, actual 2`,
          );
          expect(error).toMatchObject({ actorId: 'actor-a', currentVersion: 2 });
        }
        await store.appendEvents('actor-a', [draft()], { expectedVersion: 'any' });
        await store.appendEvents('actor-a', [draft()]);
        await store.appendEvents('actor-b', [draft()], { expectedVersion: 0 });
        expect((await store.getEvents('actor-a')).map((event) => event.version)).toEqual([1, 2, 3, 4]);
        expect(await store.getLatestVersion('actor-b')).toBe(1);
      },
      timeout,
    );

    it(
      'checks the expectation of an empty append and returns [] without storing anything',
      async () => {
        const store = await stores.create('appendEvents');
        expect(await store.appendEvents('actor-a', [], { expectedVersion: 'no_stream' })).toEqual([]);
        expect(await store.appendEvents('actor-a', [])).toEqual([]);
        await expectAetherError(
          store.appendEvents('actor-a', [], { expectedVersion: 2 }),
          'VERSION_CONFLICT',
        );
        expect(await store.getLatestVersion('actor-a')).toBe(0);
      },
      timeout,
    );

    it(
      `stores all of ${PARALLEL} parallel 'any' appends with contiguous versions 1..${PARALLEL}`,
      async () => {
        const store = await stores.create('appendEvents');
        const results = await Promise.all(
          Array.from({ length: PARALLEL }, (_, index) =>
            store.appendEvents('actor-a', [draft('Parallel', { index })], { expectedVersion: 'any' }),
          ),
        );
        const appended = results.flat();
        expect(appended).toHaveLength(PARALLEL);
        const versions = appended.map((event) => event.version).sort((a, b) => a - b);
        expect(versions).toEqual(Array.from({ length: PARALLEL }, (_, index) => index + 1));
        const stream = await store.getEvents('actor-a');
        expect(stream.map((event) => event.version)).toEqual(versions);
        expect(stream.map((event) => event.data.index).sort((a, b) => Number(a) - Number(b))).toEqual(
          Array.from({ length: PARALLEL }, (_, index) => index),
        );
        const byPosition = [...stream].sort((a, b) => a.position - b.position);
        expect(byPosition.map((event) => event.version)).toEqual(versions);
      },
      timeout,
    );

    it(
      `lets exactly one of ${PARALLEL} parallel appends with the same expectedVersion win`,
      async () => {
        const store = await stores.create('appendEvents');
        await store.appendEvents('actor-a', [draft(), draft()]);
        const outcomes = await Promise.allSettled(
          Array.from({ length: PARALLEL }, (_, index) =>
            store.appendEvents('actor-a', [draft('Racing', { index }), draft('Racing', { index })], {
              expectedVersion: 2,
            }),
          ),
        );
        const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        expect(winners).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected')
            expect(isAetherError(outcome.reason, 'VERSION_CONFLICT')).toBe(true);
        }
        const winner = (winners[0] as PromiseFulfilledResult<RecordedEvent[]>).value;
        expect(winner.map((event) => event.version)).toEqual([3, 4]);
        expect(await store.getEvents('actor-a', 3)).toEqual(winner);
      },
      timeout,
    );

    it(
      'answers a retry with the same draft ids with the stored events, storing nothing, whatever the expectation',
      async () => {
        const store = await stores.create('appendEvents');
        const drafts: EventDraft[] = [
          { ...draft('A'), id: 'retry-1' },
          { ...draft('B'), id: 'retry-2' },
        ];
        const first = await store.appendEvents('actor-a', drafts, { expectedVersion: 'no_stream' });
        await store.appendEvents('actor-a', [draft('C')]);
        const before = await observe(store, ['actor-a'], ['retry-1', 'retry-2']);
        const retried: AppendOptions[] = [{ expectedVersion: 'no_stream' }, { expectedVersion: 0 }, {}];
        for (const appendOptions of retried) {
          expect(await store.appendEvents('actor-a', drafts, appendOptions)).toEqual(first);
        }
        expect(await observe(store, ['actor-a'], ['retry-1', 'retry-2'])).toEqual(before);
      },
      timeout,
    );

    it(
      'rejects drafts reusing some stored ids with DUPLICATE_EVENT_ID and stores nothing',
      async () => {
        const store = await stores.create('appendEvents');
        const stored = await store.saveEvent(makeEvent('actor-b', 1));
        await store.appendEvents('actor-a', [{ ...draft(), id: 'taken' }]);
        const cases: [string, string, EventDraft[]][] = [
          [
            'half new, half stored',
            'actor-a',
            [
              { ...draft(), id: 'fresh' },
              { ...draft(), id: 'taken' },
            ],
          ],
          ['an id stored on another actor', 'actor-a', [{ ...draft(), id: stored.id }]],
          ['all ids stored on another actor', 'actor-c', [{ ...draft(), id: 'taken' }]],
        ];
        const before = await observe(store, ['actor-a', 'actor-b', 'actor-c'], ['fresh', 'taken', stored.id]);
        for (const [label, actorId, drafts] of cases) {
          await expectAetherError(store.appendEvents(actorId, drafts), 'DUPLICATE_EVENT_ID', label);
        }
        expect(
          await observe(store, ['actor-a', 'actor-b', 'actor-c'], ['fresh', 'taken', stored.id]),
        ).toEqual(before);
      },
      timeout,
    );

    it(
      'rejects invalid drafts with INVALID_EVENT and invalid expectations with INVALID_ARGUMENT',
      async () => {
        const store = await stores.create('appendEvents');
        const invalid: [string, string, unknown, string][] = [
          ['data null', 'actor-a', [draft(), { eventType: 'X', data: null }], '[1].data'],
          ['a version field', 'actor-a', [{ ...draft(), version: 3 }], '[0].version'],
          ['an empty event type', 'actor-a', [draft('')], '[0].eventType'],
          [
            'a repeated id',
            'actor-a',
            [
              { ...draft(), id: 'x' },
              { ...draft(), id: 'x' },
            ],
            '[1].id',
          ],
          ['an invalid actor id', '', [draft()], 'actorId'],
        ];
        for (const [label, actorId, drafts, path] of invalid) {
          await expectAetherError(
            () => store.appendEvents(actorId, drafts as EventDraft[]),
            'INVALID_EVENT',
            label,
            path,
          );
        }
        for (const expectedVersion of [-1, 1.5, 'latest', Number.NaN, '1']) {
          await expectAetherError(
            () => store.appendEvents('actor-a', [draft()], { expectedVersion } as unknown as AppendOptions),
            'INVALID_ARGUMENT',
            `expectedVersion ${String(expectedVersion)}`,
          );
        }
        expect(await store.getLatestVersion('actor-a')).toBe(0);
      },
      timeout,
    );

    it(
      'is not affected by changes to the drafts or to the events appendEvents returned',
      async () => {
        const store = await stores.create('appendEvents');
        const item = { a: 'b' };
        const metadata = { userId: 'u' };
        const timestamp = new Date(1000);
        const drafts: EventDraft[] = [
          { eventType: 'Appended', data: { items: [1, item] }, metadata },
          { eventType: 'Appended', data: { nested: { deep: 'value' } }, timestamp },
        ];
        const returned = await store.appendEvents('actor-a', drafts);
        const stored = structuredClone(returned);
        item.a = 'changed';
        metadata.userId = 'changed';
        timestamp.setTime(0);
        returned.forEach(vandalize);
        returned.length = 0;
        expect(await store.getEvents('actor-a')).toEqual(stored);
      },
      timeout,
    );

    it(
      'returns the same events that reads return',
      async () => {
        const store = await stores.create('appendEvents');
        const first = await store.appendEvents('actor-a', [draft('A'), draft('B')]);
        const second = await store.appendEvents('actor-a', [draft('C')], { expectedVersion: 2 });
        expect(await store.getEvents('actor-a')).toEqual([...first, ...second]);
        expect(idsAndVersions(await store.getEvents('actor-a'))).toEqual(
          idsAndVersions([...first, ...second]),
        );
      },
      timeout,
    );
  });
}
