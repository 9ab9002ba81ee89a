import { describe, expect, it } from 'vitest';
import type { AnyEventStore, Event, JsonObject, RecordedEvent } from '../../types.ts';
import { DEFAULT_MAX_EVENT_BYTES, serializedEventBytes } from '../../validation.ts';
import { expectAetherError } from '../expect-error.ts';
import { makeEvent, observe } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';

const ACTOR = 'domain-actor';

class Money {
  constructor(readonly amount: number) {}
}

/** One invalid input: how to spoil a valid event, and the `path` the error must name. */
interface InvalidCase {
  label: string;
  spoil: (event: Record<string, unknown>) => unknown;
  path: string;
}

const set =
  (key: string, value: unknown) =>
  (event: Record<string, unknown>): unknown => ({ ...event, [key]: value });
const setData =
  (data: Record<string, unknown>) =>
  (event: Record<string, unknown>): unknown => ({ ...event, data: { ok: 1, ...data } });

function sparseArray(): unknown[] {
  const items: unknown[] = new Array(3);
  items[0] = 1;
  items[2] = 3;
  return items;
}

function cyclicData(): Record<string, unknown> {
  const inner: Record<string, unknown> = { name: 'inner' };
  inner.self = inner;
  return { child: inner };
}

const ID_CASES: InvalidCase[] = [
  { label: 'an empty id', spoil: set('id', ''), path: 'id' },
  { label: 'an id of 1025 UTF-8 bytes', spoil: set('id', 'a'.repeat(1025)), path: 'id' },
  {
    label: 'an id of 257 four-byte characters (1028 bytes)',
    spoil: set('id', '\u{1F600}'.repeat(257)),
    path: 'id',
  },
  { label: 'an id with a control character', spoil: set('id', 'id\u0007x'), path: 'id' },
  { label: 'an id with DEL', spoil: set('id', 'id\u007f'), path: 'id' },
  { label: 'an id with a C1 control character', spoil: set('id', 'id\u0085'), path: 'id' },
  { label: 'an id with U+0000', spoil: set('id', 'id\u0000'), path: 'id' },
  { label: 'an id with a lone surrogate', spoil: set('id', 'id\ud83d'), path: 'id' },
  { label: 'a numeric id', spoil: set('id', 42), path: 'id' },
  { label: 'a missing id', spoil: set('id', undefined), path: 'id' },
  { label: 'an empty eventType', spoil: set('eventType', ''), path: 'eventType' },
  { label: 'an eventType with a newline', spoil: set('eventType', 'Type\n'), path: 'eventType' },
  { label: 'an empty actorId', spoil: set('actorId', ''), path: 'actorId' },
  { label: 'an actorId with a tab', spoil: set('actorId', 'actor\t1'), path: 'actorId' },
  { label: 'an actorId of 1025 bytes', spoil: set('actorId', `${'\u00e9'.repeat(512)}a`), path: 'actorId' },
  { label: 'an empty commandId', spoil: set('commandId', ''), path: 'commandId' },
  { label: 'a numeric commandId', spoil: set('commandId', 7), path: 'commandId' },
];

const VERSION_CASES: InvalidCase[] = [
  { label: 'version 0', spoil: set('version', 0), path: 'version' },
  { label: 'version -1', spoil: set('version', -1), path: 'version' },
  { label: 'version 1.5', spoil: set('version', 1.5), path: 'version' },
  { label: 'version NaN', spoil: set('version', Number.NaN), path: 'version' },
  { label: 'version Infinity', spoil: set('version', Number.POSITIVE_INFINITY), path: 'version' },
  { label: 'version 2 ** 53', spoil: set('version', 2 ** 53), path: 'version' },
  { label: 'version as a string', spoil: set('version', '1'), path: 'version' },
  { label: 'version as a bigint', spoil: set('version', 1n), path: 'version' },
];

