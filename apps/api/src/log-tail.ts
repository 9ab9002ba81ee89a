import { type AetherStore, MAX_PAGE_LIMIT } from '@aether/core';
import { findHead } from './find-head.ts';

/** Most events a tail may open with: one page. */
export const MAX_TAIL = MAX_PAGE_LIMIT;

export interface TailStart {
  /** Exclusive position to stream from: the last `count` events (of the types) lie after it. */
  after: number;
  /** The newest position when the search ran; 0 for an empty log. */
  head: number;
}

type LogReader = Pick<AetherStore, 'readAll'>;

/** Positions of the events (of the types) in `(from, to]`, ascending; only the newest `keep`. */
async function positionsBetween(
  store: LogReader,
  from: number,
  to: number,
  eventTypes: readonly string[] | undefined,
  keep: number,
): Promise<number[]> {
  const positions: number[] = [];
  let after = from;
  while (after < to) {
    // At most `to - after` events can lie in the range: never read past it on an unfiltered log.
    const page = await store.readAll({ after, limit: Math.min(MAX_PAGE_LIMIT, to - after), eventTypes });
    for (const event of page.events) {
      if (event.position > to) return positions.slice(-keep);
      positions.push(event.position);
    }
    if (positions.length > 2 * keep) positions.splice(0, positions.length - keep);
    if (page.next === null) break;
    after = page.next;
  }
  return positions.slice(-keep);
}

/**
 * Where a stream must start so that it opens with the last `count` events of the log (only those of
 * `eventTypes`, when given), found with forward reads only: the contract has no backward read and no
 * "newest position". First the head (about 2·log2(head) one-event reads), then windows that end at the
 * head and grow fourfold until they hold `count` matching events. On a log without a type filter the
 * first window usually does, so the cost is the head search plus one page of `count` events; a rare
 * type costs a scan back to its `count`-th newest event.
 *
 * Events committed during the search are not lost: they lie after the returned position.
 */
export async function findTailStart(
  store: LogReader,
  count: number,
  eventTypes?: readonly string[],
): Promise<TailStart> {
  const head = await findHead(async (after) => (await store.readAll({ after, limit: 1 })).events.length > 0);
  if (count === 0 || head === 0) return { after: head, head };
  // Matching positions in (low, head], ascending, at most count + 1 of them.
  let found: number[] = [];
  let low = head;
  let window = count;
  for (;;) {
    const nextLow = Math.max(0, head - window);
    const older = await positionsBetween(store, nextLow, low, eventTypes, count + 1 - found.length);
    found = [...older, ...found];
    low = nextLow;
    // count + 1 matches: stream after the oldest, the one just before the last `count`.
    const before = found.length > count ? found[0] : undefined;
    if (before !== undefined) return { after: before, head };
    // Exactly `count` in (low, head], or fewer in the whole log: stream after low.
    if (found.length === count || low === 0) return { after: low, head };
    window *= 4;
  }
}
