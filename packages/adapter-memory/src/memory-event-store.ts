import {
  type ActorPage,
  type ActorSnapshot,
  type ActorSummary,
  type AetherStore,
  checkSnapshotVersion,
  compareCodePoints,
  decodeEvent,
  decodeSnapshot,
  duplicateEventId,
  type Event,
  type EventPage,
  type EventsWithErrors,
  encodeEvent,
  encodeSnapshot,
  expectedVersionMismatch,
  isAetherError,
  matchesExpectedVersion,
  newEventId,
  normalizeAppendOptions,
  normalizeFindByMetadataOptions,
  normalizeListActorsOptions,
  normalizeReadAllOptions,
  normalizeReadStreamOptions,
  type RecordedEvent,
  type ReplayError,
  type Subscription,
  startSubscription,
  storeClosed,
  type ValidationOptions,
  validateActorId,
  validateDrafts,
  validateEvent,
  validateEventBatch,
  validateEventId,
  validateFromVersion,
  validateSnapshot,
  versionConflict,
} from '@aether/core';
import {
  type ActorState,
  createMemoryBackend,
  lowerBound,
  type MemoryBackend,
  type StoredRecord,
} from './memory-backend.ts';

export interface MemoryEventStoreOptions extends ValidationOptions {
  /** Storage to use; stores sharing a backend and namespace see the same data. Default: a new backend. */
  backend?: MemoryBackend;
  /** Isolates this store from others on the same backend. Default `'default'`. */
  namespace?: string;
}

export type MemoryEventStore = AetherStore;

/**
 * The reference adapter: the whole contract in process memory. Records are kept as JSON text, so
 * nothing a caller holds (an input or a returned event) is shared with the store.
 */
