import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventParts, propertySeed } from './conformance/arbitraries.ts';
import { isAetherError } from './errors.ts';
import { decodeEvent, decodeSnapshot, encodeEvent, encodeSnapshot } from './record-codec.ts';
import { validateEvent } from './validation.ts';

function corruptCode(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return isAetherError(error) ? error.code : String(error);
  }
  return 'no error';
}

describe('encodeEvent / decodeEvent', () => {
  it('round-trips every valid event exactly, with the given position (property)', () => {
    fc.assert(
      fc.property(eventParts, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (parts, position) => {
        const event = validateEvent(parts);
        expect(decodeEvent(encodeEvent(event), position)).toEqual({ ...event, position });
      }),
      { seed: propertySeed(), numRuns: 300 },
    );
  });

  it('keeps U+2028, astral characters and millisecond timestamps', () => {
    const event = validateEvent({
      id: 'e',
      eventType: 'T',
      actorId: 'a',
      version: 1,
      data: { text: '\u2028\u{1F600}' },
      timestamp: new Date('0001-01-01T00:00:00.001Z'),
    });
    const decoded = decodeEvent(encodeEvent(event), 3);
    expect(decoded.data.text).toBe('\u2028\u{1F600}');
    expect(decoded.timestamp.toISOString()).toBe('0001-01-01T00:00:00.001Z');
  });

  it('refuses damaged records with CORRUPT_RECORD', () => {
    const good = JSON.parse(
      encodeEvent(
        validateEvent({
          id: 'e',
          eventType: 'T',
          actorId: 'a',
          version: 1,
          data: {},
          timestamp: new Date(0),
        }),
      ),
    ) as Record<string, unknown>;
    const damaged = [
      '{"id":"e","trunc',
      '',
      '[]',
      'null',
      '"text"',
      JSON.stringify({ ...good, id: 5 }),
      JSON.stringify({ ...good, version: '1' }),
      JSON.stringify({ ...good, version: 1.5 }),
      JSON.stringify({ ...good, data: [] }),
      JSON.stringify({ ...good, data: null }),
      JSON.stringify({ ...good, metadata: { a: 1 } }),
      JSON.stringify({ ...good, commandId: 3 }),
      JSON.stringify({ ...good, timestamp: 'not a date' }),
      JSON.stringify({ ...good, timestamp: undefined }),
    ];
    for (const text of damaged)
      expect(
        corruptCode(() => decodeEvent(text, 1)),
        text,
      ).toBe('CORRUPT_RECORD');
  });
});

describe('encodeSnapshot / decodeSnapshot', () => {
  it('round-trips a snapshot and refuses a damaged one', () => {
    const snapshot = { actorId: 'a', version: 3, state: { n: [1, { m: null }] }, timestamp: new Date(1234) };
    expect(decodeSnapshot(encodeSnapshot(snapshot))).toEqual(snapshot);
    expect(corruptCode(() => decodeSnapshot('{"actorId":"a"'))).toBe('CORRUPT_RECORD');
    expect(corruptCode(() => decodeSnapshot('{"actorId":"a","version":1,"state":[]}'))).toBe(
      'CORRUPT_RECORD',
    );
  });
});