const DATA_CASES: InvalidCase[] = [
  { label: 'data null', spoil: set('data', null), path: 'data' },
  { label: 'data an array', spoil: set('data', [1, 2]), path: 'data' },
  { label: 'data a string', spoil: set('data', '{}'), path: 'data' },
  { label: 'data a Date', spoil: set('data', new Date()), path: 'data' },
  { label: 'data a Map', spoil: set('data', new Map([['a', 1]])), path: 'data' },
  { label: 'data a class instance', spoil: set('data', new Money(5)), path: 'data' },
  { label: 'missing data', spoil: set('data', undefined), path: 'data' },
  { label: 'nested NaN', spoil: setData({ x: Number.NaN }), path: 'data.x' },
  { label: 'nested Infinity', spoil: setData({ x: Number.POSITIVE_INFINITY }), path: 'data.x' },
  { label: 'nested -Infinity', spoil: setData({ x: Number.NEGATIVE_INFINITY }), path: 'data.x' },
  { label: 'a nested bigint', spoil: setData({ x: 10n }), path: 'data.x' },
  { label: 'a nested function', spoil: setData({ x: () => 1 }), path: 'data.x' },
  { label: 'a nested symbol', spoil: setData({ x: Symbol('s') }), path: 'data.x' },
  { label: 'a nested Date', spoil: setData({ x: new Date() }), path: 'data.x' },
  { label: 'a nested class instance', spoil: setData({ x: new Money(1) }), path: 'data.x' },
  { label: 'a cycle', spoil: setData(cyclicData()), path: 'data.child.self' },
  { label: 'U+0000 in a string', spoil: setData({ x: 'a\u0000b' }), path: 'data.x' },
  { label: 'a lone high surrogate in a string', spoil: setData({ x: 'a\ud800' }), path: 'data.x' },
  { label: 'a lone low surrogate in a string', spoil: setData({ x: '\udc00b' }), path: 'data.x' },
  { label: 'U+0000 in a key', spoil: setData({ 'a\u0000': 1 }), path: 'data["a\\u0000"] (key)' },
  {
    label: 'NaN deep in an array',
    spoil: setData({ items: [1, { p: [0, Number.NaN] }] }),
    path: 'data.items[1].p[1]',
  },
  { label: 'undefined in an array', spoil: setData({ items: [1, undefined] }), path: 'data.items[1]' },
  { label: 'a sparse array', spoil: setData({ items: sparseArray() }), path: 'data.items[1]' },
  { label: 'a key that needs quoting', spoil: setData({ 'my key': Number.NaN }), path: 'data["my key"]' },
];

const OTHER_CASES: InvalidCase[] = [
  {
    label: 'metadata with a number value',
    spoil: set('metadata', { correlationId: 5 }),
    path: 'metadata["correlationId"]',
  },
  {
    label: 'metadata with a null value',
    spoil: set('metadata', { userId: null }),
    path: 'metadata["userId"]',
  },
  {
    label: 'metadata with an object value',
    spoil: set('metadata', { tenant: { a: 1 } }),
    path: 'metadata["tenant"]',
  },
  {
    label: 'metadata with U+0000 in a value',
    spoil: set('metadata', { tenant: 'a\u0000' }),
    path: 'metadata["tenant"]',
  },
  { label: 'metadata an array', spoil: set('metadata', ['a']), path: 'metadata' },
  { label: 'metadata a string', spoil: set('metadata', 'correlationId=1'), path: 'metadata' },
  { label: 'an invalid Date', spoil: set('timestamp', new Date(Number.NaN)), path: 'timestamp' },
  { label: 'a timestamp string', spoil: set('timestamp', '2024-01-01T00:00:00.000Z'), path: 'timestamp' },
  { label: 'a timestamp number', spoil: set('timestamp', 1_700_000_000_000), path: 'timestamp' },
  { label: 'a missing timestamp', spoil: set('timestamp', undefined), path: 'timestamp' },
  {
    label: 'a timestamp in year 10000',
    spoil: set('timestamp', new Date('+010000-01-01T00:00:00.000Z')),
    path: 'timestamp',
  },
  { label: 'an unknown top-level field', spoil: set('payload', { a: 1 }), path: 'payload' },
  { label: 'a null event', spoil: () => null, path: 'event' },
  { label: 'an array as the event', spoil: () => [], path: 'event' },
];

/** Saves each spoiled event; every one must be INVALID_EVENT at its path and leave nothing stored. */
async function expectAllRejected(store: AnyEventStore, cases: readonly InvalidCase[]): Promise<void> {
  const base = makeEvent(ACTOR, 1) as unknown as Record<string, unknown>;
  const before = await observe(store, [ACTOR], [base.id as string]);
  for (const { label, spoil, path } of cases) {
    await expectAetherError(() => store.saveEvent(spoil(base) as Event), 'INVALID_EVENT', label, path);
  }
  expect(await observe(store, [ACTOR], [base.id as string]), 'nothing was stored').toEqual(before);
}

