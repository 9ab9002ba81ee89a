import {
  type ActorSummary,
  type AetherStore,
  checkSnapshotVersion,
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
  validateActorId,
  validateDrafts,
  validateEvent,
  validateEventBatch,
  validateEventId,
  validateFromVersion,
  validateSnapshot,
  versionConflict,
} from '@aether/core';
import Database from 'better-sqlite3';
import { signalStorage, storageKey, watchStorage } from './change-signal.ts';
import { resolveOptions, type SqliteEventStoreOptions } from './options.ts';
import { prepareDatabase } from './schema.ts';
import { guard } from './sqlite-errors.ts';
import { type ActorRow, type EventRow, prepareStatements } from './statements.ts';

export type SqliteEventStore = AetherStore;

const toEvent = (row: EventRow): RecordedEvent => decodeEvent(row.record, row.position);

/** The page of `limit` events out of `rows` (read with `limit + 1`); `next` only when more follow. */
function pageOf(rows: EventRow[], limit: number): EventPage {
  const events = rows.slice(0, limit).map(toEvent);
  const last = events.at(-1);
  return { events, next: rows.length > limit && last !== undefined ? last.position : null };
}

function summarize(row: ActorRow): ActorSummary {
  return {
    actorId: row.actor_id,
    latestVersion: row.latest_version,
    eventCount: row.event_count,
    firstEventAt: new Date(row.first_event_at),
    lastEventAt: new Date(row.last_event_at),
    lastEventType: row.last_event_type,
  };
}

/**
 * An Aether store in one SQLite file. Every write is one `BEGIN IMMEDIATE` transaction: it holds the
 * file's write lock from the first check to the commit, so of two racing saves (in this process or
 * another) exactly one wins. better-sqlite3 is synchronous, so no other call of this process runs
 * in between either.
 */
