import { describe, expect, it } from 'vitest';
import { type AetherError, type ErrorCode, isAetherError } from './errors.ts';
import type { Event } from './types.ts';
import {
  checkSnapshotVersion,
  DEFAULT_PAGE_LIMIT,
  MAX_ID_BYTES,
  MAX_PAGE_LIMIT,
  matchesExpectedVersion,
  normalizeAppendOptions,
  normalizeFindByMetadataOptions,
  normalizeListActorsOptions,
  normalizeReadAllOptions,
  normalizeSubscribeOptions,
  serializedEventBytes,
  validateActorId,
  validateDrafts,
  validateEvent,
  validateEventBatch,
  validateEventId,
  validateFromVersion,
  validateSnapshot,
} from './validation.ts';

const valid = (overrides: Record<string, unknown> = {}): Event =>
  ({
    id: 'evt-1',
    eventType: 'Placed',
    actorId: 'order-1',
    version: 1,
    data: { total: 5 },
    timestamp: new Date('2024-01-01T00:00:00.000Z'),
    ...overrides,
  }) as Event;

function failure(action: () => unknown): AetherError {
  try {
    action();
  } catch (error) {
    if (isAetherError(error)) return error;
    throw error;
  }
  throw new Error('expected an AetherError');
}

function expectFailure(action: () => unknown, code: ErrorCode, path?: string) {
  const error = failure(action);
  expect(error.code).toBe(code);
  if (path !== undefined) expect(error.path).toBe(path);
  return error;
}

