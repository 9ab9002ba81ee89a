/** A JSON value as stored: what survives `JSON.stringify` / `JSON.parse` unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** String-valued metadata: correlation, causation, user, trace and span ids, or any key of yours. */
export type EventMetadata = Record<string, string>;

/** A domain event as written by an application. */
export interface Event {
  /** Globally unique id; `createEvent` fills a UUIDv7. */
  id: string;
  eventType: string;
  actorId: string;
  /** Id of the command that produced the event, when there is one. */
  commandId?: string;
  /** Position of the event in its actor's stream; strictly increasing per actor, gaps allowed. */
  version: number;
  data: JsonObject;
  metadata?: EventMetadata;
  timestamp: Date;
}

/** An event as the store holds it: every read returns these. */
export interface RecordedEvent extends Event {
  /** Store-wide position, increasing in commit order. */
  position: number;
}

export interface ActorSnapshot {
  actorId: string;
  version: number;
  state: JsonObject;
  timestamp: Date;
}

/** The contract of the Go seed: save, read a stream, read an actor's latest version. */
export interface EventStore {
  /** Saves one event. Resolves with the stored record (the existing one for an idempotent retry). */
  saveEvent(event: Event): Promise<RecordedEvent>;
  /** Events of the actor with `version >= fromVersion`, ascending; `[]` for an unknown actor. */
  getEvents(actorId: string, fromVersion?: number): Promise<RecordedEvent[]>;
  /** The actor's highest version, `0` when it has none. */
  getLatestVersion(actorId: string): Promise<number>;
}

export interface SnapshotStore extends EventStore {
  /** The snapshot with the highest version, or `null`. */
  getLatestSnapshot(actorId: string): Promise<ActorSnapshot | null>;
  saveSnapshot(snapshot: ActorSnapshot): Promise<void>;
}

/** An event without a version: the store assigns it in `appendEvents`. */
export interface EventDraft {
  id?: string;
  eventType: string;
  data: JsonObject;
  metadata?: EventMetadata;
  commandId?: string;
  timestamp?: Date;
}

/**
 * Optimistic concurrency for `appendEvents`: an exact latest version (`0` = no events yet),
 * `'no_stream'` (the actor has no events) or `'any'` (no check).
 */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface AppendOptions {
  expectedVersion?: ExpectedVersion;
}

/** A stored record that could not be decoded, reported by `getEventsWithErrors`. */
export interface ReplayError {
  /** Store-wide position of the record, when the store could still read it. */
  position: number | null;
  /** The stored text (or as much of it as could be read). */
  raw: string;
  /** Why it could not be decoded: an `AetherError` with code `CORRUPT_RECORD`. */
  cause: Error;
}

export interface EventsWithErrors {
  events: RecordedEvent[];
  errors: ReplayError[];
}

export interface ActorSummary {
  actorId: string;
  latestVersion: number;
  eventCount: number;
  firstEventAt: Date;
  lastEventAt: Date;
  lastEventType: string;
}

export interface ListActorsOptions {
  /** Only actor ids starting with this string. */
  prefix?: string;
  /** Exclusive cursor: the `next` of the previous page. */
  after?: string;
  /** Page size, 1 to 1000; default 100. */
  limit?: number;
}

/** `next` is the `after` of the following page; `null` when this page is the last. */
export interface ActorPage {
  actors: ActorSummary[];
  next: string | null;
}

export interface ReadAllOptions {
  /** Exclusive position: events with `position > after`. Default 0 (from the start). */
  after?: number;
  /** Page size, 1 to 1000; default 100. */
  limit?: number;
  /** Only events of these types. */
  eventTypes?: readonly string[];
}

/** `next` is the `after` of the following page (the last position returned); `null` when no more events are stored now. */
export interface EventPage {
  events: RecordedEvent[];
  next: number | null;
}

export interface ReadStreamOptions {
  /** Inclusive: events with `version >= fromVersion`. Default 0 (the whole stream). */
  fromVersion?: number;
  /** Page size, 1 to 1000; default 100. */
  limit?: number;
}

/** `next` is the `fromVersion` of the following page (last version + 1); `null` when this page is the last. */
export interface StreamPage {
  events: RecordedEvent[];
  next: number | null;
}

export interface FindByMetadataOptions {
  /** Exclusive position cursor. */
  after?: number;
  /** Page size, 1 to 1000; default 100. */
  limit?: number;
}

export interface SubscribeOptions {
  /** Exclusive position to catch up from; default 0 (the whole log). */
  after?: number;
  /** Only events of these types. */
  eventTypes?: readonly string[];
}

/**
 * Receives each event once, in position order. The next event is not delivered until the promise
 * it returns settles (back-pressure). A throw or rejection ends the subscription with that error.
 */
export type EventListener = (event: RecordedEvent) => void | Promise<void>;

export interface Subscription {
  /** Stops delivery; resolves once no listener call is running. */
  close(): Promise<void>;
  /** Settles when the subscription ends: resolves after `close()`, rejects with the error that ended it. */
  readonly done: Promise<void>;
}

/** The extensions every first-party adapter implements; third-party stores may implement any subset. */
export interface EventStoreExtensions {
  /** Atomic batch for one actor: all stored or none. An empty batch is a no-op. */
  saveEvents(events: readonly Event[]): Promise<RecordedEvent[]>;
  /** The store assigns versions after the actor's latest; checks `expectedVersion` (default `'any'`). */
  appendEvents(
    actorId: string,
    drafts: readonly EventDraft[],
    options?: AppendOptions,
  ): Promise<RecordedEvent[]>;
  /** Good events plus one `ReplayError` per record that cannot be decoded. */
  getEventsWithErrors(actorId: string, fromVersion?: number): Promise<EventsWithErrors>;
  getEventById(id: string): Promise<RecordedEvent | null>;
  /** One page of an actor's stream, ascending by version: `getEvents` for long streams. */
  readStream(actorId: string, options?: ReadStreamOptions): Promise<StreamPage>;
  listActors(options?: ListActorsOptions): Promise<ActorPage>;
  /** The global log in position order, gap-safe. */
  readAll(options?: ReadAllOptions): Promise<EventPage>;
  /** Events whose metadata `key` equals `value`, in position order. */
  findByMetadata(key: string, value: string, options?: FindByMetadataOptions): Promise<EventPage>;
  /** Catch-up from `after`, then live. */
  subscribe(options: SubscribeOptions, listener: EventListener): Subscription;
  /** Releases connections, locks and timers; later calls fail with `STORE_CLOSED`. */
  close(): Promise<void>;
}

/** A store with the whole contract: what the first-party adapters return. */
export interface AetherStore extends SnapshotStore, EventStoreExtensions {}

/** A store with any subset of the extensions: what the conformance suite accepts. */
export type AnyEventStore = EventStore &
  Partial<Omit<SnapshotStore, keyof EventStore>> &
  Partial<EventStoreExtensions>;