export function createMemoryEventStore(options: MemoryEventStoreOptions = {}): MemoryEventStore {
  const backend = options.backend ?? createMemoryBackend();
  const state = backend.namespace(options.namespace ?? 'default');
  const validation: ValidationOptions = { maxEventBytes: options.maxEventBytes };
  const subscriptions = new Set<Subscription>();
  let closed = false;
  let closing: Promise<void> | undefined;

  const ensureOpen = () => {
    if (closed) throw storeClosed();
  };

  /** Returns the stored record when `event` is an idempotent retry; throws when it reuses an id. */
  const findRetry = (event: Event): StoredRecord | undefined => {
    const existing = state.byId.get(event.id);
    if (existing === undefined) return undefined;
    if (existing.actorId === event.actorId && existing.version === event.version) return existing;
    throw duplicateEventId(event.id);
  };

  const latestVersion = (actorId: string) => state.actors.get(actorId)?.latestVersion ?? 0;

  // Synchronous from the version check to the last write, so a save is atomic in this process.
  const commit = (events: readonly Event[]): RecordedEvent[] => {
    const recorded: RecordedEvent[] = [];
    for (const event of events) {
      const record: StoredRecord = {
        position: state.log.length + 1,
        id: event.id,
        actorId: event.actorId,
        version: event.version,
        eventType: event.eventType,
        text: encodeEvent(event),
      };
      state.log.push(record);
      state.byId.set(record.id, record);
      indexMetadata(record, event);
      actorFor(event).records.push(record);
      updateActor(event);
      recorded.push(decodeEvent(record.text, record.position));
    }
    if (events.length > 0) state.notify();
    return recorded;
  };

  const actorFor = (event: Event): ActorState => {
    let actor = state.actors.get(event.actorId);
    if (actor === undefined) {
      actor = {
        actorId: event.actorId,
        latestVersion: 0,
        firstEventAt: event.timestamp,
        lastEventAt: event.timestamp,
        lastEventType: event.eventType,
        records: [],
      };
      state.actors.set(event.actorId, actor);
      const ids = state.sortedActorIds;
      ids.splice(
        lowerBound(ids, (id) => compareCodePoints(id, event.actorId) >= 0),
        0,
        event.actorId,
      );
    }
    return actor;
  };

  const updateActor = (event: Event) => {
    const actor = actorFor(event);
    actor.latestVersion = event.version;
    actor.lastEventAt = event.timestamp;
    actor.lastEventType = event.eventType;
  };

  const indexMetadata = (record: StoredRecord, event: Event) => {
    for (const [key, byValue] of state.metadataIndex) {
      const value = event.metadata?.[key];
      if (value === undefined) continue;
      const records = byValue.get(value);
      if (records === undefined) byValue.set(value, [record]);
      else records.push(record);
    }
  };

  /** The actor's records from `fromVersion` on, at most `count` of them. */
  const streamRecords = (
    actorId: string,
    fromVersion: number,
    count = Number.POSITIVE_INFINITY,
  ): StoredRecord[] => {
    const records = state.actors.get(actorId)?.records ?? [];
    const start = lowerBound(records, (record) => record.version >= fromVersion);
    return records.slice(start, start + count);
  };

  const pageOf = (records: StoredRecord[], limit: number): EventPage => {
    const events = records.slice(0, limit).map((record) => decodeEvent(record.text, record.position));
    const last = events.at(-1);
    return { events, next: records.length > limit && last !== undefined ? last.position : null };
  };

  const summarize = (actor: ActorState): ActorSummary => ({
    actorId: actor.actorId,
    latestVersion: actor.latestVersion,
    eventCount: actor.records.length,
    firstEventAt: new Date(actor.firstEventAt),
    lastEventAt: new Date(actor.lastEventAt),
    lastEventType: actor.lastEventType,
  });

  const readAllRecords = (after: number, limit: number, eventTypes: string[] | undefined): EventPage => {
    if (eventTypes === undefined) return pageOf(state.log.slice(after, after + limit + 1), limit);
    const types = new Set(eventTypes);
    const matches: StoredRecord[] = [];
    for (let index = after; index < state.log.length && matches.length <= limit; index++) {
      const record = state.log[index] as StoredRecord;
      if (types.has(record.eventType)) matches.push(record);
    }
    return pageOf(matches, limit);
  };

  const store: MemoryEventStore = {
    async saveEvent(input) {
      ensureOpen();
      const event = validateEvent(input, validation);
      const retry = findRetry(event);
      if (retry !== undefined) return decodeEvent(retry.text, retry.position);
      const current = latestVersion(event.actorId);
      if (event.version <= current) throw versionConflict(event.actorId, event.version, current);
      return commit([event])[0] as RecordedEvent;
    },

    async saveEvents(input) {
      ensureOpen();
      const events = validateEventBatch(input, validation);
      const fresh = events.filter((event) => findRetry(event) === undefined);
      const first = fresh[0];
      if (first !== undefined) {
        const current = latestVersion(first.actorId);
        if (first.version <= current) throw versionConflict(first.actorId, first.version, current);
      }
      commit(fresh);
      return events.map((event) => {
        const record = state.byId.get(event.id) as StoredRecord;
        return decodeEvent(record.text, record.position);
      });
    },

    async appendEvents(actorIdInput, draftsInput, appendOptions) {
      ensureOpen();
      const expected = normalizeAppendOptions(appendOptions);
      const drafts = validateDrafts(actorIdInput, draftsInput, newEventId, validation);
      const actorId = validateActorId(actorIdInput);
      const stored = drafts.map((draft) => state.byId.get(draft.id));
      if (drafts.length > 0 && stored.every((record) => record?.actorId === actorId)) {
        // The same append again (a retry): answer with what the first one stored.
        return stored.map((record) =>
          decodeEvent((record as StoredRecord).text, (record as StoredRecord).position),
        );
      }
      const reused = drafts.find((_, index) => stored[index] !== undefined);
      if (reused !== undefined) throw duplicateEventId(reused.id);
      const current = latestVersion(actorId);
      if (!matchesExpectedVersion(expected, current)) {
        throw expectedVersionMismatch(actorId, expected as number | 'no_stream', current);
      }
      return commit(drafts.map((draft, index) => ({ ...draft, version: current + index + 1 })));
    },

    async getEvents(actorIdInput, fromVersionInput) {
      ensureOpen();
      const actorId = validateActorId(actorIdInput);
      const fromVersion = validateFromVersion(fromVersionInput);
      return streamRecords(actorId, fromVersion).map((record) => decodeEvent(record.text, record.position));
    },

    async readStream(actorIdInput, streamOptions) {
      ensureOpen();
      const { actorId, fromVersion, limit } = normalizeReadStreamOptions(actorIdInput, streamOptions);
      const records = streamRecords(actorId, fromVersion, limit + 1);
      const events = records.slice(0, limit).map((record) => decodeEvent(record.text, record.position));
      const last = events.at(-1);
      return { events, next: records.length > limit && last !== undefined ? last.version + 1 : null };
    },

    async getEventsWithErrors(actorIdInput, fromVersionInput): Promise<EventsWithErrors> {
      ensureOpen();
      const actorId = validateActorId(actorIdInput);
      const fromVersion = validateFromVersion(fromVersionInput);
      const events: RecordedEvent[] = [];
      const errors: ReplayError[] = [];
      for (const record of streamRecords(actorId, fromVersion)) {
        try {
          events.push(decodeEvent(record.text, record.position));
        } catch (cause) {
          if (!isAetherError(cause, 'CORRUPT_RECORD')) throw cause;
          errors.push({ position: record.position, raw: record.text, cause });
        }
      }
      return { events, errors };
    },

    async getLatestVersion(actorIdInput) {
      ensureOpen();
      return latestVersion(validateActorId(actorIdInput));
    },

    async getEventById(idInput) {
      ensureOpen();
      const record = state.byId.get(validateEventId(idInput));
      return record === undefined ? null : decodeEvent(record.text, record.position);
    },

    async listActors(listOptions): Promise<ActorPage> {
      ensureOpen();
      const { prefix, after, limit } = normalizeListActorsOptions(listOptions);
      const ids = state.sortedActorIds;
      let index = lowerBound(ids, (id) => compareCodePoints(id, prefix) >= 0);
      if (after !== undefined)
        index = Math.max(
          index,
          lowerBound(ids, (id) => compareCodePoints(id, after) > 0),
        );
      const actors: ActorSummary[] = [];
      for (; index < ids.length && actors.length <= limit; index++) {
        const id = ids[index] as string;
        if (!id.startsWith(prefix)) break;
        actors.push(summarize(state.actors.get(id) as ActorState));
      }
      const page = actors.slice(0, limit);
      return { actors: page, next: actors.length > limit ? (page.at(-1)?.actorId ?? null) : null };
    },

    async readAll(readOptions) {
      ensureOpen();
      const { after, limit, eventTypes } = normalizeReadAllOptions(readOptions);
      return readAllRecords(after, limit, eventTypes);
    },

    async findByMetadata(keyInput, valueInput, findOptions) {
      ensureOpen();
      const { key, value, after, limit } = normalizeFindByMetadataOptions(keyInput, valueInput, findOptions);
      const indexed = state.metadataIndex.get(key);
      const records = indexed
        ? (indexed.get(value) ?? [])
        : state.log.filter((record) => decodeEvent(record.text, record.position).metadata?.[key] === value);
      return pageOf(records.slice(lowerBound(records, (record) => record.position > after)), limit);
    },

    subscribe(subscribeOptions, listener) {
      ensureOpen();
      const subscription = startSubscription(
        {
          readAll: async ({ after, limit, eventTypes }) => readAllRecords(after, limit, eventTypes),
          watch: (onChange) => {
            state.watchers.add(onChange);
            return () => state.watchers.delete(onChange);
          },
          pollIntervalMs: 1000,
        },
        subscribeOptions,
        listener,
      );
      subscriptions.add(subscription);
      void subscription.done.finally(() => subscriptions.delete(subscription)).catch(() => {});
      return subscription;
    },

    async getLatestSnapshot(actorIdInput) {
      ensureOpen();
      const versions = state.snapshots.get(validateActorId(actorIdInput));
      if (versions === undefined || versions.size === 0) return null;
      // A loop, not Math.max(...keys): spreading some 150,000 versions overflows the stack.
      let highest = 0;
      for (const version of versions.keys()) if (version > highest) highest = version;
      return decodeSnapshot(versions.get(highest) as string);
    },

    async saveSnapshot(input: ActorSnapshot) {
      ensureOpen();
      const snapshot = validateSnapshot(input, validation);
      checkSnapshotVersion(snapshot, latestVersion(snapshot.actorId));
      let versions = state.snapshots.get(snapshot.actorId);
      if (versions === undefined) {
        versions = new Map();
        state.snapshots.set(snapshot.actorId, versions);
      }
      versions.set(snapshot.version, encodeSnapshot(snapshot));
    },

    close() {
      // Every caller waits for the same shutdown, however often close() is called.
      closing ??= (async () => {
        closed = true;
        await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      })();
      return closing;
    },
  };
  return store;
}
