import type { Event, EventMetadata } from './types.ts';

/** The standard metadata keys; stores index them for `findByMetadata`. */
export const MetadataKeys = {
  /** Groups every event that one request or business process produced, across actors. */
  correlationId: 'correlationId',
  /** The id of the event (or command) that caused this one. */
  causationId: 'causationId',
  /** The user on whose behalf the event happened. */
  userId: 'userId',
  /** Distributed tracing (e.g. OpenTelemetry) trace id. */
  traceId: 'traceId',
  /** Distributed tracing span id. */
  spanId: 'spanId',
} as const;

export type StandardMetadataKey = (typeof MetadataKeys)[keyof typeof MetadataKeys];
export const STANDARD_METADATA_KEYS: readonly StandardMetadataKey[] = Object.values(MetadataKeys);

type WithMetadata = { metadata?: EventMetadata | undefined };

export function getMetadata(event: WithMetadata, key: string): string | undefined {
  return event.metadata?.[key];
}

/** A copy of `event` whose metadata has `key` set to `value`; the input is not changed. */
export function setMetadata<T extends WithMetadata>(event: T, key: string, value: string): T {
  return { ...event, metadata: { ...event.metadata, [key]: value } };
}

export const getCorrelationId = (event: WithMetadata) => getMetadata(event, MetadataKeys.correlationId);
export const getCausationId = (event: WithMetadata) => getMetadata(event, MetadataKeys.causationId);
export const getUserId = (event: WithMetadata) => getMetadata(event, MetadataKeys.userId);
export const getTraceId = (event: WithMetadata) => getMetadata(event, MetadataKeys.traceId);
export const getSpanId = (event: WithMetadata) => getMetadata(event, MetadataKeys.spanId);

export const setCorrelationId = <T extends WithMetadata>(event: T, id: string) =>
  setMetadata(event, MetadataKeys.correlationId, id);
export const setCausationId = <T extends WithMetadata>(event: T, id: string) =>
  setMetadata(event, MetadataKeys.causationId, id);
export const setUserId = <T extends WithMetadata>(event: T, id: string) =>
  setMetadata(event, MetadataKeys.userId, id);
export const setTraceId = <T extends WithMetadata>(event: T, id: string) =>
  setMetadata(event, MetadataKeys.traceId, id);
export const setSpanId = <T extends WithMetadata>(event: T, id: string) =>
  setMetadata(event, MetadataKeys.spanId, id);

/**
 * A copy of `target` with every metadata entry of `source` copied onto it (source wins on a clash),
 * as the seed's `WithMetadataFrom` does. A source without metadata leaves the target as it is.
 */
export function withMetadataFrom<T extends WithMetadata>(
  target: T,
  source: WithMetadata | null | undefined,
): T {
  if (!source?.metadata) return target;
  return { ...target, metadata: { ...target.metadata, ...source.metadata } };
}

/**
 * Metadata for an event that `source` caused: `causationId` is the source's id and `correlationId`
 * is the source's correlation id, or the source's own id when it has none (it started the chain).
 * Spread it into a new event's metadata: `createEvent({ ..., metadata: { ...causedBy(cause) } })`.
 */
export function causedBy(source: Pick<Event, 'id'> & WithMetadata): EventMetadata {
  return {
    [MetadataKeys.correlationId]: getCorrelationId(source) ?? source.id,
    [MetadataKeys.causationId]: source.id,
  };
}
