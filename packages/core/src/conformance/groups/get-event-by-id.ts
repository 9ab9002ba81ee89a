import { describe, expect, it } from 'vitest';
import { expectAetherError } from '../expect-error.ts';
import { makeEvent } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';

/** `getEventById`: the stored event, `null`, or `INVALID_ARGUMENT`. */
export function testGetEventById(options: ConformanceOptions): void {
  describe(groupTitle(options, 'getEventById'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'returns the stored event with its position',
      async () => {
        const store = await stores.create('getEventById');
        const first = await store.saveEvent(makeEvent('actor-a', 1, { metadata: { userId: 'u' } }));
        const second = await store.saveEvent(makeEvent('actor-b', 4));
        expect(await store.getEventById(first.id)).toEqual(first);
        expect(await store.getEventById(second.id)).toEqual(second);
      },
      timeout,
    );

    it(
      'finds events stored by every write method the store has',
      async () => {
        const store = await stores.create('getEventById');
        const stored = [
          await store.saveEvent(makeEvent('single', 1)),
          ...(store.saveEvents ? await store.saveEvents([makeEvent('batch', 1), makeEvent('batch', 2)]) : []),
          ...(store.appendEvents ? await store.appendEvents('append', [{ eventType: 'A', data: {} }]) : []),
        ];
        for (const event of stored) expect(await store.getEventById(event.id)).toEqual(event);
      },
      timeout,
    );

    it(
      'returns null for an id that is not stored, including ids that differ only in case or by a prefix',
      async () => {
        const store = await stores.create('getEventById');
        const stored = await store.saveEvent(makeEvent('actor-a', 1, { id: 'Event-ABC' }));
        expect(await store.getEventById('unknown')).toBeNull();
        expect(await store.getEventById('event-abc')).toBeNull();
        expect(await store.getEventById('Event-AB')).toBeNull();
        expect(await store.getEventById(stored.id)).toEqual(stored);
      },
      timeout,
    );

    it(
      'rejects an invalid id with INVALID_ARGUMENT',
      async () => {
        const store = await stores.create('getEventById');
        for (const [label, id] of [
          ['empty', ''],
          ['a number', 5],
          ['a control character', 'id\u0001'],
          ['1025 bytes', 'x'.repeat(1025)],
        ] as const) {
          await expectAetherError(() => store.getEventById(id as string), 'INVALID_ARGUMENT', label);
        }
      },
      timeout,
    );
  });
}
