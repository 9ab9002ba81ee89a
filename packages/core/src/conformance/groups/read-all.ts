import { describe, expect, it } from 'vitest';
import type { AetherStore, AnyEventStore, EventPage, ReadAllOptions, RecordedEvent } from '../../types.ts';
import { expectAetherError } from '../expect-error.ts';
import { delay, makeEvent, readAllPages } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';

type Reader = AnyEventStore & Pick<AetherStore, 'readAll'>;

/** Checks the paging contract of one page of `limit`: `next` is null or the last position of a full page. */
export function expectPageShape(page: EventPage, limit: number, after: number): void {
  expect(page.events.length, 'page size').toBeLessThanOrEqual(limit);
  let previous = after;
  for (const event of page.events) {
    expect(event.position, 'positions increase and lie after the cursor').toBeGreaterThan(previous);
    previous = event.position;
  }
  if (page.next !== null) {
    expect(page.events.length, 'a page with a next cursor is full').toBe(limit);
    expect(page.next, 'next is the last position of the page').toBe(page.events.at(-1)?.position);
  }
}

/** Reads every page with `options`, checking each page's shape. */
export async function readPaged(
  read: (options: { after?: number; limit: number }) => Promise<EventPage>,
  limit: number,
  after?: number,
): Promise<RecordedEvent[]> {
  return readAllPages(async (cursor) => {
    const page = await read(cursor === undefined ? { limit } : { after: cursor, limit });
    expectPageShape(page, limit, cursor ?? 0);
    return page;
  }, after);
}

async function saveMixed(store: AnyEventStore): Promise<RecordedEvent[]> {
  const saved: RecordedEvent[] = [];
  const plan: [string, number, string][] = [
    ['actor-a', 1, 'Created'],
    ['actor-b', 1, 'Created'],
    ['actor-a', 2, 'Renamed'],
    ['actor-c', 5, 'Created'],
    ['actor-b', 2, 'Deleted'],
    ['actor-a', 4, 'Renamed'],
    ['actor-c', 6, 'Archived'],
  ];
  for (const [actorId, version, eventType] of plan) {
    saved.push(await store.saveEvent(makeEvent(actorId, version, { eventType })));
  }
  return saved;
}

