import { v7 as uuidv7 } from 'uuid';
import type { Event, EventMetadata, JsonObject } from './types.ts';

/** A new, time-ordered event id (UUIDv7). */
export function newEventId(): string {
  return uuidv7();
}

export interface CreateEventInput {
  actorId: string;
  eventType: string;
  version: number;
  data: JsonObject;
  metadata?: EventMetadata;
  commandId?: string;
  id?: string;
  timestamp?: Date;
}

/** Builds an `Event`, filling `id` with a UUIDv7 and `timestamp` with now when they are absent. */
export function createEvent(input: CreateEventInput): Event {
  const { id = newEventId(), timestamp = new Date(), ...rest } = input;
  return { ...rest, id, timestamp };
}
