import { describe, expect, it } from 'vitest';
import type { RecordedEventJson, Trace } from '../api/wire-types.ts';
import { layoutWaterfall } from './waterfall.ts';

const event = (
  id: string,
  actorId: string,
  position: number,
  at: string,
  cause?: string,
): RecordedEventJson => ({
  id,
  eventType: `T${id}`,
  actorId,
  version: position,
  position,
  data: {},
  metadata: cause ? { correlationId: 'c', causationId: cause } : { correlationId: 'c' },
  timestamp: `2026-01-05T10:00:${at}Z`,
});

describe('layoutWaterfall', () => {
  it('orders rows by causation and spans each bar to its last effect', () => {
    const events = [
      event('a', 'order-1', 1, '00.000'),
      event('b', 'payment-1', 2, '01.000', 'a'),
      event('c', 'inventory-1', 3, '01.500', 'a'),
      event('d', 'shipment-1', 4, '04.000', 'b'),
    ];
    const trace: Pick<Trace, 'events' | 'tree'> = {
      events,
      tree: {
        roots: ['a'],
        nodes: [
          { eventId: 'a', parentId: null, childIds: ['c', 'b'], depth: 0 },
          { eventId: 'b', parentId: 'a', childIds: ['d'], depth: 1 },
          { eventId: 'c', parentId: 'a', childIds: [], depth: 1 },
          { eventId: 'd', parentId: 'b', childIds: [], depth: 2 },
        ],
      },
    };
    const layout = layoutWaterfall(trace);
    expect(layout.rows.map((row) => row.event.id)).toEqual(['a', 'b', 'd', 'c']);
    expect(layout.rows.map((row) => [row.offsetMs, row.spanMs, row.depth])).toEqual([
      [0, 4000, 0],
      [1000, 3000, 1],
      [4000, 0, 2],
      [1500, 0, 1],
    ]);
    expect(layout.durationMs).toBe(4000);
    expect(layout.actors).toEqual(['order-1', 'payment-1', 'shipment-1', 'inventory-1']);
  });

  it('keeps events the tree does not reach', () => {
    const events = [event('a', 'x', 1, '00.000'), event('b', 'y', 2, '00.100')];
    const layout = layoutWaterfall({
      events,
      tree: { roots: ['a'], nodes: [{ eventId: 'a', parentId: null, childIds: [], depth: 0 }] },
    });
    expect(layout.rows.map((row) => row.event.id)).toEqual(['a', 'b']);
  });
});
