import { describe, expect, it } from 'vitest';
import type { AnyEventStore, RecordedEvent } from '../../types.ts';
import { expectAetherError } from '../expect-error.ts';
import { makeEvent, within } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores, waitBudgetOf } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';

type Call = (store: AnyEventStore, budget: number) => unknown;

/** A valid call of every method; after `close()` each must fail with STORE_CLOSED. */
const CALLS: Record<string, (stored: RecordedEvent) => Call> = {
  saveEvent: () => (store) => store.saveEvent(makeEvent('actor-a', 2)),
  getEvents: () => (store) => store.getEvents('actor-a'),
  getLatestVersion: () => (store) => store.getLatestVersion('actor-a'),
  saveEvents: () => (store) => store.saveEvents?.([makeEvent('actor-a', 2)]),
  appendEvents: () => (store) => store.appendEvents?.('actor-a', [{ eventType: 'Late', data: {} }]),
  getEventsWithErrors: () => (store) => store.getEventsWithErrors?.('actor-a'),
  getEventById: (stored) => (store) => store.getEventById?.(stored.id),
  listActors: () => (store) => store.listActors?.(),
  readAll: () => (store) => store.readAll?.(),
  findByMetadata: () => (store) => store.findByMetadata?.('userId', 'u'),
  getLatestSnapshot: () => (store) => store.getLatestSnapshot?.('actor-a'),
  saveSnapshot: () => (store) =>
    store.saveSnapshot?.({ actorId: 'actor-a', version: 1, state: {}, timestamp: new Date() }),
  // `subscribe` returns a handle: it may throw at once or end `done` with the error.
  subscribe: () => (store, budget) =>
    within(store.subscribe?.({}, () => {}).done ?? Promise.resolve(), 'the subscription to fail', budget),
};

/** `close()`: later calls fail with STORE_CLOSED and closing twice is fine (subscriptions: see that group). */
export function testClose(options: ConformanceOptions): void {
  describe(groupTitle(options, 'close'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);
    const budget = waitBudgetOf(options);

    it(
      'rejects every method with STORE_CLOSED after close()',
      async () => {
        const store = await stores.create('close');
        const stored = await store.saveEvent(makeEvent('actor-a', 1, { metadata: { userId: 'u' } }));
        await store.close();
        const methods = Object.keys(CALLS).filter(
          (name) => typeof (store as unknown as Record<string, unknown>)[name] === 'function',
        );
        for (const name of methods) {
          const call = (CALLS[name] as (stored: RecordedEvent) => Call)(stored);
          await expectAetherError(() => call(store, budget), 'STORE_CLOSED', name);
        }
      },
      timeout,
    );

    it(
      'accepts close() twice, and concurrently',
      async () => {
        const store = await stores.create('close');
        await store.saveEvent(makeEvent('actor-a', 1));
        await Promise.all([store.close(), store.close()]);
        await store.close();
        await expectAetherError(store.getLatestVersion('actor-a'), 'STORE_CLOSED');
      },
      timeout,
    );

    it(
      'resolves a second close() only once the first has finished closing',
      async () => {
        const store = await stores.create('close');
        await store.saveEvent(makeEvent('actor-a', 1));
        let firstFinished = false;
        const first = store.close().then(() => {
          firstFinished = true;
        });
        await store.close();
        expect(firstFinished, 'the first close() had finished when the second resolved').toBe(true);
        await first;
      },
      timeout,
    );

    if (options.reopen !== undefined) {
      it(
        'keeps what was saved before close(), as a store reopened on the storage shows',
        async () => {
          const store = await stores.create('close');
          const saved = await store.saveEvent(makeEvent('actor-a', 1));
          await store.close();
          const reopened = await stores.reopen(store);
          expect(await reopened.getEvents('actor-a')).toEqual([saved]);
          await expectAetherError(store.getEvents('actor-a'), 'STORE_CLOSED');
        },
        timeout,
      );
    }
  });
}
