import { decodeEvent, isAetherError } from '@aether/core';
import { describe, expect, it } from 'vitest';
import { decodeActorRow, decodeEventRow, decodeSnapshotRow, eventRowText } from './rows.ts';

// position, id, event_type, actor_id, command_id, version, data, metadata, epoch ms — as postgres.js
// returns them by default (int8 as strings).
const row = (overrides: Partial<Record<number, unknown>> = {}) =>
  Object.assign(
    ['7', 'e-1', 'Placed', 'order-1', null, '3', '{"total":5e-324}', null, 1_700_000_000_123],
    overrides,
  );

function corruptCode(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return isAetherError(error) ? error.code : 'not an AetherError';
  }
}

describe('decodeEventRow', () => {
  it('builds a recorded event with numbers for int8 columns, however they arrive', () => {
    for (const version of ['3', 3, 3n]) {
      expect(decodeEventRow(row({ 0: 7n, 5: version }))).toEqual({
        id: 'e-1',
        eventType: 'Placed',
        actorId: 'order-1',
        version: 3,
        data: { total: 5e-324 },
        timestamp: new Date(1_700_000_000_123),
        position: 7,
      });
    }
  });

  it('keeps command id and metadata when present, and reads past leading columns', () => {
    const event = decodeEventRow(['x', true, ...row({ 4: 'cmd', 7: '{"userId":"u"}' })], 2);
    expect(event).toMatchObject({ commandId: 'cmd', metadata: { userId: 'u' }, position: 7 });
  });

  it('refuses rows that are not events with CORRUPT_RECORD', () => {
    expect(corruptCode(() => decodeEventRow(row({ 6: '["damaged"]' })))).toBe('CORRUPT_RECORD');
    expect(corruptCode(() => decodeEventRow(row({ 6: '"text"' })))).toBe('CORRUPT_RECORD');
    expect(corruptCode(() => decodeEventRow(row({ 7: '{"userId":1}' })))).toBe('CORRUPT_RECORD');
    expect(corruptCode(() => decodeEventRow(row({ 7: 'null' })))).toBe('CORRUPT_RECORD');
    expect(corruptCode(() => decodeEventRow(row({ 5: '9007199254740993' })))).toBe('CORRUPT_RECORD');
    expect(corruptCode(() => decodeEventRow(row({ 8: 9e15 })))).toBe('CORRUPT_RECORD');
  });

  it('answers every row exactly as core decodes its record text', () => {
    const rows = [
      row(),
      row({ 4: 'cmd', 7: '{"userId":"u","__proto__":"p"}', 8: 1.9 }),
      row({ 6: '{"a":[1,{"b":null}],"s":"\u2028"}', 8: '1700000000123' }),
      row({ 5: 9_007_199_254_740_991n, 8: -8.64e15 }),
      row({ 7: '{}' }),
      row({ 6: '{}', 8: null }),
    ];
    for (const r of rows) {
      const expected = decodeEvent(eventRowText(r), 7);
      const event = decodeEventRow(r);
      expect(event).toEqual(expected);
      expect(Object.keys(event)).toEqual(Object.keys(expected));
    }
  });

  it('gives the row as JSON text for replay errors', () => {
    expect(JSON.parse(eventRowText(row({ 4: 'c', 6: '[1]' })))).toEqual({
      id: 'e-1',
      eventType: 'Placed',
      actorId: 'order-1',
      commandId: 'c',
      version: 3,
      data: [1],
      timestamp: '2023-11-14T22:13:20.123Z',
    });
  });
});

describe('other rows', () => {
  it('decodes snapshots and actor summaries', () => {
    expect(decodeSnapshotRow(['a', '2', '{"n":1}', 0])).toEqual({
      actorId: 'a',
      version: 2,
      state: { n: 1 },
      timestamp: new Date(0),
    });
    expect(corruptCode(() => decodeSnapshotRow(['a', '2', '[]', 0]))).toBe('CORRUPT_RECORD');
    expect(decodeActorRow(['a', '9', '4', 1000, 2000, 'T'])).toEqual({
      actorId: 'a',
      latestVersion: 9,
      eventCount: 4,
      firstEventAt: new Date(1000),
      lastEventAt: new Date(2000),
      lastEventType: 'T',
    });
  });
});
