import { describe, expect, it } from 'vitest';
import type { ActorSummary, AetherStore, AnyEventStore, ListActorsOptions } from '../../types.ts';
import { expectAetherError } from '../expect-error.ts';
import { makeEvent } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';

type Lister = AnyEventStore & Pick<AetherStore, 'listActors'>;

/**
 * Follows `next` from `options` to the end, checking the paging contract on every page: a page that
 * is not full ends the listing, and `next` (when not null) is the last actor id returned.
 */
async function listAll(store: Lister, options: Omit<ListActorsOptions, 'after'> & { after?: string }) {
  const actors: ActorSummary[] = [];
  const limit = options.limit ?? 100;
  let after = options.after;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await store.listActors({ ...options, after });
    expect(page.actors.length, 'page size').toBeLessThanOrEqual(limit);
    actors.push(...page.actors);
    if (page.next === null) return actors;
    expect(page.actors.length, 'a page with a next cursor is full').toBe(limit);
    expect(page.next, 'next is the last actor id of the page').toBe(page.actors.at(-1)?.actorId);
    after = page.next;
  }
  throw new Error('listActors paging did not end');
}

const ids = (actors: readonly ActorSummary[]) => actors.map((actor) => actor.actorId);

async function saveActors(store: AnyEventStore, actorIds: readonly string[]) {
  for (const actorId of actorIds) await store.saveEvent(makeEvent(actorId, 1));
}

