import type { ActorSnapshot, ActorSummary, JsonObject, RecordedEvent, ReplayError } from '@aether/core';

// JSON shapes of the API: the store's objects with timestamps as ISO 8601 strings.

export interface RecordedEventJson {
  id: string;
  eventType: string;
  actorId: string;
  commandId?: string;
  version: number;
  position: number;
  data: JsonObject;
  metadata?: Record<string, string>;
  timestamp: string;
}

export interface ActorSummaryJson {
  actorId: string;
  latestVersion: number;
  eventCount: number;
  firstEventAt: string;
  lastEventAt: string;
  lastEventType: string;
}

export interface SnapshotJson {
  actorId: string;
  version: number;
  state: JsonObject;
  timestamp: string;
}

export function eventToJson(event: RecordedEvent): RecordedEventJson {
  const json: RecordedEventJson = {
    id: event.id,
    eventType: event.eventType,
    actorId: event.actorId,
    version: event.version,
    position: event.position,
    data: event.data,
    timestamp: event.timestamp.toISOString(),
  };
  if (event.commandId !== undefined) json.commandId = event.commandId;
  if (event.metadata !== undefined) json.metadata = event.metadata;
  return json;
}

export function summaryToJson(summary: ActorSummary): ActorSummaryJson {
  return {
    actorId: summary.actorId,
    latestVersion: summary.latestVersion,
    eventCount: summary.eventCount,
    firstEventAt: summary.firstEventAt.toISOString(),
    lastEventAt: summary.lastEventAt.toISOString(),
    lastEventType: summary.lastEventType,
  };
}

export function snapshotToJson(snapshot: ActorSnapshot): SnapshotJson {
  return {
    actorId: snapshot.actorId,
    version: snapshot.version,
    state: snapshot.state,
    timestamp: snapshot.timestamp.toISOString(),
  };
}

/** A replay error without the raw record: it may be large and is not meant for browsers. */
export function replayErrorToJson(error: ReplayError): { position: number | null; message: string } {
  return { position: error.position, message: error.cause.message };
}
