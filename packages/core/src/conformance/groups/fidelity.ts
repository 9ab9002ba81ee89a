import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyEventStore, Event, JsonObject, RecordedEvent } from '../../types.ts';
import { eventParts, propertyParameters } from '../arbitraries.ts';
import { expectedEvent, makeEvent, withoutPosition } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';

/** Data that survives only a careful encoder. Built with JSON.parse so `__proto__` is an own key. */
function edgeCaseData(): JsonObject {
  const data = JSON.parse(
    '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"nested":{"__proto__":[1,{"__proto__":null}]}}',
  ) as JsonObject;
  Object.assign(data, {
    astral: '\u{1F600}\u{1D306}\u{10FFFF} mixed \u00fc\u4e2d',
    separators: 'line\u2028paragraph\u2029end',
    escapes: '"quoted" back\\slash /slash \b\f\n\r\t',
    controls: '\u0001\u001f\u007f\u0085',
    specials: '\uFEFF\uFFFD\uFFFF\uE000',
    combining: 'e\u0301 vs \u00e9',
    empty: '',
    emptyKey: { '': '' },
    unicodeKeys: { ключ: 1, '\u{1F600}': 2, 'a\u2028b': 3 },
    arrays: [[], [[]], [1, [2, [3, [4]]]], [{}, { a: [null, true, false] }]],
    objects: { a: { b: { c: { d: { e: 'deep' } } } } },
    maxSafe: Number.MAX_SAFE_INTEGER,
    minSafe: Number.MIN_SAFE_INTEGER,
    smallest: 5e-324,
    large: 1e308,
    maxValue: Number.MAX_VALUE,
    negativeTiny: -1.5e-300,
    tenth: 0.1,
    third: 1 / 3,
    negative: -42,
    zero: 0,
    nothing: null,
    yes: true,
    no: false,
    numericStringKeys: { '1': 'one', '01': 'zero one', '-1': 'minus one' },
  });
  return data;
}

const TIMESTAMPS = [
  '0001-01-01T00:00:00.000Z',
  '1969-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00.001Z',
  '2024-02-29T12:34:56.789Z',
  '9999-12-31T23:59:59.999Z',
];

/** Reads `input` back through every read the store has and compares it with what was saved. */
async function expectRoundTrip(store: AnyEventStore, input: Event, saved: RecordedEvent): Promise<void> {
  const expected = expectedEvent(input);
  expect(withoutPosition(saved), 'the event saveEvent returned').toEqual(expected);
  const stream = await store.getEvents(input.actorId);
  const read = stream.find((event) => event.id === input.id);
  expect(read, 'getEvents').toEqual({ ...expected, position: saved.position });
  if (store.getEventById) {
    expect(await store.getEventById(input.id), 'getEventById').toEqual({
      ...expected,
      position: saved.position,
    });
  }
}

/** Every valid event round-trips exactly. */
export function testFidelity(options: ConformanceOptions): void {
  describe(groupTitle(options, 'fidelity'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'round-trips unicode, U+2028/U+2029, nested values, __proto__ keys and extreme numbers in data',
      async () => {
        const store = await stores.create();
        const input = makeEvent('actor-a', 1, { data: edgeCaseData() });
        const saved = await store.saveEvent(input);
        await expectRoundTrip(store, input, saved);
        const [read] = await store.getEvents('actor-a');
        const data = (read as RecordedEvent).data;
        expect(Object.hasOwn(data, '__proto__'), '__proto__ is an own key').toBe(true);
        expect(Object.getPrototypeOf(data), 'data keeps a plain prototype').toBe(Object.prototype);
        expect(({} as Record<string, unknown>).polluted, 'no prototype pollution').toBeUndefined();
        expect(
          Object.is(data.zero, 0) && data.smallest === 5e-324 && data.maxSafe === Number.MAX_SAFE_INTEGER,
        ).toBe(true);
        expect(data.separators).toBe('line\u2028paragraph\u2029end');
      },
      timeout,
    );

    it(
      'stores -0 as 0 (core normalizes it, as JSON does)',
      async () => {
        const store = await stores.create();
        await store.saveEvent(makeEvent('actor-a', 1, { data: { z: -0, list: [-0] } }));
        const [read] = await store.getEvents('actor-a');
        expect(Object.is((read as RecordedEvent).data.z, 0)).toBe(true);
        expect(Object.is(((read as RecordedEvent).data.list as number[])[0], 0)).toBe(true);
      },
      timeout,
    );

    it(
      'round-trips ids, event types and actor ids with astral characters, spaces and punctuation',
      async () => {
        const store = await stores.create();
        const input = makeEvent('actor/with spaces/\u00fc/\u{1F600}/\u2028', 1, {
          id: `id \u{1F600} \u00fc "quoted" ${'\u{1D306}'.repeat(3)}`,
          eventType: 'Order.Placed/v2 \u{1F600}',
          commandId: 'cmd-\u{1F600}-\u2029',
        });
        await expectRoundTrip(store, input, await store.saveEvent(input));
      },
      timeout,
    );

    it(
      'round-trips metadata with the five standard keys and custom keys',
      async () => {
        const store = await stores.create();
        const input = makeEvent('actor-a', 1, {
          metadata: {
            correlationId: 'corr-\u{1F600}',
            causationId: 'cause-1',
            userId: 'user \u00fc',
            traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
            spanId: '00f067aa0ba902b7',
            tenant: 'a\u2028b',
            'custom key \u{1F600}': '',
          },
        });
        await expectRoundTrip(store, input, await store.saveEvent(input));
      },
      timeout,
    );

    it(
      'round-trips an event without metadata or commandId without inventing them',
      async () => {
        const store = await stores.create();
        const input = makeEvent('actor-a', 1);
        await store.saveEvent(input);
        const [read] = await store.getEvents('actor-a');
        expect((read as RecordedEvent).metadata, 'metadata').toBeUndefined();
        expect((read as RecordedEvent).commandId, 'commandId').toBeUndefined();
      },
      timeout,
    );

    it(
      'round-trips timestamps to the millisecond, in years 0001, 1969 and 9999',
      async () => {
        const store = await stores.create();
        for (const [index, text] of TIMESTAMPS.entries()) {
          const input = makeEvent('actor-a', index + 1, { timestamp: new Date(text) });
          await expectRoundTrip(store, input, await store.saveEvent(input));
        }
        const read = await store.getEvents('actor-a');
        expect(read.map((event) => event.timestamp.toISOString())).toEqual(TIMESTAMPS);
        for (const event of read) expect(event.timestamp).toBeInstanceOf(Date);
      },
      timeout,
    );

    it(
      'round-trips arbitrary valid events (property, fast-check)',
      async () => {
        const store = await stores.create();
        let run = 0;
        await fc.assert(
          fc.asyncProperty(eventParts, async (parts) => {
            run += 1;
            // Unique per run so that runs never collide in the one store.
            const input: Event = { ...parts, id: `${parts.id}#${run}`, actorId: `${parts.actorId}#${run}` };
            const saved = await store.saveEvent(input);
            await expectRoundTrip(store, input, saved);
          }),
          propertyParameters(options, 60, Math.floor(timeout * 0.8)),
        );
      },
      timeout,
    );
  });
}
