import { describe, expect, it } from 'vitest';
import { createEvent, newEventId } from './create-event.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The 48-bit millisecond timestamp at the front of a UUIDv7. */
const timeOf = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('newEventId', () => {
  it('makes UUIDv7 ids', () => {
    for (let i = 0; i < 100; i++) expect(newEventId()).toMatch(UUID_V7);
  });

  it('makes time-ordered ids: each sorts after the one before, and carries the current time', () => {
    const before = Date.now();
    const ids = Array.from({ length: 1000 }, () => newEventId());
    const after = Date.now();
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of [ids[0], ids.at(-1)] as string[]) {
      expect(timeOf(id)).toBeGreaterThanOrEqual(before);
      expect(timeOf(id)).toBeLessThanOrEqual(after);
    }
  });
});

describe('createEvent', () => {
  it('fills id and timestamp when absent', () => {
    const before = Date.now();
    const event = createEvent({ actorId: 'a', eventType: 'T', version: 1, data: { x: 1 } });
    expect(event.id).toMatch(UUID_V7);
    expect(event.timestamp.getTime()).toBeGreaterThanOrEqual(before);
    expect(event.timestamp.getTime()).toBeLessThanOrEqual(Date.now());
    expect(event).toMatchObject({ actorId: 'a', eventType: 'T', version: 1, data: { x: 1 } });
  });

  it('keeps a given id, timestamp, metadata and commandId', () => {
    const timestamp = new Date('2020-01-01T00:00:00.000Z');
    const event = createEvent({
      actorId: 'a',
      eventType: 'T',
      version: 2,
      data: {},
      id: 'mine',
      timestamp,
      metadata: { userId: 'u' },
      commandId: 'c',
    });
    expect(event).toEqual({
      actorId: 'a',
      eventType: 'T',
      version: 2,
      data: {},
      id: 'mine',
      timestamp,
      metadata: { userId: 'u' },
      commandId: 'c',
    });
  });

  it('gives events created in sequence ids in creation order', () => {
    const events = Array.from({ length: 50 }, (_, index) =>
      createEvent({ actorId: 'a', eventType: 'T', version: index + 1, data: {} }),
    );
    const ids = events.map((event) => event.id);
    expect([...ids].sort()).toEqual(ids);
  });
});