/** An event whose serialized size is exactly `bytes`. */
function eventOfSize(bytes: number, version: number): Event {
  const event = makeEvent(ACTOR, version, { data: { pad: '' } });
  const padding = bytes - serializedEventBytes(event);
  if (padding < 0) throw new Error(`maxEventBytes ${bytes} is smaller than an empty event`);
  return { ...event, data: { pad: 'x'.repeat(padding) } };
}

/** The input domain, enforced by core's validation: the same answer from every adapter. */
export function testInputDomain(options: ConformanceOptions): void {
  describe(groupTitle(options, 'input domain'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'rejects invalid ids, event types, actor ids and command ids with INVALID_EVENT at their path',
      async () => {
        await expectAllRejected(await stores.create(), ID_CASES);
      },
      timeout,
    );

    it(
      'rejects versions that are not positive safe integers with INVALID_EVENT at version',
      async () => {
        await expectAllRejected(await stores.create(), VERSION_CASES);
      },
      timeout,
    );

    it(
      'rejects data that is not a plain JSON object with INVALID_EVENT at the offending path',
      async () => {
        await expectAllRejected(await stores.create(), DATA_CASES);
      },
      timeout,
    );

    it(
      'rejects bad metadata, timestamps, unknown fields and non-objects with INVALID_EVENT at their path',
      async () => {
        await expectAllRejected(await stores.create(), OTHER_CASES);
      },
      timeout,
    );

    it(
      'accepts a 1024-byte id made of four-byte characters, and 1024-byte event types and actor ids',
      async () => {
        const store = await stores.create();
        const longId = '\u{1F600}'.repeat(256);
        const input = makeEvent('b'.repeat(1024), 1, { id: longId, eventType: `${'c'.repeat(1022)}\u00e9` });
        const saved = await store.saveEvent(input);
        expect(saved.id).toBe(longId);
        expect(await store.getLatestVersion('b'.repeat(1024))).toBe(1);
      },
      timeout,
    );

    it(
      'drops properties whose value is undefined, as JSON does',
      async () => {
        const store = await stores.create();
        const input = makeEvent(ACTOR, 1, {
          data: {
            kept: 1,
            dropped: undefined,
            nested: { gone: undefined, here: null },
          } as unknown as JsonObject,
          metadata: { userId: 'u', traceId: undefined } as unknown as Record<string, string>,
          commandId: undefined,
        });
        await store.saveEvent(input);
        const [read] = await store.getEvents(ACTOR);
        const event = read as RecordedEvent;
        expect(event.data).toEqual({ kept: 1, nested: { here: null } });
        expect(Object.keys(event.data).sort()).toEqual(['kept', 'nested']);
        expect(Object.keys(event.data.nested as object)).toEqual(['here']);
        expect(event.metadata).toEqual({ userId: 'u' });
        expect(Object.keys(event.metadata ?? {})).toEqual(['userId']);
        expect(event.commandId).toBeUndefined();
      },
      timeout,
    );

    it(
      'accepts an event of exactly maxEventBytes and rejects one byte more with INVALID_EVENT at data',
      async () => {
        const store = await stores.create();
        const limit = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
        const tooLarge = eventOfSize(limit + 1, 1);
        await expectAetherError(
          store.saveEvent(tooLarge),
          'INVALID_EVENT',
          'one byte over the limit',
          'data',
        );
        expect(await store.getLatestVersion(ACTOR)).toBe(0);
        const atLimit = eventOfSize(limit, 1);
        const saved = await store.saveEvent(atLimit);
        expect(saved.data.pad).toBe(atLimit.data.pad);
        const multiByte = makeEvent(ACTOR, 2, { data: { pad: '\u00e9'.repeat(Math.ceil(limit / 2)) } });
        await expectAetherError(
          store.saveEvent(multiByte),
          'INVALID_EVENT',
          'size counted in UTF-8 bytes',
          'data',
        );
        expect(await store.getLatestVersion(ACTOR)).toBe(1);
      },
      timeout,
    );
  });
}
