import { describe, expect, it } from 'vitest';
import { isAetherError } from '../../errors.ts';
import type {
  AetherStore,
  AnyEventStore,
  EventListener,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../../types.ts';
import { expectAetherError } from '../expect-error.ts';
import { delay, makeEvent, waitFor, within } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores, waitBudgetOf } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';

type Subscriber = AnyEventStore & Pick<AetherStore, 'subscribe'>;

interface Collector {
  received: RecordedEvent[];
  subscription: Subscription;
  /** Waits until an event with this id has been delivered. */
  waitForId(id: string, what?: string): Promise<void>;
  waitForCount(count: number): Promise<void>;
}

/** Writes versions 1.. of an actor, one save at a time. */
async function saveSome(
  store: AnyEventStore,
  actorId: string,
  from: number,
  count: number,
  eventType = 'Tested',
) {
  const saved: RecordedEvent[] = [];
  for (let version = from; version < from + count; version++) {
    saved.push(await store.saveEvent(makeEvent(actorId, version, { eventType })));
  }
  return saved;
}

/** Catch-up then live, exactly once, in position order, with back-pressure and clean endings. */
export function testSubscriptions(options: ConformanceOptions): void {
  describe(groupTitle(options, 'subscriptions'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);
    const budget = waitBudgetOf(options);
    let sentinels = 0;

    function collect(
      store: Subscriber,
      subscribeOptions: SubscribeOptions = {},
      onEvent?: EventListener,
    ): Collector {
      const received: RecordedEvent[] = [];
      const subscription = store.subscribe(subscribeOptions, async (event) => {
        received.push(event);
        await onEvent?.(event);
      });
      return {
        received,
        subscription,
        waitForId: (id, what = `event ${id}`) =>
          waitFor(() => received.some((event) => event.id === id), what, budget),
        waitForCount: (count) => waitFor(() => received.length >= count, `${count} events`, budget),
      };
    }

    /**
     * Saves a sentinel event and waits for it: everything committed before it, duplicates included,
     * has been delivered by then, since delivery is in position order.
     */
    async function deliverSentinel(store: AnyEventStore, collector: Collector, eventType = 'Sentinel') {
      sentinels += 1;
      const sentinel = await store.saveEvent(makeEvent(`sentinel-${sentinels}`, 1, { eventType }));
      await collector.waitForId(sentinel.id, 'the sentinel event');
      return sentinel;
    }

    it(
      'delivers stored events (catch-up) and then new ones (live), each once, in position order',
      async () => {
        const store = await stores.create('subscribe');
        const stored = [
          ...(await saveSome(store, 'actor-a', 1, 3)),
          ...(await saveSome(store, 'actor-b', 1, 2)),
        ];
        const collector = collect(store);
        await collector.waitForCount(stored.length);
        const live = [
          ...(await saveSome(store, 'actor-a', 4, 2)),
          ...(await saveSome(store, 'actor-c', 1, 2)),
        ];
        const sentinel = await deliverSentinel(store, collector);
        expect(collector.received).toEqual([...stored, ...live, sentinel]);
        await collector.subscription.close();
        await within(collector.subscription.done, 'done to resolve after close()', budget);
      },
      timeout,
    );

    it(
      'starts after the given position',
      async () => {
        const store = await stores.create('subscribe');
        const stored = await saveSome(store, 'actor-a', 1, 5);
        const collector = collect(store, { after: (stored[1] as RecordedEvent).position });
        const live = await saveSome(store, 'actor-a', 6, 1);
        const sentinel = await deliverSentinel(store, collector);
        expect(collector.received).toEqual([...stored.slice(2), ...live, sentinel]);
        await collector.subscription.close();
      },
      timeout,
    );

    it(
      'starts at the live end when after is the last position, and delivers nothing old',
      async () => {
        const store = await stores.create('subscribe');
        const stored = await saveSome(store, 'actor-a', 1, 3);
        const collector = collect(store, { after: (stored.at(-1) as RecordedEvent).position });
        const sentinel = await deliverSentinel(store, collector);
        expect(collector.received).toEqual([sentinel]);
        await collector.subscription.close();
      },
      timeout,
    );

    it(
      'delivers only the requested eventTypes, in catch-up and live',
      async () => {
        const store = await stores.create('subscribe');
        const first = await saveSome(store, 'actor-a', 1, 2, 'Wanted');
        await saveSome(store, 'actor-a', 3, 2, 'Unwanted');
        const collector = collect(store, { eventTypes: ['Wanted', 'Sentinel'] });
        await saveSome(store, 'actor-b', 1, 2, 'Unwanted');
        const live = await saveSome(store, 'actor-b', 3, 1, 'Wanted');
        const sentinel = await deliverSentinel(store, collector);
        expect(collector.received).toEqual([...first, ...live, sentinel]);
        await collector.subscription.close();
      },
      timeout,
    );

    it(
      'never calls a slow listener concurrently and loses nothing while writes go on',
      async () => {
        const store = await stores.create('subscribe');
        let running = 0;
        let mostAtOnce = 0;
        const stored = await saveSome(store, 'actor-a', 1, 10);
        const collector = collect(store, {}, async () => {
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          await delay(5);
          running -= 1;
        });
        const live: RecordedEvent[] = [];
        for (let version = 11; version <= 25; version++) {
          live.push(await store.saveEvent(makeEvent('actor-a', version)));
          if (version % 5 === 0) await delay(2);
        }
        const sentinel = await deliverSentinel(store, collector);
        expect(mostAtOnce, 'listener calls at once').toBe(1);
        expect(collector.received).toEqual([...stored, ...live, sentinel]);
        await collector.subscription.close();
      },
      timeout,
    );

    for (const style of ['throws', 'rejects'] as const) {
      it(
        `ends the subscription when the listener ${style}: done rejects with that error, no more calls`,
        async () => {
          const store = await stores.create('subscribe');
          await saveSome(store, 'actor-a', 1, 3);
          const failure = new Error('listener failed on purpose');
          let calls = 0;
          const subscription = store.subscribe({}, (_event) => {
            calls += 1;
            if (calls < 2) return;
            if (style === 'throws') throw failure;
            return Promise.reject(failure);
          });
          await expect(within(subscription.done, 'done to reject', budget)).rejects.toBe(failure);
          expect(calls).toBe(2);
          await saveSome(store, 'actor-a', 4, 2);
          const watcher = collect(store, { after: 0 });
          await watcher.waitForCount(5);
          await delay(20);
          expect(calls, 'the ended subscription was not called again').toBe(2);
          await subscription.close();
          await watcher.subscription.close();
        },
        timeout,
      );
    }

    it(
      'stops delivery on close(): done resolves and later events never reach the listener',
      async () => {
        const store = await stores.create('subscribe');
        const stored = await saveSome(store, 'actor-a', 1, 2);
        const collector = collect(store);
        await collector.waitForCount(2);
        await collector.subscription.close();
        await within(collector.subscription.done, 'done to resolve after close()', budget);
        await collector.subscription.close();
        const later = await saveSome(store, 'actor-a', 3, 3);
        const watcher = collect(store, { after: (stored.at(-1) as RecordedEvent).position });
        await watcher.waitForId((later.at(-1) as RecordedEvent).id);
        await delay(20);
        expect(collector.received).toEqual(stored);
        await watcher.subscription.close();
      },
      timeout,
    );

    it(
      'resolves close() only after a running listener call has finished',
      async () => {
        const store = await stores.create('subscribe');
        await saveSome(store, 'actor-a', 1, 1);
        let finished = false;
        let started = false;
        const subscription = store.subscribe({}, async () => {
          started = true;
          await delay(50);
          finished = true;
        });
        await waitFor(() => started, 'the listener to start', budget);
        await subscription.close();
        expect(finished).toBe(true);
      },
      timeout,
    );

    it(
      'ends open subscriptions when the store closes: their done settles and their listeners are not called again',
      async () => {
        const store = await stores.create('subscribe', 'close');
        await store.saveEvent(makeEvent('actor-a', 1));
        let calls = 0;
        const subscription = store.subscribe({}, () => {
          calls += 1;
        });
        await waitFor(() => calls === 1, 'the first delivery', budget);
        await store.close();
        const outcome = await within(
          subscription.done.then(
            () => 'resolved',
            (error: unknown) => error,
          ),
          'done to settle after the store closed',
          budget,
        );
        if (outcome !== 'resolved') {
          expect(isAetherError(outcome, 'STORE_CLOSED'), 'done may only reject with STORE_CLOSED').toBe(true);
        }
        if (options.reopen !== undefined) {
          const other = await stores.reopen(store);
          await other.saveEvent(makeEvent('actor-a', 2));
          await delay(50);
        }
        expect(calls).toBe(1);
        await subscription.close();
      },
      timeout,
    );

    if (options.reopen !== undefined) {
      it(
        'delivers events written through another store instance on the same storage',
        async () => {
          const store = await stores.create('subscribe');
          const other = await stores.reopen(store);
          const collector = collect(store);
          const written = await saveSome(other, 'actor-a', 1, 3);
          for (const event of written) await collector.waitForId(event.id);
          const sentinel = await deliverSentinel(other, collector);
          expect(collector.received).toEqual([...written, sentinel]);
          await collector.subscription.close();
        },
        timeout,
      );
    }

    it(
      'rejects invalid options with INVALID_ARGUMENT (thrown, or through done)',
      async () => {
        const store = await stores.create('subscribe');
        for (const [label, subscribeOptions] of [
          ['after -1', { after: -1 }],
          ['after 1.5', { after: 1.5 }],
          ['eventTypes with an empty string', { eventTypes: [''] }],
        ] as const) {
          await expectAetherError(
            () =>
              within(store.subscribe(subscribeOptions, () => {}).done, 'the subscription to fail', budget),
            'INVALID_ARGUMENT',
            label,
          );
        }
      },
      timeout,
    );
  });
}
