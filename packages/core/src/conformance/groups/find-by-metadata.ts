import { describe, expect, it } from 'vitest';
import { STANDARD_METADATA_KEYS } from '../../metadata.ts';
import type { RecordedEvent } from '../../types.ts';
import { expectAetherError } from '../expect-error.ts';
import { makeEvent } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';
import { readPaged } from './read-all.ts';

/** `findByMetadata`: events whose metadata key equals a value, across actors, in position order. */
export function testFindByMetadata(options: ConformanceOptions): void {
  describe(groupTitle(options, 'findByMetadata'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'finds events by each of the five standard keys, across actors, in position order',
      async () => {
        const store = await stores.create('findByMetadata');
        const saved: RecordedEvent[] = [];
        let version = 0;
        for (const key of STANDARD_METADATA_KEYS) {
          for (const [actorId, value] of [
            ['actor-a', 'wanted'],
            ['actor-b', 'other'],
            ['actor-c', 'wanted'],
          ] as const) {
            version += 1;
            saved.push(
              await store.saveEvent(
                makeEvent(actorId, version, { metadata: { [key]: value, tenant: 'wanted' } }),
              ),
            );
          }
        }
        for (const key of STANDARD_METADATA_KEYS) {
          const expected = saved.filter((event) => event.metadata?.[key] === 'wanted');
          expect(expected, key).toHaveLength(2);
          expect(await store.findByMetadata(key, 'wanted'), key).toEqual({ events: expected, next: null });
        }
      },
      timeout,
    );

    it(
      'finds events by a custom key',
      async () => {
        const store = await stores.create('findByMetadata');
        const first = await store.saveEvent(makeEvent('actor-a', 1, { metadata: { tenant: 't-1' } }));
        await store.saveEvent(makeEvent('actor-a', 2, { metadata: { tenant: 't-2' } }));
        await store.saveEvent(makeEvent('actor-b', 1));
        const third = await store.saveEvent(
          makeEvent('actor-b', 2, { metadata: { tenant: 't-1', userId: 'u' } }),
        );
        expect((await store.findByMetadata('tenant', 't-1')).events).toEqual([first, third]);
        expect((await store.findByMetadata('tenant', 'T-1')).events, 'values are case sensitive').toEqual([]);
        expect((await store.findByMetadata('Tenant', 't-1')).events, 'keys are case sensitive').toEqual([]);
      },
      timeout,
    );

    it(
      'finds events written by saveEvents and appendEvents',
      async () => {
        const store = await stores.create('findByMetadata');
        const metadata = { correlationId: 'flow-1' };
        const stored = [
          await store.saveEvent(makeEvent('actor-a', 1, { metadata })),
          ...(store.saveEvents ? await store.saveEvents([makeEvent('actor-b', 1, { metadata })]) : []),
          ...(store.appendEvents
            ? await store.appendEvents('actor-c', [{ eventType: 'A', data: {}, metadata }])
            : []),
        ];
        expect((await store.findByMetadata('correlationId', 'flow-1')).events).toEqual(stored);
      },
      timeout,
    );

    it(
      'pages with after/next in position order',
      async () => {
        const store = await stores.create('findByMetadata');
        const matching: RecordedEvent[] = [];
        for (let version = 1; version <= 9; version++) {
          const correlationId = version % 3 === 0 ? 'other' : 'trace-1';
          const event = await store.saveEvent(
            makeEvent(`actor-${version % 2}`, version, { metadata: { correlationId } }),
          );
          if (correlationId === 'trace-1') matching.push(event);
        }
        for (const limit of [1, 2, 4, 6, 7]) {
          const events = await readPaged(
            (page) => store.findByMetadata('correlationId', 'trace-1', page),
            limit,
          );
          expect(events, `limit ${limit}`).toEqual(matching);
        }
        const second = matching[1] as RecordedEvent;
        expect(
          (await store.findByMetadata('correlationId', 'trace-1', { after: second.position })).events,
        ).toEqual(matching.slice(2));
      },
      timeout,
    );

    it(
      'returns an empty page with next null when nothing matches',
      async () => {
        const store = await stores.create('findByMetadata');
        await store.saveEvent(makeEvent('actor-a', 1, { metadata: { userId: 'u-1' } }));
        expect(await store.findByMetadata('userId', 'u-2')).toEqual({ events: [], next: null });
        expect(await store.findByMetadata('traceId', 'u-1')).toEqual({ events: [], next: null });
      },
      timeout,
    );

    it(
      'rejects invalid keys, values, cursors and limits with INVALID_ARGUMENT',
      async () => {
        const store = await stores.create('findByMetadata');
        const invalid: [string, () => Promise<unknown>][] = [
          ['an empty key', () => store.findByMetadata('', 'v')],
          ['a key with a control character', () => store.findByMetadata('a\u0001', 'v')],
          ['an empty value', () => store.findByMetadata('userId', '')],
          ['a value with U+0000', () => store.findByMetadata('userId', 'u\u0000')],
          ['a value with a lone surrogate', () => store.findByMetadata('userId', 'u\ud800')],
          ['a non-string value', () => store.findByMetadata('userId', 5 as unknown as string)],
          ['after -1', () => store.findByMetadata('userId', 'v', { after: -1 })],
          ['limit 0', () => store.findByMetadata('userId', 'v', { limit: 0 })],
          ['limit 1001', () => store.findByMetadata('userId', 'v', { limit: 1001 })],
        ];
        for (const [label, call] of invalid) await expectAetherError(call, 'INVALID_ARGUMENT', label);
      },
      timeout,
    );
  });
}