export function createSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  const { filename, namespace, pollIntervalMs, busyTimeoutMs, validation } = resolveOptions(options);
  const db = guard('opening the database', () => new Database(filename));
  const sql = guard('preparing the database', () => {
    try {
      prepareDatabase(db, busyTimeoutMs);
      return prepareStatements(db);
    } catch (error) {
      db.close();
      throw error;
    }
  });
  const key = storageKey(filename, namespace);
  const subscriptions = new Set<Subscription>();
  let closed = false;
  let closing: Promise<void> | undefined;

  const ensureOpen = () => {
    if (closed) throw storeClosed();
  };
  /** Runs `body` on the open database, translating driver errors. */
  const use = <T>(what: string, body: () => T): T => {
    ensureOpen();
    return guard(what, body);
  };
  /** Runs `body` as one write transaction that holds the write lock from its first read. */
  const write = <T>(what: string, body: () => T): T => use(what, () => db.transaction(body).immediate());

  const latestVersion = (actorId: string) => sql.actor.get(namespace, actorId)?.latest_version ?? 0;

  /** The stored record when `event` is an idempotent retry; throws when it reuses an id. */
  const findRetry = (event: Event): EventRow | undefined => {
    const existing = sql.eventById.get(namespace, event.id);
    if (existing === undefined) return undefined;
    if (existing.actor_id === event.actorId && existing.version === event.version) return existing;
    throw duplicateEventId(event.id);
  };

  const insert = (event: Event): void => {
    const { lastInsertRowid } = sql.insertEvent.run(
      namespace,
      event.id,
      event.actorId,
      event.version,
      event.eventType,
      encodeEvent(event),
    );
    const position = Number(lastInsertRowid);
    for (const [name, value] of Object.entries(event.metadata ?? {})) {
      sql.insertMetadata.run(namespace, name, value, position);
    }
    const at = event.timestamp.getTime();
    sql.upsertActor.run(namespace, event.actorId, event.version, at, at, event.eventType);
  };

  /** Inserts `events` and reads them back as stored; runs inside a write transaction. */
  const commit = (events: readonly Event[]): RecordedEvent[] => {
    for (const event of events) insert(event);
    return events.map((event) => toEvent(sql.eventById.get(namespace, event.id) as EventRow));
  };

  const readLog = (after: number, limit: number, eventTypes: readonly string[] | undefined): EventPage => {
    const rows =
      eventTypes === undefined
        ? sql.log.all(namespace, after, limit + 1)
        : sql.logOfTypes.all(namespace, after, JSON.stringify(eventTypes), limit + 1);
    return pageOf(rows, limit);
  };

  // Subscribers are woken after the transaction commits, never from inside it.
  const committed = <T>(result: T): T => {
    signalStorage(key);
    return result;
  };

  const store: SqliteEventStore = {
    async saveEvent(input) {
      ensureOpen();
      const event = validateEvent(input, validation);
      const saved = write('saveEvent', () => {
        const retry = findRetry(event);
        if (retry !== undefined) return { event: toEvent(retry), fresh: false };
        const current = latestVersion(event.actorId);
        if (event.version <= current) throw versionConflict(event.actorId, event.version, current);
        return { event: commit([event])[0] as RecordedEvent, fresh: true };
      });
      return saved.fresh ? committed(saved.event) : saved.event;
    },

    async saveEvents(input) {
      ensureOpen();
      const events = validateEventBatch(input, validation);
      const result = write('saveEvents', () => {
        const fresh = events.filter((event) => findRetry(event) === undefined);
        const first = fresh[0];
        if (first !== undefined) {
          const current = latestVersion(first.actorId);
          if (first.version <= current) throw versionConflict(first.actorId, first.version, current);
        }
        for (const event of fresh) insert(event);
        const stored = events.map((event) => toEvent(sql.eventById.get(namespace, event.id) as EventRow));
        return { events: stored, fresh: fresh.length > 0 };
      });
      return result.fresh ? committed(result.events) : result.events;
    },

    async appendEvents(actorIdInput, draftsInput, appendOptions) {
      ensureOpen();
      const expected = normalizeAppendOptions(appendOptions);
      const drafts = validateDrafts(actorIdInput, draftsInput, newEventId, validation);
      const actorId = validateActorId(actorIdInput);
      const result = write('appendEvents', () => {
        const stored = drafts.map((draft) => sql.eventById.get(namespace, draft.id));
        if (drafts.length > 0 && stored.every((row) => row?.actor_id === actorId)) {
          // The same append again (a retry): answer with what the first one stored.
          return { events: stored.map((row) => toEvent(row as EventRow)), fresh: false };
        }
        const reused = drafts.find((_, index) => stored[index] !== undefined);
        if (reused !== undefined) throw duplicateEventId(reused.id);
        const current = latestVersion(actorId);
        if (!matchesExpectedVersion(expected, current)) {
          throw expectedVersionMismatch(actorId, expected as number | 'no_stream', current);
        }
        const events = drafts.map((draft, index) => ({ ...draft, version: current + index + 1 }));
        return { events: commit(events), fresh: events.length > 0 };
      });
      return result.fresh ? committed(result.events) : result.events;
    },

    async getEvents(actorIdInput, fromVersionInput) {
      ensureOpen();
      const actorId = validateActorId(actorIdInput);
      const fromVersion = validateFromVersion(fromVersionInput);
      return use('getEvents', () => sql.stream.all(namespace, actorId, fromVersion).map(toEvent));
    },

    async readStream(actorIdInput, streamOptions) {
      ensureOpen();
      const { actorId, fromVersion, limit } = normalizeReadStreamOptions(actorIdInput, streamOptions);
      const rows = use('readStream', () => sql.streamPage.all(namespace, actorId, fromVersion, limit + 1));
      const events = rows.slice(0, limit).map(toEvent);
      const last = events.at(-1);
      return { events, next: rows.length > limit && last !== undefined ? last.version + 1 : null };
    },

    async getEventsWithErrors(actorIdInput, fromVersionInput): Promise<EventsWithErrors> {
      ensureOpen();
      const actorId = validateActorId(actorIdInput);
      const fromVersion = validateFromVersion(fromVersionInput);
      const rows = use('getEventsWithErrors', () => sql.stream.all(namespace, actorId, fromVersion));
      const events: RecordedEvent[] = [];
      const errors: ReplayError[] = [];
      for (const row of rows) {
        try {
          events.push(toEvent(row));
        } catch (cause) {
          if (!isAetherError(cause, 'CORRUPT_RECORD')) throw cause;
          errors.push({ position: row.position, raw: row.record, cause });
        }
      }
      return { events, errors };
    },

    async getLatestVersion(actorIdInput) {
      ensureOpen();
      const actorId = validateActorId(actorIdInput);
      return use('getLatestVersion', () => latestVersion(actorId));
    },

    async getEventById(idInput) {
      ensureOpen();
      const id = validateEventId(idInput);
      const row = use('getEventById', () => sql.eventById.get(namespace, id));
      return row === undefined ? null : toEvent(row);
    },

    async listActors(listOptions) {
      ensureOpen();
      const { prefix, after, limit } = normalizeListActorsOptions(listOptions);
      const rows = use('listActors', () =>
        after !== undefined && after >= prefix
          ? sql.actorsAfter.all(namespace, after, limit + 1)
          : sql.actorsFrom.all(namespace, prefix, limit + 1),
      );
      // Ids with the prefix sort together, from the prefix itself on: stop at the first without it.
      const end = rows.findIndex((row) => !row.actor_id.startsWith(prefix));
      const matching = end === -1 ? rows : rows.slice(0, end);
      const actors = matching.slice(0, limit).map(summarize);
      return { actors, next: matching.length > limit ? (actors.at(-1)?.actorId ?? null) : null };
    },

    async readAll(readOptions) {
      ensureOpen();
      const { after, limit, eventTypes } = normalizeReadAllOptions(readOptions);
      return use('readAll', () => readLog(after, limit, eventTypes));
    },

    async findByMetadata(keyInput, valueInput, findOptions) {
      ensureOpen();
      const { key, value, after, limit } = normalizeFindByMetadataOptions(keyInput, valueInput, findOptions);
      return use('findByMetadata', () =>
        pageOf(sql.byMetadata.all(namespace, key, value, after, limit + 1), limit),
      );
    },

    subscribe(subscribeOptions, listener) {
      ensureOpen();
      const subscription = startSubscription(
        {
          readAll: async ({ after, limit, eventTypes }) =>
            use('subscribe', () => readLog(after, limit, eventTypes)),
          watch: (onChange) => watchStorage(key, onChange),
          pollIntervalMs,
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
      const actorId = validateActorId(actorIdInput);
      const row = use('getLatestSnapshot', () => sql.latestSnapshot.get(namespace, actorId));
      return row === undefined ? null : decodeSnapshot(row.record);
    },

    async saveSnapshot(input) {
      ensureOpen();
      const snapshot = validateSnapshot(input, validation);
      write('saveSnapshot', () => {
        checkSnapshotVersion(snapshot, latestVersion(snapshot.actorId));
        sql.putSnapshot.run(namespace, snapshot.actorId, snapshot.version, encodeSnapshot(snapshot));
      });
    },

    close() {
      // Every caller waits for the same shutdown, however often close() is called.
      closing ??= (async () => {
        closed = true;
        await Promise.all([...subscriptions].map((subscription) => subscription.close()));
        db.close();
      })();
      return closing;
    },
  };

  return store;
}