/** `readAll`: the global log in position order, paged, filtered, gap-free for a tailing reader. */
export function testReadAll(options: ConformanceOptions): void {
  describe(groupTitle(options, 'readAll'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);
    const pageReader =
      (store: Reader, extra: ReadAllOptions = {}) =>
      (page: ReadAllOptions) =>
        store.readAll({ ...extra, ...page });

    it(
      'returns every event of every actor in position order, as saved',
      async () => {
        const store = await stores.create('readAll');
        const saved = await saveMixed(store);
        const page = await store.readAll();
        expect(page).toEqual({ events: saved, next: null });
        expect(await store.readAll({ after: 0 })).toEqual({ events: saved, next: null });
      },
      timeout,
    );

    it(
      'pages with after/next to the end, every event exactly once',
      async () => {
        const store = await stores.create('readAll');
        const saved = await saveMixed(store);
        for (const limit of [1, 2, 3, 7, 8]) {
          expect(await readPaged(pageReader(store), limit), `limit ${limit}`).toEqual(saved);
        }
        const third = saved[2] as RecordedEvent;
        expect((await store.readAll({ after: third.position })).events).toEqual(saved.slice(3));
        const page = await store.readAll({ after: third.position, limit: 2 });
        expect(page).toEqual({ events: saved.slice(3, 5), next: saved[4]?.position });
      },
      timeout,
    );

    it(
      'returns an empty page with next null after the end',
      async () => {
        const store = await stores.create('readAll');
        const saved = await saveMixed(store);
        const last = (saved.at(-1) as RecordedEvent).position;
        expect(await store.readAll({ after: last })).toEqual({ events: [], next: null });
        expect(await store.readAll({ after: last + 1000 })).toEqual({ events: [], next: null });
        expect(await store.readAll({ after: Number.MAX_SAFE_INTEGER })).toEqual({ events: [], next: null });
      },
      timeout,
    );

    it(
      'filters by eventTypes, in position order, also across pages',
      async () => {
        const store = await stores.create('readAll');
        const saved = await saveMixed(store);
        const renamedOrArchived = saved.filter((event) => ['Renamed', 'Archived'].includes(event.eventType));
        expect((await store.readAll({ eventTypes: ['Renamed', 'Archived'] })).events).toEqual(
          renamedOrArchived,
        );
        for (const limit of [1, 2]) {
          expect(
            await readPaged(pageReader(store, { eventTypes: ['Renamed', 'Archived'] }), limit),
            `limit ${limit}`,
          ).toEqual(renamedOrArchived);
        }
        expect((await store.readAll({ eventTypes: ['Missing'] })).events).toEqual([]);
        expect((await store.readAll({ eventTypes: ['created'] })).events, 'types are case sensitive').toEqual(
          [],
        );
      },
      timeout,
    );

    it(
      'defaults the page size to 100 and accepts limits 1 to 1000',
      async () => {
        const store = await stores.create('readAll');
        for (let version = 1; version <= 101; version++) await store.saveEvent(makeEvent('actor-a', version));
        const page = await store.readAll();
        expect(page.events.map((event) => event.version)).toEqual(
          Array.from({ length: 100 }, (_, i) => i + 1),
        );
        expect(page.next).toBe(page.events.at(-1)?.position);
        expect((await store.readAll({ limit: 1000 })).events).toHaveLength(101);
        expect((await store.readAll({ limit: 1 })).events).toHaveLength(1);
      },
      timeout,
    );

    it(
      'rejects invalid cursors, limits and event types with INVALID_ARGUMENT',
      async () => {
        const store = await stores.create('readAll');
        const invalid: [string, ReadAllOptions][] = [
          ['after -1', { after: -1 }],
          ['after 1.5', { after: 1.5 }],
          ['after NaN', { after: Number.NaN }],
          ['limit 0', { limit: 0 }],
          ['limit 1001', { limit: 1001 }],
          ['limit 2.5', { limit: 2.5 }],
          ['eventTypes not an array', { eventTypes: 'Created' as unknown as string[] }],
          ['eventTypes with an empty string', { eventTypes: ['Created', ''] }],
        ];
        for (const [label, readOptions] of invalid) {
          await expectAetherError(() => store.readAll(readOptions), 'INVALID_ARGUMENT', label);
        }
      },
      timeout,
    );

    it(
      'shows a tailing reader (after = last seen) every committed event exactly once while writers run',
      async () => {
        const store = await stores.create('readAll');
        const writers: AnyEventStore[] = [store];
        if (options.reopen !== undefined) writers.push(await stores.reopen(store));
        const WRITERS = 4;
        const PER_WRITER = 25;
        const committed: RecordedEvent[] = [];
        let writing = true;
        const writes = Promise.all(
          Array.from({ length: WRITERS }, async (_, index) => {
            const writer = writers[index % writers.length] as AnyEventStore;
            for (let version = 1; version <= PER_WRITER; version++) {
              committed.push(await writer.saveEvent(makeEvent(`writer-${index}`, version)));
              if (version % 5 === 0) await delay(1);
            }
          }),
        ).finally(() => {
          writing = false;
        });
        const seen: RecordedEvent[] = [];
        const tail = async () => {
          let after = 0;
          for (;;) {
            // Read the flag before the page: a page read after the writers finished sees all they wrote.
            const finished = !writing;
            const page = await store.readAll({ after, limit: 7 });
            expectPageShape(page, 7, after);
            seen.push(...page.events);
            after = page.events.at(-1)?.position ?? after;
            if (finished && page.next === null) return;
            if (page.events.length === 0) await delay(1);
          }
        };
        await Promise.all([writes, tail()]);
        const seenIds = seen.map((event) => event.id);
        expect(new Set(seenIds).size, 'no event seen twice').toBe(seenIds.length);
        expect([...seenIds].sort()).toEqual(committed.map((event) => event.id).sort());
        expect(seen.length).toBe(WRITERS * PER_WRITER);
      },
      timeout,
    );
  });
}
