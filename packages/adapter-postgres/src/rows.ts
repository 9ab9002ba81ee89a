import {
  type ActorSnapshot,
  type ActorSummary,
  decodeEvent,
  decodeSnapshot,
  type RecordedEvent,
} from '@aether/core';

/** A row of the event columns in `statements.ts`: numbers may arrive as strings or bigints. */
export type EventRow = readonly unknown[];

function isoTime(millis: unknown): string | null {
  const time = Number(millis);
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * The row as the JSON text of an event record — what `getEventsWithErrors` reports as `raw`, and
 * what core's `decodeEvent` checks, so this store accepts exactly the records the others accept.
 */
export function eventRowText(row: EventRow, offset = 0): string {
  const [, id, eventType, actorId, commandId, version, data, metadata, millis] = row.slice(offset);
  let text = `{"id":${JSON.stringify(id)},"eventType":${JSON.stringify(eventType)},"actorId":${JSON.stringify(actorId)}`;
  if (commandId !== null && commandId !== undefined) text += `,"commandId":${JSON.stringify(commandId)}`;
  text += `,"version":${String(version)},"data":${String(data)}`;
  if (metadata !== null && metadata !== undefined) text += `,"metadata":${String(metadata)}`;
  return `${text},"timestamp":${JSON.stringify(isoTime(millis))}}`;
}

export function rowPosition(row: EventRow, offset = 0): number {
  return Number(row[offset]);
}

/** Decodes an event row; a row that is not a well-formed event throws `CORRUPT_RECORD`. */
export function decodeEventRow(row: EventRow, offset = 0): RecordedEvent {
  return decodeEvent(eventRowText(row, offset), rowPosition(row, offset));
}

export function decodeSnapshotRow(row: EventRow): ActorSnapshot {
  const [actorId, version, state, millis] = row;
  return decodeSnapshot(
    `{"actorId":${JSON.stringify(actorId)},"version":${String(version)},"state":${String(state)},"timestamp":${JSON.stringify(isoTime(millis))}}`,
  );
}

export function decodeActorRow(row: EventRow): ActorSummary {
  const [actorId, latestVersion, eventCount, firstMillis, lastMillis, lastEventType] = row;
  return {
    actorId: String(actorId),
    latestVersion: Number(latestVersion),
    eventCount: Number(eventCount),
    firstEventAt: new Date(Number(firstMillis)),
    lastEventAt: new Date(Number(lastMillis)),
    lastEventType: String(lastEventType),
  };
}
