import { describe, expect, it } from 'vitest';
import type { Event, JsonValue, RecordedEvent } from '../../types.ts';
import { expectAetherError } from '../expect-error.ts';
import { expectedEvent, makeEvent, observe, readWholeLog, withoutPosition } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';

/** An event with nested data, metadata and a commandId: plenty to mutate. */
export function richEvent(actorId: string, version: number): Event {
  return makeEvent(actorId, version, {
    data: { items: [{ sku: 'a', qty: 1 }], nested: { deep: { value: 'original' } }, list: [1, 2, 3] },
    metadata: { correlationId: 'corr-1', userId: 'user-1' },
    commandId: 'cmd-1',
  });
}

/** Changes every nested value of a JSON container in place. */
function scribble(value: JsonValue): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      if (typeof item === 'object' && item !== null) scribble(item);
      else value[index] = 'changed';
    });
    value.push('extra');
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'object' && item !== null) scribble(item);
      else value[key] = 'changed';
    }
    value.added = true;
  }
}

/** Changes every mutable part of an event in place, as careless caller code might. */
export function vandalize(event: Event | RecordedEvent): void {
  scribble(event.data);
  if (event.metadata) {
    for (const key of Object.keys(event.metadata)) event.metadata[key] = 'changed';
    event.metadata.extra = 'x';
  }
  event.timestamp.setTime(0);
  event.eventType = 'Vandalized';
  event.version = 12345;
  event.id = 'vandalized';
}

const UPDATE_OR_DELETE =
  /^(update|delete|remove|truncate|clear|drop|overwrite|replace|edit|modify|purge|erase)/i;

function methodNames(store: object): string[] {
  const names = new Set<string>();
  for (let target: object | null = store; target && target !== Object.prototype; ) {
    for (const name of Object.getOwnPropertyNames(target)) {
      if (typeof (store as Record<string, unknown>)[name] === 'function') names.add(name);
    }
    target = Object.getPrototypeOf(target);
  }
  return [...names];
}

/** Nothing a caller holds is shared with the store; failed saves leave no trace; no update or delete. */
export function testImmutability(options: ConformanceOptions): void {
  describe(groupTitle(options, 'immutability'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'is not affected by changes to the input event after saveEvent',
      async () => {
        const store = await stores.create();
        const input = richEvent('actor-a', 1);
        const expected = expectedEvent(input);
        await store.saveEvent(input);
        vandalize(input);
        expect((await store.getEvents('actor-a')).map(withoutPosition)).toEqual([expected]);
      },
      timeout,
    );

    it(
      'is not affected by changes to the event saveEvent returned',
      async () => {
        const store = await stores.create();
        const input = richEvent('actor-a', 1);
        const returned = await store.saveEvent(input);
        const position = returned.position;
        vandalize(returned);
        returned.position = position + 1000;
        const [read] = await store.getEvents('actor-a');
        expect(read).toEqual({ ...expectedEvent(input), position });
      },
      timeout,
    );

    it(
      'is not affected by changes to events, arrays, data, metadata or dates a read returned',
      async () => {
        const store = await stores.create();
        const input = richEvent('actor-a', 1);
        await store.saveEvent(input);
        const first = await store.getEvents('actor-a');
        const snapshot = structuredClone(first);
        vandalize(first[0] as RecordedEvent);
        first.push(first[0] as RecordedEvent);
        expect(await store.getEvents('actor-a')).toEqual(snapshot);
        if (store.getEventById) {
          const byId = (await store.getEventById(input.id)) as RecordedEvent;
          vandalize(byId);
          expect(await store.getEventById(input.id)).toEqual(snapshot[0]);
        }
        if (store.readAll) {
          const page = await store.readAll({});
          vandalize(page.events[0] as RecordedEvent);
          page.events.length = 0;
          expect(await readWholeLog(store)).toEqual(snapshot);
        }
        if (store.findByMetadata) {
          const page = await store.findByMetadata('correlationId', 'corr-1');
          vandalize(page.events[0] as RecordedEvent);
          expect((await store.findByMetadata('correlationId', 'corr-1')).events).toEqual(snapshot);
        }
        if (store.getEventsWithErrors) {
          const result = await store.getEventsWithErrors('actor-a');
          vandalize(result.events[0] as RecordedEvent);
          expect((await store.getEventsWithErrors('actor-a')).events).toEqual(snapshot);
        }
        expect(await store.getEvents('actor-a')).toEqual(snapshot);
      },
      timeout,
    );

    it(
      'leaves nothing behind when a save fails with VERSION_CONFLICT',
      async () => {
        const store = await stores.create();
        await store.saveEvent(makeEvent('actor-a', 1));
        await store.saveEvent(makeEvent('actor-a', 2));
        const rejected = makeEvent('actor-a', 2);
        const before = await observe(store, ['actor-a'], [rejected.id]);
        await expectAetherError(store.saveEvent(rejected), 'VERSION_CONFLICT');
        expect(await observe(store, ['actor-a'], [rejected.id])).toEqual(before);
      },
      timeout,
    );

    it(
      'leaves nothing behind when a save fails with INVALID_EVENT',
      async () => {
        const store = await stores.create();
        await store.saveEvent(makeEvent('actor-a', 1));
        const rejected = makeEvent('actor-a', 2, { data: { bad: Number.NaN } });
        const before = await observe(store, ['actor-a'], [rejected.id]);
        await expectAetherError(store.saveEvent(rejected), 'INVALID_EVENT');
        expect(await observe(store, ['actor-a'], [rejected.id])).toEqual(before);
      },
      timeout,
    );

    it(
      'leaves nothing behind when a save fails with DUPLICATE_EVENT_ID',
      async () => {
        const store = await stores.create();
        const stored = makeEvent('actor-a', 1);
        await store.saveEvent(stored);
        const before = await observe(store, ['actor-a', 'actor-b'], [stored.id]);
        await expectAetherError(
          store.saveEvent(makeEvent('actor-b', 1, { id: stored.id })),
          'DUPLICATE_EVENT_ID',
        );
        expect(await observe(store, ['actor-a', 'actor-b'], [stored.id])).toEqual(before);
      },
      timeout,
    );

    it(
      'has no method that updates or deletes events',
      async () => {
        const store = await stores.create();
        const offending = methodNames(store).filter((name) => UPDATE_OR_DELETE.test(name));
        expect(offending).toEqual([]);
      },
      timeout,
    );
  });
}