/** `listActors`: summaries in code point order, prefix filter, cursor paging. */
export function testListActors(options: ConformanceOptions): void {
  describe(groupTitle(options, 'listActors'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'returns an empty page with next null for an empty store',
      async () => {
        const store = await stores.create('listActors');
        expect(await store.listActors()).toEqual({ actors: [], next: null });
        expect(await store.listActors({ prefix: 'x', after: 'a', limit: 1 })).toEqual({
          actors: [],
          next: null,
        });
      },
      timeout,
    );

    it(
      'summarizes each actor exactly: latest version, event count, first and last event time, last type',
      async () => {
        const store = await stores.create('listActors');
        const t = (ms: number) => new Date(Date.UTC(2024, 4, 1) + ms);
        await store.saveEvent(makeEvent('order-1', 2, { eventType: 'Placed', timestamp: t(1) }));
        await store.saveEvent(makeEvent('user-9', 1, { eventType: 'Registered', timestamp: t(5) }));
        await store.saveEvent(makeEvent('order-1', 5, { eventType: 'Paid', timestamp: t(10) }));
        await store.saveEvent(makeEvent('order-1', 8, { eventType: 'Shipped', timestamp: t(20) }));
        expect(await store.listActors()).toEqual({
          actors: [
            {
              actorId: 'order-1',
              latestVersion: 8,
              eventCount: 3,
              firstEventAt: t(1),
              lastEventAt: t(20),
              lastEventType: 'Shipped',
            },
            {
              actorId: 'user-9',
              latestVersion: 1,
              eventCount: 1,
              firstEventAt: t(5),
              lastEventAt: t(5),
              lastEventType: 'Registered',
            },
          ],
          next: null,
        });
      },
      timeout,
    );

    it(
      'keeps summaries current as events are added by every write method',
      async () => {
        const store = await stores.create('listActors');
        await store.saveEvent(makeEvent('actor-a', 1));
        if (store.saveEvents) await store.saveEvents([makeEvent('actor-a', 2), makeEvent('actor-a', 3)]);
        if (store.appendEvents) await store.appendEvents('actor-a', [{ eventType: 'Last', data: {} }]);
        const expectedCount = 1 + (store.saveEvents ? 2 : 0) + (store.appendEvents ? 1 : 0);
        const [summary] = (await store.listActors()).actors;
        expect(summary?.eventCount).toBe(expectedCount);
        expect(summary?.latestVersion).toBe(expectedCount);
        if (store.appendEvents) expect(summary?.lastEventType).toBe('Last');
      },
      timeout,
    );

    it(
      'filters by prefix',
      async () => {
        const store = await stores.create('listActors');
        await saveActors(store, ['user-1', 'order-2', 'order-1', 'order', 'orders-1', 'Order-3', 'xorder-1']);
        expect(ids((await store.listActors({ prefix: 'order-' })).actors)).toEqual(['order-1', 'order-2']);
        expect(ids((await store.listActors({ prefix: 'order' })).actors)).toEqual([
          'order',
          'order-1',
          'order-2',
          'orders-1',
        ]);
        expect(ids((await store.listActors({ prefix: '' })).actors)).toHaveLength(7);
        expect((await store.listActors({ prefix: 'nothing' })).actors).toEqual([]);
        expect(ids((await store.listActors({ prefix: '%' })).actors), 'no LIKE wildcards').toEqual([]);
        expect(ids((await store.listActors({ prefix: 'order_' })).actors), 'no LIKE wildcards').toEqual([]);
      },
      timeout,
    );

    it(
      'pages with after/next to the end, every actor exactly once',
      async () => {
        const store = await stores.create('listActors');
        const actorIds = Array.from({ length: 11 }, (_, index) => `actor-${String(index).padStart(2, '0')}`);
        await saveActors(store, [...actorIds].reverse());
        for (const limit of [1, 3, 5, 11, 12]) {
          expect(ids(await listAll(store, { limit })), `limit ${limit}`).toEqual(actorIds);
        }
        const first = await store.listActors({ limit: 4 });
        expect(ids(first.actors)).toEqual(actorIds.slice(0, 4));
        expect(first.next).toBe('actor-03');
        const second = await store.listActors({ limit: 4, after: first.next as string });
        expect(ids(second.actors)).toEqual(actorIds.slice(4, 8));
        const last = await store.listActors({ limit: 4, after: 'actor-07' });
        expect(ids(last.actors)).toEqual(actorIds.slice(8));
        expect(last.next).toBeNull();
        expect(
          ids((await store.listActors({ after: 'actor-04x' })).actors),
          'after need not be stored',
        ).toEqual(actorIds.slice(5));
        expect(await store.listActors({ after: 'zzz' })).toEqual({ actors: [], next: null });
      },
      timeout,
    );

    it(
      'pages within a prefix',
      async () => {
        const store = await stores.create('listActors');
        await saveActors(store, ['a-1', 'b-1', 'b-2', 'b-3', 'b-4', 'c-1']);
        expect(ids(await listAll(store, { prefix: 'b-', limit: 2 }))).toEqual(['b-1', 'b-2', 'b-3', 'b-4']);
        expect(ids(await listAll(store, { prefix: 'b-', limit: 3, after: 'b-1' }))).toEqual([
          'b-2',
          'b-3',
          'b-4',
        ]);
        expect(ids(await listAll(store, { prefix: 'b-', after: 'a-9' }))).toEqual([
          'b-1',
          'b-2',
          'b-3',
          'b-4',
        ]);
      },
      timeout,
    );

    it(
      'orders actor ids by Unicode code point (an astral character after U+FFFD), also across pages',
      async () => {
        const store = await stores.create('listActors');
        const ordered = ['A', 'B', 'a', 'a b', 'ab', '\u00e9', '\ue000', '\ufffd', '\u{1F600}', '\u{1F600}a'];
        await saveActors(store, [...ordered].reverse());
        expect(ids((await store.listActors()).actors)).toEqual(ordered);
        expect(ids(await listAll(store, { limit: 1 }))).toEqual(ordered);
        expect(ids(await listAll(store, { limit: 2, after: '\ufffd' }))).toEqual(['\u{1F600}', '\u{1F600}a']);
        expect(ids(await listAll(store, { limit: 2, after: '\ue000' }))).toEqual([
          '\ufffd',
          '\u{1F600}',
          '\u{1F600}a',
        ]);
      },
      timeout,
    );

    it(
      'defaults the page size to 100 and accepts limits 1 to 1000',
      async () => {
        const store = await stores.create('listActors');
        const actorIds = Array.from({ length: 101 }, (_, index) => `a-${String(index).padStart(3, '0')}`);
        await saveActors(store, actorIds);
        const page = await store.listActors();
        expect(ids(page.actors)).toEqual(actorIds.slice(0, 100));
        expect(page.next).toBe('a-099');
        expect(ids((await store.listActors({ limit: 1000 })).actors)).toEqual(actorIds);
        expect(ids((await store.listActors({ limit: 1 })).actors)).toEqual(['a-000']);
      },
      timeout,
    );

    it(
      'rejects invalid limits, cursors and prefixes with INVALID_ARGUMENT',
      async () => {
        const store = await stores.create('listActors');
        const invalid: [string, ListActorsOptions][] = [
          ['limit 0', { limit: 0 }],
          ['limit 1001', { limit: 1001 }],
          ['limit -1', { limit: -1 }],
          ['limit 1.5', { limit: 1.5 }],
          ['limit NaN', { limit: Number.NaN }],
          ['after empty', { after: '' }],
          ['after with a control character', { after: 'a\u0001' }],
          ['prefix with a control character', { prefix: 'a\n' }],
          ['prefix with U+0000', { prefix: 'a\u0000' }],
          ['prefix with a lone surrogate', { prefix: 'a\ud800' }],
          ['prefix not a string', { prefix: 5 as unknown as string }],
        ];
        for (const [label, listOptions] of invalid) {
          await expectAetherError(() => store.listActors(listOptions), 'INVALID_ARGUMENT', label);
        }
      },
      timeout,
    );
  });
}
