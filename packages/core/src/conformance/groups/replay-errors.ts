import { describe, expect, it } from 'vitest';
import { isAetherError } from '../../errors.ts';
import type { RecordedEvent } from '../../types.ts';
import { expectAetherError } from '../expect-error.ts';
import { makeEvent } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';
import { INVALID_ACTOR_IDS } from './reads.ts';

/** With `corrupt`: a damaged record is reported, never skipped silently or served as an event. */
export function testReplayErrors(options: ConformanceOptions): void {
  describe(groupTitle(options, 'replay errors'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    async function storeWithDamage() {
      const store = await stores.create('getEventsWithErrors');
      const saved: RecordedEvent[] = [];
      for (const version of [1, 2, 3]) saved.push(await store.saveEvent(makeEvent('actor-a', version)));
      const other = await store.saveEvent(makeEvent('actor-b', 1));
      const damaged = saved[1] as RecordedEvent;
      const corrupt = options.corrupt;
      if (corrupt === undefined) throw new Error('this group needs the corrupt hook');
      await corrupt(store, {
        actorId: damaged.actorId,
        version: damaged.version,
        id: damaged.id,
        position: damaged.position,
      });
      return { store, saved, damaged, other };
    }

    it(
      'returns the good events and no errors when nothing is damaged',
      async () => {
        const store = await stores.create('getEventsWithErrors');
        const saved = [
          await store.saveEvent(makeEvent('actor-a', 1)),
          await store.saveEvent(makeEvent('actor-a', 2)),
        ];
        expect(await store.getEventsWithErrors('actor-a')).toEqual({ events: saved, errors: [] });
        expect(await store.getEventsWithErrors('actor-a', 2)).toEqual({ events: [saved[1]], errors: [] });
        expect(await store.getEventsWithErrors('unknown')).toEqual({ events: [], errors: [] });
      },
      timeout,
    );

    it(
      'makes plain getEvents reject with CORRUPT_RECORD instead of skipping the damaged record',
      async () => {
        const { store } = await storeWithDamage();
        await expectAetherError(store.getEvents('actor-a'), 'CORRUPT_RECORD');
      },
      timeout,
    );

    it(
      'reports the good events plus one ReplayError with position, raw text and a CORRUPT_RECORD cause',
      async () => {
        const { store, saved, damaged } = await storeWithDamage();
        const { events, errors } = await store.getEventsWithErrors('actor-a');
        expect(events).toEqual([saved[0], saved[2]]);
        expect(errors).toHaveLength(1);
        const [error] = errors;
        expect(error?.position).toBe(damaged.position);
        expect(typeof error?.raw).toBe('string');
        expect(error?.raw.length).toBeGreaterThan(0);
        expect(isAetherError(error?.cause, 'CORRUPT_RECORD')).toBe(true);
      },
      timeout,
    );

    it(
      'honours fromVersion and leaves other actors readable',
      async () => {
        const { store, saved, other } = await storeWithDamage();
        expect(await store.getEventsWithErrors('actor-a', 3)).toEqual({ events: [saved[2]], errors: [] });
        expect((await store.getEventsWithErrors('actor-a', 2)).errors).toHaveLength(1);
        expect(await store.getEvents('actor-a', 3)).toEqual([saved[2]]);
        expect(await store.getEvents('actor-b')).toEqual([other]);
        expect(await store.getLatestVersion('actor-a')).toBe(3);
      },
      timeout,
    );

    it(
      'rejects invalid arguments with INVALID_ARGUMENT',
      async () => {
        const store = await stores.create('getEventsWithErrors');
        for (const [label, actorId] of INVALID_ACTOR_IDS) {
          await expectAetherError(
            () => store.getEventsWithErrors(actorId as string),
            'INVALID_ARGUMENT',
            label,
          );
        }
        await expectAetherError(
          () => store.getEventsWithErrors('actor-a', -1),
          'INVALID_ARGUMENT',
          'fromVersion -1',
        );
      },
      timeout,
    );
  });
}
