import { describe, expect, it } from 'vitest';
import { delay, waitFor } from './conformance/fixtures.ts';
import { isAetherError } from './errors.ts';
import { type SubscriptionSource, startSubscription } from './subscription.ts';
import type { RecordedEvent } from './types.ts';

const BUDGET = 5_000;

/** An in-test global log with the two things a subscription needs: a paged read and a wake-up. */
function logSource(options: { pollIntervalMs?: number; pageSize?: number } = {}) {
  const log: RecordedEvent[] = [];
  const watchers = new Set<() => void>();
  const reads: { after: number; limit: number }[] = [];
  let failure: Error | undefined;
  const source: SubscriptionSource = {
    async readAll({ after, limit, eventTypes }) {
      reads.push({ after, limit });
      if (failure) throw failure;
      const matching = log.filter(
        (event) =>
          event.position > after && (eventTypes === undefined || eventTypes.includes(event.eventType)),
      );
      const events = matching.slice(0, limit);
      return { events, next: matching.length > limit ? (events.at(-1)?.position ?? null) : null };
    },
    watch(onChange) {
      watchers.add(onChange);
      return () => watchers.delete(onChange);
    },
    pollIntervalMs: options.pollIntervalMs ?? 60_000,
    pageSize: options.pageSize ?? 2,
  };
  const append = (eventType = 'T', notify = true): RecordedEvent => {
    const position = log.length + 1;
    const event: RecordedEvent = {
      id: `e-${position}`,
      eventType,
      actorId: 'a',
      version: position,
      data: {},
      timestamp: new Date(position),
      position,
    };
    log.push(event);
    if (notify) for (const watcher of watchers) watcher();
    return event;
  };
  return {
    source,
    append,
    watchers,
    reads,
    failNextRead: (error: Error) => {
      failure = error;
    },
  };
}

const positions = (events: readonly RecordedEvent[]) => events.map((event) => event.position);

describe('startSubscription', () => {
  it('catches up page by page, then delivers live events, each once and in position order', async () => {
    const { source, append } = logSource({ pageSize: 2 });
    for (let i = 0; i < 5; i++) append();
    const received: RecordedEvent[] = [];
    const subscription = startSubscription(source, {}, (event) => {
      received.push(event);
    });
    await waitFor(() => received.length === 5, 'catch-up', BUDGET);
    append();
    append();
    await waitFor(() => received.length === 7, 'live events', BUDGET);
    await delay(20);
    expect(positions(received)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await subscription.close();
    await expect(subscription.done).resolves.toBeUndefined();
  });

  it('starts after the given position and passes eventTypes to the read', async () => {
    const { source, append } = logSource();
    append('A');
    append('B');
    append('A');
    append('A');
    const received: RecordedEvent[] = [];
    const subscription = startSubscription(source, { after: 1, eventTypes: ['A'] }, (event) => {
      received.push(event);
    });
    append('B');
    append('A');
    await waitFor(() => received.length === 3, 'the A events', BUDGET);
    expect(positions(received)).toEqual([3, 4, 6]);
    await subscription.close();
  });

  it('waits for each listener promise before the next delivery and never reads ahead of it', async () => {
    const { source, append, reads } = logSource({ pageSize: 2 });
    for (let i = 0; i < 6; i++) append();
    let running = 0;
    let mostAtOnce = 0;
    const received: number[] = [];
    const subscription = startSubscription(source, {}, async (event) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await delay(10);
      received.push(event.position);
      running -= 1;
    });
    await waitFor(() => received.length === 6, 'all deliveries', BUDGET);
    expect(mostAtOnce).toBe(1);
    expect(received).toEqual([1, 2, 3, 4, 5, 6]);
    // Page by page, each read after the last delivered position: no buffering of the log.
    expect(reads.slice(0, 3).map((read) => read.after)).toEqual([0, 2, 4]);
    await subscription.close();
  });

  it('rejects done with the listener error, stops delivering and unregisters its watcher', async () => {
    const { source, append, watchers } = logSource();
    append();
    append();
    append();
    const failure = new Error('listener failed');
    const calls: number[] = [];
    const subscription = startSubscription(source, {}, (event) => {
      calls.push(event.position);
      if (event.position === 2) throw failure;
    });
    await expect(subscription.done).rejects.toBe(failure);
    expect(calls).toEqual([1, 2]);
    expect(watchers.size).toBe(0);
    append();
    await delay(20);
    expect(calls).toEqual([1, 2]);
    await subscription.close();
  });

  it('ends with the error of a failed read', async () => {
    const { source, failNextRead } = logSource();
    const failure = new Error('read failed');
    failNextRead(failure);
    const subscription = startSubscription(source, {}, () => {});
    await expect(subscription.done).rejects.toBe(failure);
  });

  it('close() waits for a running listener call, resolves done, unwatches, and may be called twice', async () => {
    const { source, append, watchers } = logSource();
    append();
    append();
    let started = 0;
    let finished = 0;
    const subscription = startSubscription(source, {}, async () => {
      started += 1;
      await delay(30);
      finished += 1;
    });
    await waitFor(() => started === 1, 'the first call', BUDGET);
    await subscription.close();
    expect(finished).toBe(1);
    expect(started).toBe(1);
    await expect(subscription.done).resolves.toBeUndefined();
    expect(watchers.size).toBe(0);
    await subscription.close();
    append();
    await delay(20);
    expect(started).toBe(1);
  });

  it('closes promptly while idle, without waiting for the poll interval', async () => {
    const { source } = logSource({ pollIntervalMs: 60_000 });
    const subscription = startSubscription(source, {}, () => {});
    await delay(10);
    const started = Date.now();
    await subscription.close();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('finds events whose wake-up was missed by polling', async () => {
    const { source, append } = logSource({ pollIntervalMs: 20 });
    const received: RecordedEvent[] = [];
    const subscription = startSubscription(source, {}, (event) => {
      received.push(event);
    });
    await delay(10);
    append('T', false);
    await waitFor(() => received.length === 1, 'the polled event', BUDGET);
    await subscription.close();
  });

  it('throws INVALID_ARGUMENT for invalid options before reading anything', () => {
    const { source, reads } = logSource();
    for (const options of [{ after: -1 }, { after: 0.5 }, { eventTypes: [''] }]) {
      let thrown: unknown;
      try {
        startSubscription(source, options, () => {});
      } catch (error) {
        thrown = error;
      }
      expect(isAetherError(thrown, 'INVALID_ARGUMENT'), JSON.stringify(options)).toBe(true);
    }
    expect(reads).toEqual([]);
  });
});
