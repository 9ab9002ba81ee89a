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

function parseObject(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Decodes an event row; a row that is not a well-formed event throws `CORRUPT_RECORD`.
 * Fast path: the columns are checked one by one, as core's `decodeEvent` checks the record (a third
 * of the time of building the record text and parsing it whole). Any row it does not accept goes
 * through `decodeEvent`, which has the last word, so both accept exactly the same rows.
 */
export function decodeEventRow(row: EventRow, offset = 0): RecordedEvent {
  const [position, id, eventType, actorId, commandId, version, data, metadata, millis] =
    offset === 0 ? row : row.slice(offset);
  const versionNumber = Number(version);
  const timestamp = new Date(Number(millis));
  const dataObject = parseObject(data);
  const metadataObject = metadata === null || metadata === undefined ? undefined : parseObject(metadata);
  if (
    typeof id === 'string' &&
    typeof eventType === 'string' &&
    typeof actorId === 'string' &&
    (commandId === null || commandId === undefined || typeof commandId === 'string') &&
    (typeof version === 'string' || typeof version === 'number' || typeof version === 'bigint') &&
    Number.isSafeInteger(versionNumber) &&
    dataObject !== undefined &&
    (metadataObject === undefined
      ? metadata === null || metadata === undefined
      : Object.values(metadataObject).every((value) => typeof value === 'string')) &&
    !Number.isNaN(timestamp.getTime())
  ) {
    const event: RecordedEvent = {
      id,
      eventType,
      actorId,
      version: versionNumber,
      data: dataObject as RecordedEvent['data'],
      timestamp,
      position: Number(position),
    };
    if (typeof commandId === 'string') event.commandId = commandId;
    if (metadataObject !== undefined) event.metadata = metadataObject as Record<string, string>;
    return event;
  }
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
