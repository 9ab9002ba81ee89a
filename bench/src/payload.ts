import { randomUUID } from 'node:crypto';
import type { Event, EventDraft, JsonObject } from '@aether/core';

/**
 * The one event every contender writes: an order with two lines and the usual correlation
 * metadata, about 500 bytes as JSON. Same type, data and metadata everywhere; ids and times are new
 * per event, as an application's would be.
 */
export const EVENT_TYPE = 'OrderPlaced';

export const EVENT_DATA: JsonObject = {
  orderId: 'order-7f3a9c21',
  customerId: 'customer-1042',
  currency: 'EUR',
  total: 149.9,
  lines: [
    { sku: 'SKU-100-RED', quantity: 2, unitPrice: 49.95 },
    { sku: 'SKU-200-BLUE', quantity: 1, unitPrice: 50 },
  ],
  shipping: { method: 'standard', country: 'DE' },
};

export const EVENT_METADATA = {
  correlationId: '01890f5e-8c1b-7cc0-9a52-3b0f2d7e9a10',
  userId: 'user-42',
};

/** A complete event at a version the caller chose (the `saveEvent` shape, also the raw floors' row). */
export function benchEvent(actorId: string, version: number): Event {
  return {
    id: randomUUID(),
    eventType: EVENT_TYPE,
    actorId,
    version,
    data: EVENT_DATA,
    metadata: EVENT_METADATA,
    timestamp: new Date(),
  };
}

/** The same event without a version, for `appendEvents` (the store assigns the version). */
export function benchDraft(): EventDraft {
  return { eventType: EVENT_TYPE, data: EVENT_DATA, metadata: EVENT_METADATA };
}

/** `count` consecutive events of one actor starting at `firstVersion`. */
export function benchEvents(actorId: string, firstVersion: number, count: number): Event[] {
  return Array.from({ length: count }, (_, i) => benchEvent(actorId, firstVersion + i));
}

let actorSequence = 0;
/** A fresh actor id, unique within this run, so every sample starts its actors at version 1. */
export function freshActorId(label: string): string {
  actorSequence++;
  return `${label}-${process.pid}-${actorSequence}`;
}