describe('validateEvent', () => {
  it('returns a normalized deep copy that later changes to the input do not reach', () => {
    const input = valid({ data: { list: [1, { a: -0 }], gone: undefined }, metadata: { userId: 'u' } });
    const event = validateEvent(input);
    expect(event).toEqual({ ...input, data: { list: [1, { a: 0 }] } });
    expect(event.data).not.toBe(input.data);
    expect(event.metadata).not.toBe(input.metadata);
    expect(event.timestamp).not.toBe(input.timestamp);
    ((input.data.list as unknown[])[1] as Record<string, number>).a = 9;
    (input.metadata as Record<string, string>).userId = 'changed';
    input.timestamp.setTime(0);
    expect(event.data).toEqual({ list: [1, { a: 0 }] });
    expect(event.metadata).toEqual({ userId: 'u' });
    expect(event.timestamp.toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('accepts a recorded event (its position is ignored) and ids at the byte limit', () => {
    expect(validateEvent({ ...valid(), position: 7 })).toEqual(valid());
    expect(validateEvent(valid({ id: '\u{1F600}'.repeat(MAX_ID_BYTES / 4) })).id).toHaveLength(
      MAX_ID_BYTES / 2,
    );
    expect(validateEvent(valid({ actorId: 'x'.repeat(MAX_ID_BYTES) })).actorId).toHaveLength(MAX_ID_BYTES);
  });

  it('names the offending path with INVALID_EVENT', () => {
    const cases: [Record<string, unknown> | null, string][] = [
      [{ id: '' }, 'id'],
      [{ id: 'x'.repeat(MAX_ID_BYTES + 1) }, 'id'],
      [{ eventType: 'a\u009fb' }, 'eventType'],
      [{ actorId: '\ud800' }, 'actorId'],
      [{ version: 0 }, 'version'],
      [{ version: 2 ** 53 }, 'version'],
      [{ data: [] }, 'data'],
      [{ data: { a: { b: [Number.NaN] } } }, 'data.a.b[0]'],
      [{ metadata: { traceId: 1 } }, 'metadata["traceId"]'],
      [{ metadata: { '': 'v' } }, 'metadata[""] (key)'],
      [{ timestamp: new Date(Number.NaN) }, 'timestamp'],
      [{ timestamp: new Date('+010000-01-01T00:00:00Z') }, 'timestamp'],
      [{ commandId: '' }, 'commandId'],
      [{ unknown: true }, 'unknown'],
    ];
    for (const [overrides, path] of cases) {
      expectFailure(() => validateEvent(valid(overrides ?? {})), 'INVALID_EVENT', path);
    }
    expectFailure(() => validateEvent(null), 'INVALID_EVENT', 'event');
    expectFailure(() => validateEvent('event'), 'INVALID_EVENT', 'event');
  });

  it('enforces maxEventBytes on the serialized size', () => {
    const event = valid({ data: { pad: 'x'.repeat(100) } });
    const size = serializedEventBytes(event);
    expect(size).toBe(Buffer.byteLength(JSON.stringify(event)));
    expect(() => validateEvent(event, { maxEventBytes: size })).not.toThrow();
    expectFailure(() => validateEvent(event, { maxEventBytes: size - 1 }), 'INVALID_EVENT', 'data');
  });
});

describe('validateEventBatch', () => {
  it('returns copies of a batch of one actor with increasing versions', () => {
    const batch = [valid(), valid({ id: 'evt-2', version: 4 })];
    expect(validateEventBatch(batch)).toEqual(batch);
    expect(validateEventBatch([])).toEqual([]);
  });

  it('prefixes paths with the index of the offending event', () => {
    const first = valid();
    expectFailure(
      () => validateEventBatch([first, valid({ id: 'b', data: { x: 1n } })]),
      'INVALID_EVENT',
      '[1].data.x',
    );
    expectFailure(
      () => validateEventBatch([first, valid({ id: 'b', actorId: 'other', version: 2 })]),
      'INVALID_EVENT',
      '[1].actorId',
    );
    expectFailure(() => validateEventBatch([first, valid({ id: 'b' })]), 'INVALID_EVENT', '[1].version');
    expectFailure(() => validateEventBatch([first, valid({ version: 2 })]), 'INVALID_EVENT', '[1].id');
    expectFailure(() => validateEventBatch([null]), 'INVALID_EVENT', '[0].event');
    expectFailure(() => validateEventBatch('x'), 'INVALID_EVENT', 'events');
  });
});

describe('validateDrafts', () => {
  it('fills ids from newId and timestamps with now, keeping given ones', () => {
    let counter = 0;
    const before = Date.now();
    const given = new Date('2000-01-01T00:00:00.000Z');
    const drafts = validateDrafts(
      'order-1',
      [
        { eventType: 'A', data: {} },
        { eventType: 'B', data: { x: 1 }, id: 'mine', timestamp: given, metadata: { userId: 'u' } },
      ],
      () => `generated-${++counter}`,
    );
    expect(drafts[0]).toMatchObject({ id: 'generated-1', eventType: 'A', actorId: 'order-1', data: {} });
    expect(drafts[0]?.timestamp.getTime()).toBeGreaterThanOrEqual(before);
    expect(drafts[1]).toEqual({
      id: 'mine',
      eventType: 'B',
      actorId: 'order-1',
      data: { x: 1 },
      timestamp: given,
      metadata: { userId: 'u' },
    });
    expect(drafts[1]).not.toHaveProperty('version');
  });

  it('rejects bad drafts with INVALID_EVENT at the indexed path', () => {
    const id = () => 'x';
    expectFailure(() => validateDrafts('', [], id), 'INVALID_EVENT', 'actorId');
    expectFailure(() => validateDrafts('a', {}, id), 'INVALID_EVENT', 'events');
    expectFailure(
      () => validateDrafts('a', [{ eventType: 'A', data: {}, version: 1 }], id),
      'INVALID_EVENT',
      '[0].version',
    );
    expectFailure(
      () =>
        validateDrafts(
          'a',
          [
            { eventType: 'A', data: {} },
            { eventType: 'A', data: {} },
          ],
          id,
        ),
      'INVALID_EVENT',
      '[1].id',
    );
    expectFailure(
      () => validateDrafts('a', [{ eventType: 'A', data: { n: Number.NaN } }], () => 'y'),
      'INVALID_EVENT',
      '[0].data.n',
    );
  });
});

describe('snapshots', () => {
  const snapshot = { actorId: 'a', version: 2, state: { n: 1 }, timestamp: new Date(5) };

  it('validateSnapshot copies a valid snapshot and names bad fields with INVALID_SNAPSHOT', () => {
    const copy = validateSnapshot(snapshot);
    expect(copy).toEqual(snapshot);
    expect(copy.state).not.toBe(snapshot.state);
    expectFailure(
      () => validateSnapshot({ ...snapshot, state: { x: Number.NaN } }),
      'INVALID_SNAPSHOT',
      'state.x',
    );
    expectFailure(() => validateSnapshot({ ...snapshot, version: -1 }), 'INVALID_SNAPSHOT', 'version');
    expectFailure(() => validateSnapshot({ ...snapshot, extra: 1 }), 'INVALID_SNAPSHOT', 'extra');
    expectFailure(() => validateSnapshot(snapshot, { maxEventBytes: 10 }), 'INVALID_SNAPSHOT', 'state');
  });

  it('checkSnapshotVersion refuses a version above the latest event version', () => {
    expect(() => checkSnapshotVersion(snapshot, 2)).not.toThrow();
    expect(() => checkSnapshotVersion(snapshot, 9)).not.toThrow();
    const error = expectFailure(() => checkSnapshotVersion(snapshot, 1), 'INVALID_SNAPSHOT', 'version');
    expect(error.details).toMatchObject({ actorId: 'a', version: 2, latestVersion: 1 });
  });
});

describe('read arguments', () => {
  it('validate actor ids, event ids and fromVersion with INVALID_ARGUMENT', () => {
    expect(validateActorId('a')).toBe('a');
    expect(validateEventId('e')).toBe('e');
    expect(validateFromVersion(undefined)).toBe(0);
    expect(validateFromVersion(0)).toBe(0);
    expect(validateFromVersion(7)).toBe(7);
    for (const bad of ['', 1, null, 'a\n']) {
      expectFailure(() => validateActorId(bad), 'INVALID_ARGUMENT', 'actorId');
      expectFailure(() => validateEventId(bad), 'INVALID_ARGUMENT', 'id');
    }
    for (const bad of [-1, 0.5, Number.NaN, '1', null]) {
      expectFailure(() => validateFromVersion(bad), 'INVALID_ARGUMENT', 'fromVersion');
    }
  });

  it('normalize paged-read options with defaults and bounds', () => {
    expect(normalizeListActorsOptions()).toEqual({ prefix: '', after: undefined, limit: DEFAULT_PAGE_LIMIT });
    expect(normalizeListActorsOptions({ prefix: 'o', after: 'o-1', limit: MAX_PAGE_LIMIT })).toEqual({
      prefix: 'o',
      after: 'o-1',
      limit: MAX_PAGE_LIMIT,
    });
    expect(normalizeReadAllOptions()).toEqual({ after: 0, limit: DEFAULT_PAGE_LIMIT, eventTypes: undefined });
    expect(normalizeReadAllOptions({ after: 3, limit: 1, eventTypes: ['A'] })).toEqual({
      after: 3,
      limit: 1,
      eventTypes: ['A'],
    });
    expect(normalizeFindByMetadataOptions('userId', 'u')).toEqual({
      key: 'userId',
      value: 'u',
      after: 0,
      limit: DEFAULT_PAGE_LIMIT,
    });
    expect(normalizeSubscribeOptions()).toEqual({ after: 0, eventTypes: undefined });
    expectFailure(() => normalizeListActorsOptions({ limit: 0 }), 'INVALID_ARGUMENT', 'limit');
    expectFailure(
      () => normalizeListActorsOptions({ limit: MAX_PAGE_LIMIT + 1 }),
      'INVALID_ARGUMENT',
      'limit',
    );
    expectFailure(() => normalizeListActorsOptions({ prefix: '\u0001' }), 'INVALID_ARGUMENT', 'prefix');
    expectFailure(() => normalizeListActorsOptions({ after: '' }), 'INVALID_ARGUMENT', 'after');
    expectFailure(() => normalizeReadAllOptions({ after: -1 }), 'INVALID_ARGUMENT', 'after');
    expectFailure(
      () => normalizeReadAllOptions({ eventTypes: ['A', ''] }),
      'INVALID_ARGUMENT',
      'eventTypes[1]',
    );
    expectFailure(() => normalizeFindByMetadataOptions('', 'v'), 'INVALID_ARGUMENT', 'key');
    expectFailure(() => normalizeFindByMetadataOptions('k', ''), 'INVALID_ARGUMENT', 'value');
    expectFailure(() => normalizeFindByMetadataOptions('k', 'a\u0000'), 'INVALID_ARGUMENT', 'value');
    expectFailure(() => normalizeFindByMetadataOptions('k', 'a\ud800'), 'INVALID_ARGUMENT', 'value');
    expectFailure(() => normalizeListActorsOptions({ prefix: 'a\udc00' }), 'INVALID_ARGUMENT', 'prefix');
    expect(normalizeFindByMetadataOptions('k', '\u0001 \u{1F600}').value).toBe('\u0001 \u{1F600}');
    expectFailure(() => normalizeSubscribeOptions({ after: 1.5 }), 'INVALID_ARGUMENT', 'after');
  });
});

describe('append expectations', () => {
  it('normalizeAppendOptions defaults to any and checks the value', () => {
    expect(normalizeAppendOptions()).toBe('any');
    expect(normalizeAppendOptions({})).toBe('any');
    expect(normalizeAppendOptions({ expectedVersion: 'no_stream' })).toBe('no_stream');
    expect(normalizeAppendOptions({ expectedVersion: 0 })).toBe(0);
    for (const bad of [-1, 1.5, Number.NaN, 'latest']) {
      expectFailure(
        () => normalizeAppendOptions({ expectedVersion: bad as number }),
        'INVALID_ARGUMENT',
        'expectedVersion',
      );
    }
  });

  it('matchesExpectedVersion: any always, no_stream only at 0, a number exactly', () => {
    expect([0, 1, 9].map((current) => matchesExpectedVersion('any', current))).toEqual([true, true, true]);
    expect([0, 1].map((current) => matchesExpectedVersion('no_stream', current))).toEqual([true, false]);
    expect([0, 1, 2].map((current) => matchesExpectedVersion(1, current))).toEqual([false, true, false]);
    expect(matchesExpectedVersion(0, 0)).toBe(true);
  });
});
