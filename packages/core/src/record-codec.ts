import { corruptRecord } from './errors.ts';
import type { ActorSnapshot, Event, JsonObject, RecordedEvent } from './types.ts';

/**
 * The JSON text form of an event or snapshot (timestamp as ISO 8601), for stores that keep records as
 * text. `decodeEvent` / `decodeSnapshot` read it back and refuse anything that is not a well-formed
 * record with `CORRUPT_RECORD`, so a damaged record is never served as an event.
 */
export function encodeEvent(event: Event): string {
  return JSON.stringify(event);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseRecord(text: string, position: number | null): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw corruptRecord(`not valid JSON at position ${position ?? 'unknown'}`, {
      cause,
      details: { position },
    });
  }
  if (!isObject(parsed)) throw corruptRecord('not a JSON object', { details: { position } });
  return parsed;
}

function decodeTimestamp(value: unknown, position: number | null): Date {
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw corruptRecord('timestamp is not a date', { details: { position } });
  return date;
}

export function decodeEvent(text: string, position: number): RecordedEvent {
  const raw = parseRecord(text, position);
  const { id, eventType, actorId, commandId, version, data, metadata } = raw;
  const wellFormed =
    typeof id === 'string' &&
    typeof eventType === 'string' &&
    typeof actorId === 'string' &&
    (commandId === undefined || typeof commandId === 'string') &&
    typeof version === 'number' &&
    Number.isSafeInteger(version) &&
    isObject(data) &&
    (metadata === undefined ||
      (isObject(metadata) && Object.values(metadata).every((v) => typeof v === 'string')));
  if (!wellFormed)
    throw corruptRecord(`fields missing or of the wrong type at position ${position}`, {
      details: { position },
    });
  const event: RecordedEvent = {
    id,
    eventType,
    actorId,
    version,
    data: data as JsonObject,
    timestamp: decodeTimestamp(raw.timestamp, position),
    position,
  };
  if (commandId !== undefined) event.commandId = commandId;
  if (metadata !== undefined) event.metadata = metadata as Record<string, string>;
  return event;
}

export function encodeSnapshot(snapshot: ActorSnapshot): string {
  return JSON.stringify(snapshot);
}

export function decodeSnapshot(text: string): ActorSnapshot {
  const raw = parseRecord(text, null);
  const { actorId, version, state } = raw;
  if (typeof actorId !== 'string' || typeof version !== 'number' || !isObject(state)) {
    throw corruptRecord('snapshot fields missing or of the wrong type');
  }
  return { actorId, version, state: state as JsonObject, timestamp: decodeTimestamp(raw.timestamp, null) };
}
