import { createMemoryEventStore } from '@aether/adapter-memory';
import type { Event } from '@aether/core';
import { describe, expect, it } from 'vitest';
import { buildDemoDataset, DEMO_LEDGER_ACTOR } from './demo-dataset.ts';
import { isDemoSeeded, seedDemo } from './seed-demo.ts';

const flat = (batches: Event[][][]) => batches.flat(2);

describe('the demo dataset', () => {
  const dataset = buildDemoDataset();
  const events = flat(dataset.batches);

  it('is the same on every build', () => {
    expect(JSON.stringify(buildDemoDataset())).toBe(JSON.stringify(dataset));
  });

  it('has hundreds of orders, payments, shipments, inventory actors and one 10,000-event stream', () => {
    const actors = new Set(events.map((event) => event.actorId));
    const count = (prefix: string) => [...actors].filter((id) => id.startsWith(prefix)).length;
    expect(count('order/')).toBe(300);
    expect(count('payment/')).toBe(300);
    expect(count('shipment/')).toBeGreaterThan(200);
    expect(count('inventory/')).toBeGreaterThan(10);
    expect(events.filter((event) => event.actorId === DEMO_LEDGER_ACTOR)).toHaveLength(10_000);
    expect(dataset.snapshots.length).toBeGreaterThan(100);
    expect(dataset.eventCount).toBe(events.length);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  });

  it('numbers each actor 1, 2, 3... in write order, one actor per batch', () => {
    const latest = new Map<string, number>();
    for (const slice of dataset.batches) {
      for (const batch of slice) {
        expect(new Set(batch.map((event) => event.actorId)).size).toBe(1);
        for (const event of batch) {
          expect(event.version).toBe((latest.get(event.actorId) ?? 0) + 1);
          latest.set(event.actorId, event.version);
        }
      }
    }
  });

  it('writes every cause in an earlier slice than its effects, with correlation across actors', () => {
    const sliceOf = new Map<string, number>();
    dataset.batches.forEach((slice, index) => {
      for (const event of slice.flat()) sliceOf.set(event.id, index);
    });
    let crossActor = 0;
    const byId = new Map(events.map((event) => [event.id, event]));
    for (const event of events) {
      const cause = event.metadata?.causationId;
      if (cause === undefined) continue;
      expect(sliceOf.get(cause)).toBeLessThan(sliceOf.get(event.id) as number);
      const source = byId.get(cause) as Event;
      expect(event.metadata?.correlationId).toBe(source.metadata?.correlationId);
      expect(event.metadata?.traceId).toBe(source.metadata?.traceId);
      if (source.actorId !== event.actorId) crossActor++;
    }
    expect(crossActor).toBeGreaterThan(1000);
    const placed = events.find((event) => event.eventType === 'OrderPlaced');
    expect(placed?.metadata).toMatchObject({
      correlationId: placed?.id,
      userId: expect.stringMatching(/^user-/),
    });
    expect(placed?.metadata?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(placed?.metadata?.spanId).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('seedDemo', () => {
  it('seeds once; a second run is skipped and a forced one stores nothing twice', async () => {
    const store = createMemoryEventStore();
    const progress: number[] = [];
    const first = await seedDemo(store, {
      orders: 40,
      ledgerEvents: 500,
      onProgress: ({ written }) => progress.push(written),
    });
    expect(first.skipped).toBe(false);
    expect(await isDemoSeeded(store)).toBe(true);
    expect(progress.at(-1)).toBe(first.events);
    const count = async () => {
      let total = 0;
      let after: number | null = 0;
      while (after !== null) {
        const page = await store.readAll({ after, limit: 1000 });
        total += page.events.length;
        after = page.next;
      }
      return total;
    };
    expect(await count()).toBe(first.events + 1);
    expect((await seedDemo(store, { orders: 40, ledgerEvents: 500 })).skipped).toBe(true);
    expect((await seedDemo(store, { orders: 40, ledgerEvents: 500, force: true })).skipped).toBe(false);
    expect(await count()).toBe(first.events + 1);
    await store.close();
  });
});
