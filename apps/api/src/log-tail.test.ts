import type { AetherStore, ReadAllOptions, RecordedEvent } from '@aether/core';
import { fc, test } from '@fast-check/vitest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeKinds } from '../test/stores.ts';
import { findTailStart } from './log-tail.ts';

interface Stored {
  position: number;
  eventType: string;
}

/** `readAll` over a list of positions with gaps, counting the events it hands out. */
function logOf(entries: readonly Stored[]) {
  let read = 0;
  const sorted = [...entries].sort((a, b) => a.position - b.position);
  const readAll = async (options: ReadAllOptions = {}) => {
    const after = options.after ?? 0;
    const limit = options.limit ?? 100;
    const events = sorted
      .filter((entry) => entry.position > after)
      .filter((entry) => options.eventTypes === undefined || options.eventTypes.includes(entry.eventType))
      .slice(0, limit)
      .map((entry) => ({ ...entry }) as unknown as RecordedEvent);
    read += events.length;
    return { events, next: events.length === limit ? (events.at(-1)?.position ?? null) : null };
  };
  return { readAll, read: () => read };
}

/** What a stream starting after `after` shows: the matching positions up to the head. */
const shown = (entries: readonly Stored[], after: number, types?: readonly string[]) =>
  entries
    .filter((entry) => entry.position > after && (types === undefined || types.includes(entry.eventType)))
    .map((entry) => entry.position)
    .sort((a, b) => a - b);

const lastOf = (entries: readonly Stored[], count: number, types?: readonly string[]) => {
  const all = shown(entries, 0, types);
  return count === 0 ? [] : all.slice(-count);
};

describe('findTailStart', () => {
  it('is 0 on an empty log, the head for a tail of 0', async () => {
    expect(await findTailStart(logOf([]), 20)).toEqual({ after: 0, head: 0 });
    const log = logOf([1, 2, 3].map((position) => ({ position, eventType: 'A' })));
    expect(await findTailStart(log, 0)).toEqual({ after: 3, head: 3 });
  });

  it('starts N events before the end of a contiguous log, reading about N events', async () => {
    const log = logOf(
      Array.from({ length: 10_000 }, (_, index) => ({ position: index + 1, eventType: 'A' })),
    );
    expect(await findTailStart(log, 20)).toEqual({ after: 9980, head: 10_000 });
    // The head search reads one event per probe; the window reads the 20 events once.
    expect(log.read()).toBeLessThan(20 + 2 * Math.ceil(Math.log2(10_000)) + 4);
  });

  it('opens with fewer events when the log (or the type) has fewer than N', async () => {
    const entries = [
      { position: 4, eventType: 'A' },
      { position: 9, eventType: 'B' },
    ];
    expect(await findTailStart(logOf(entries), 20)).toEqual({ after: 0, head: 9 });
    expect(await findTailStart(logOf(entries), 20, ['B'])).toEqual({ after: 0, head: 9 });
  });

  it('counts only events of the requested types, far back when a type is rare', async () => {
    const entries = Array.from({ length: 5000 }, (_, index) => ({
      position: index + 1,
      eventType: (index + 1) % 700 === 0 ? 'Rare' : 'Common',
    }));
    const start = await findTailStart(logOf(entries), 3, ['Rare']);
    expect(shown(entries, start.after, ['Rare'])).toEqual([3500, 4200, 4900]);
  });

  test.prop(
    [
      fc.uniqueArray(fc.integer({ min: 1, max: 5000 }), { maxLength: 300 }),
      fc.array(fc.constantFrom('A', 'B', 'C'), { minLength: 300, maxLength: 300 }),
      fc.integer({ min: 0, max: 60 }),
      fc.option(fc.subarray(['A', 'B', 'C'], { minLength: 1 }), { nil: undefined }),
    ],
    { seed: Number(process.env.AETHER_SEED ?? 20_260_301), numRuns: 300 },
  )(
    'a stream after the start shows exactly the last N matching events (gaps, filters)',
    async (positions, types, count, filter) => {
      const entries = positions.map((position, index) => ({ position, eventType: types[index] ?? 'A' }));
      const start = await findTailStart(logOf(entries), count, filter);
      expect(start.head).toBe(Math.max(0, ...positions));
      expect(shown(entries, start.after, filter)).toEqual(lastOf(entries, count, filter));
    },
  );
});

describe.each(storeKinds())('findTailStart over $name', (kind) => {
  let store: AetherStore;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await kind.open());
  });
  afterEach(async () => cleanup());

  it('finds the start of the last N events, of all types and of one', async () => {
    const written: RecordedEvent[] = [];
    for (let batch = 0; batch < 6; batch++) {
      written.push(
        ...(await store.appendEvents(
          `actor-${batch % 3}`,
          Array.from({ length: 25 }, (_, index) => ({
            eventType: index % 10 === 0 ? 'Tenth' : 'Other',
            data: { batch, index },
          })),
        )),
      );
    }
    const head = written.at(-1)?.position ?? 0;
    const all = await findTailStart(store, 30);
    expect(all.head).toBe(head);
    const page = await store.readAll({ after: all.after, limit: 1000 });
    expect(page.events.map((event) => event.id)).toEqual(written.slice(-30).map((event) => event.id));

    const tenth = await findTailStart(store, 4, ['Tenth']);
    const typed = await store.readAll({ after: tenth.after, limit: 1000, eventTypes: ['Tenth'] });
    expect(typed.events.map((event) => event.id)).toEqual(
      written
        .filter((event) => event.eventType === 'Tenth')
        .slice(-4)
        .map((event) => event.id),
    );
    expect(await findTailStart(store, 1000, ['Missing'])).toEqual({ after: 0, head });
  });
});
