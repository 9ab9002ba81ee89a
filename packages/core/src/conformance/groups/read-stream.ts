import { describe, expect, it } from 'vitest';
import type { AetherStore, AnyEventStore, RecordedEvent, StreamPage } from '../../types.ts';
import { expectAetherError } from '../expect-error.ts';
import { makeEvent } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';

type StreamReader = AnyEventStore & Pick<AetherStore, 'readStream'>;

/** Checks one page: ascending versions from `fromVersion`, at most `limit`, `next` = last version + 1 of a full page. */
function expectStreamPage(page: StreamPage, fromVersion: number, limit: number): void {
  expect(page.events.length, 'page size').toBeLessThanOrEqual(limit);
  let previous = fromVersion - 1;
  for (const event of page.events) {
    expect(event.version, 'versions ascend from fromVersion').toBeGreaterThan(previous);
    previous = event.version;
  }
  if (page.next !== null) {
    expect(page.events.length, 'a page with a next cursor is full').toBe(limit);
    expect(page.next, 'next is the last version + 1').toBe((page.events.at(-1)?.version ?? 0) + 1);
  }
}

/** Follows `next` from `fromVersion` to the end, checking every page. */
async function readEveryPage(store: StreamReader, actorId: string, limit: number, fromVersion = 0) {
  const events: RecordedEvent[] = [];
  let cursor: number | null = fromVersion;
  let pages = 0;
  while (cursor !== null) {
    const page: StreamPage = await store.readStream(actorId, { fromVersion: cursor, limit });
    expectStreamPage(page, cursor, limit);
    events.push(...page.events);
    cursor = page.next;
    pages++;
    expect(pages, 'paging terminates').toBeLessThan(1000);
  }
  return { events, pages };
}

/** `readStream`: an actor's stream one bounded page at a time, the same events as `getEvents`. */
export function testReadStream(options: ConformanceOptions): void {
  describe(groupTitle(options, 'readStream'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'pages an actor stream with fromVersion/next to its end: the same events as getEvents',
      async () => {
        const store = await stores.create('readStream');
        const versions = [1, 2, 3, 5, 8, 13, 21, 34, 55];
        for (const version of versions) await store.saveEvent(makeEvent('paged', version));
        await store.saveEvent(makeEvent('other', 1));
        const all = await store.getEvents('paged');
        for (const limit of [1, 2, 4, 9, 10]) {
          const { events, pages } = await readEveryPage(store, 'paged', limit);
          expect(events, `limit ${limit}`).toEqual(all);
          expect(pages, `pages at limit ${limit}`).toBe(Math.max(1, Math.ceil(versions.length / limit)));
        }
        expect(await store.readStream('paged')).toEqual({ events: all, next: null });
      },
      timeout,
    );

    it(
      'starts at fromVersion inclusive, between versions and beyond the end',
      async () => {
        const store = await stores.create('readStream');
        for (const version of [2, 4, 6]) await store.saveEvent(makeEvent('gappy', version));
        const versionsFrom = async (fromVersion: number) =>
          (await store.readStream('gappy', { fromVersion })).events.map((event) => event.version);
        expect(await versionsFrom(0)).toEqual([2, 4, 6]);
        expect(await versionsFrom(4)).toEqual([4, 6]);
        expect(await versionsFrom(5)).toEqual([6]);
        expect(await versionsFrom(7)).toEqual([]);
        expect((await readEveryPage(store, 'gappy', 1, 3)).events.map((event) => event.version)).toEqual([
          4, 6,
        ]);
      },
      timeout,
    );

    it(
      'returns an empty last page for an unknown actor',
      async () => {
        const store = await stores.create('readStream');
        await store.saveEvent(makeEvent('known', 1));
        expect(await store.readStream('unknown')).toEqual({ events: [], next: null });
        expect(await store.readStream('know')).toEqual({ events: [], next: null });
      },
      timeout,
    );

    it(
      'rejects a bad actor id, fromVersion or limit with INVALID_ARGUMENT and reads nothing',
      async () => {
        const store = await stores.create('readStream');
        await store.saveEvent(makeEvent('actor', 1));
        const bad: [string, () => Promise<unknown>][] = [
          ['empty actor id', () => store.readStream('')],
          ['negative fromVersion', () => store.readStream('actor', { fromVersion: -1 })],
          ['fractional fromVersion', () => store.readStream('actor', { fromVersion: 1.5 })],
          ['limit 0', () => store.readStream('actor', { limit: 0 })],
          ['limit 1001', () => store.readStream('actor', { limit: 1001 })],
          ['fractional limit', () => store.readStream('actor', { limit: 2.5 })],
        ];
        for (const [label, read] of bad) await expectAetherError(read, 'INVALID_ARGUMENT', label);
        expect((await store.readStream('actor', { limit: 1000 })).events).toHaveLength(1);
      },
      timeout,
    );

    it(
      'returns copies: changing a page never changes what a later read returns',
      async () => {
        const store = await stores.create('readStream');
        await store.saveEvent(
          makeEvent('copied', 1, { data: { nested: { n: 1 } }, metadata: { userId: 'u' } }),
        );
        const first = await store.readStream('copied');
        const event = first.events[0] as RecordedEvent;
        (event.data.nested as { n: number }).n = 2;
        (event.metadata as Record<string, string>).userId = 'changed';
        event.timestamp.setTime(0);
        first.events.length = 0;
        const again = await store.readStream('copied');
        expect(again.events).toEqual(await store.getEvents('copied'));
        expect(again.events[0]?.data).toEqual({ nested: { n: 1 } });
      },
      timeout,
    );
  });
}
