import { describe, expect, it } from 'vitest';
import { createEvent } from './create-event.ts';
import {
  causedBy,
  getCausationId,
  getCorrelationId,
  getMetadata,
  getSpanId,
  getTraceId,
  getUserId,
  MetadataKeys,
  STANDARD_METADATA_KEYS,
  setCausationId,
  setCorrelationId,
  setMetadata,
  setSpanId,
  setTraceId,
  setUserId,
  withMetadataFrom,
} from './metadata.ts';

const event = (metadata?: Record<string, string>) =>
  createEvent({ actorId: 'a', eventType: 'T', version: 1, data: {}, id: 'evt-1', metadata });

describe('metadata keys', () => {
  it('are the five standard keys of the seed', () => {
    expect(STANDARD_METADATA_KEYS).toEqual(['correlationId', 'causationId', 'userId', 'traceId', 'spanId']);
    expect(MetadataKeys.correlationId).toBe('correlationId');
  });
});

describe('get and set helpers', () => {
  it('read each standard key and any custom key, undefined when absent', () => {
    const source = event({
      correlationId: 'c',
      causationId: 'k',
      userId: 'u',
      traceId: 't',
      spanId: 's',
      x: 'y',
    });
    expect(
      [getCorrelationId, getCausationId, getUserId, getTraceId, getSpanId].map((get) => get(source)),
    ).toEqual(['c', 'k', 'u', 't', 's']);
    expect(getMetadata(source, 'x')).toBe('y');
    expect(getCorrelationId(event())).toBeUndefined();
    expect(getMetadata(event(), 'x')).toBeUndefined();
  });

  it('return a copy and never change the input', () => {
    const original = event({ userId: 'u-1' });
    const frozen = structuredClone(original);
    const setters = [setCorrelationId, setCausationId, setUserId, setTraceId, setSpanId];
    const results = setters.map((set) => set(original, 'new'));
    expect(original).toEqual(frozen);
    expect(results.map((result) => result.metadata)).toEqual([
      { userId: 'u-1', correlationId: 'new' },
      { userId: 'u-1', causationId: 'new' },
      { userId: 'new' },
      { userId: 'u-1', traceId: 'new' },
      { userId: 'u-1', spanId: 'new' },
    ]);
    for (const result of results) expect(result.metadata).not.toBe(original.metadata);
    const withoutMetadata = event();
    expect(setMetadata(withoutMetadata, 'tenant', 't').metadata).toEqual({ tenant: 't' });
    expect(withoutMetadata.metadata).toBeUndefined();
  });
});

describe('withMetadataFrom', () => {
  it('copies every entry of the source onto the target, the source winning a clash', () => {
    const target = event({ userId: 'target-user', tenant: 'kept' });
    const source = event({ userId: 'source-user', correlationId: 'c-1' });
    const merged = withMetadataFrom(target, source);
    expect(merged.metadata).toEqual({ userId: 'source-user', tenant: 'kept', correlationId: 'c-1' });
    expect(target.metadata).toEqual({ userId: 'target-user', tenant: 'kept' });
    expect(source.metadata).toEqual({ userId: 'source-user', correlationId: 'c-1' });
  });

  it('leaves the target as it is when the source has no metadata or is missing', () => {
    const target = event({ userId: 'u' });
    expect(withMetadataFrom(target, event())).toBe(target);
    expect(withMetadataFrom(target, null)).toBe(target);
    expect(withMetadataFrom(target, undefined)).toBe(target);
    expect(withMetadataFrom(event(), event({ a: 'b' })).metadata).toEqual({ a: 'b' });
  });
});

describe('causedBy', () => {
  it('starts a chain: a source without a correlation id correlates by its own id', () => {
    expect(causedBy(event())).toEqual({ correlationId: 'evt-1', causationId: 'evt-1' });
  });

  it('continues a chain: keeps the source correlation id, causation is the source id', () => {
    expect(causedBy(event({ correlationId: 'flow-9', causationId: 'older' }))).toEqual({
      correlationId: 'flow-9',
      causationId: 'evt-1',
    });
  });

  it('does not carry other metadata and does not change the source', () => {
    const source = event({ correlationId: 'c', userId: 'u', traceId: 't' });
    const frozen = structuredClone(source);
    expect(Object.keys(causedBy(source)).sort()).toEqual(['causationId', 'correlationId']);
    expect(source).toEqual(frozen);
  });

  it('builds a chain of three events sharing one correlation id', () => {
    const first = event();
    const second = { ...event(causedBy(first)), id: 'evt-2' };
    const third = { ...event(causedBy(second)), id: 'evt-3' };
    expect([getCorrelationId(second), getCorrelationId(third)]).toEqual(['evt-1', 'evt-1']);
    expect([getCausationId(second), getCausationId(third)]).toEqual(['evt-1', 'evt-2']);
  });
});
