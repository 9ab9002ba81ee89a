import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AetherStore,
  type EventPage,
  expectedVersionMismatch,
  isAetherError,
  matchesExpectedVersion,
  newEventId,
  normalizeAppendOptions,
  normalizeFindByMetadataOptions,
  normalizeListActorsOptions,
  normalizeReadAllOptions,
  normalizeReadStreamOptions,
  type Subscription,
  startSubscription,
  storeClosed,
  storeUnavailable,
  validateActorId,
  validateDrafts,
  validateEvent,
  validateEventBatch,
  validateEventId,
  validateFromVersion,
  validateSnapshot,
} from '@aether/core';
import { createChangeFeed } from './change-feed.ts';
import { openClient } from './client.ts';
import { createEventReader } from './event-reader.ts';
import { createEventWriter } from './event-writer.ts';
import { checkSchema, migrateSchema } from './migrate.ts';
import {
  DEFAULT_SCHEMA,
  type PostgresEventStoreOptions,
  validatePollInterval,
  validateSchemaName,
} from './options.ts';
import { toAetherError } from './pg-errors.ts';
import { createQueryRunner } from './query-runner.ts';
import { createSnapshotAccess } from './snapshots.ts';
import { buildStatements } from './statements.ts';

/** An Aether store on PostgreSQL: the whole contract plus the schema it lives in. */
export interface PostgresEventStore extends AetherStore {
  /** The Postgres schema (namespace) holding this store's tables. */
  readonly schema: string;
}

/** How long `readAll` waits for older transactions to finish so that it includes committed events. */
const READ_ALL_WAIT_MS = 1000;
/** A subscription rides out a dropped connection for about this long before it fails. */
const SUBSCRIPTION_RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000, 4000];

/**
 * Opens a store on PostgreSQL. With `migrate: true` it first creates or upgrades its schema;
 * otherwise it checks that the schema is there and up to date, and fails with `STORE_UNAVAILABLE`
 * saying what to do when it is not.
 */
export async function createPostgresEventStore(
  options: PostgresEventStoreOptions = {},
): Promise<PostgresEventStore> {
  const schema = validateSchemaName(options.schema ?? DEFAULT_SCHEMA);
  const pollIntervalMs = validatePollInterval(options.pollIntervalMs);
  const validation = { maxEventBytes: options.maxEventBytes };
  const { client, owned } = openClient(options);
  try {
    if (options.migrate === true) await migrateSchema(client, schema);
    const problem = await checkSchema(client, schema);
    if (problem !== null) throw storeUnavailable(problem);
  } catch (error) {
    if (owned) await client.end({ timeout: 0 }).catch(() => {});
    throw toAetherError(error, false);
  }

  const statements = buildStatements(schema);
  const run = createQueryRunner(client);
  const feed = createChangeFeed(client, schema, statements.notify);
  const writer = createEventWriter(run, statements, feed.committed);
  const reader = createEventReader(run, statements);
  const snapshots = createSnapshotAccess(run, statements);
  const subscriptions = new Set<Subscription>();
  let closed = false;
  let closing: Promise<void> | undefined;
  const shutdown = new AbortController();

  /** Every method: `STORE_CLOSED` after close, driver errors as `AetherError`s. */
  const guard = async <T>(operation: () => Promise<T>): Promise<T> => {
    if (closed) throw storeClosed();
    try {
      return await operation();
    } catch (error) {
      throw toAetherError(error, closed);
    }
  };

  /**
   * A subscription's read: gap-safe and never waiting. Held back by a running writer, it looks
   * again soon, backing off from 15 ms to the poll interval while the writer keeps running. A
   * dropped connection is retried a few times.
   */
  const subscriptionReader = () => {
    let heldStreak = 0;
    return async (after: number, limit: number, eventTypes: string[] | undefined) => {
      for (let attempt = 0; ; attempt++) {
        try {
          const page = await guard(() => reader.readAll(after, limit, eventTypes, 0));
          heldStreak = page.heldBack ? heldStreak + 1 : 0;
          if (page.heldBack) feed.wakeSoon(Math.min(15 * 2 ** Math.min(heldStreak - 1, 10), pollIntervalMs));
          return { events: page.events, next: page.next };
        } catch (error) {
          const delay = SUBSCRIPTION_RETRY_DELAYS_MS[attempt];
          if (closed || delay === undefined || !isAetherError(error, 'STORE_UNAVAILABLE')) throw error;
          // close() cuts the wait short; the subscription then sees an empty page and ends.
          const waited = await sleep(delay, true, { signal: shutdown.signal }).catch(() => false);
          if (!waited) return { events: [], next: null };
        }
      }
    };
  };

  const store: PostgresEventStore = {
    schema,

    saveEvent: (input) =>
      guard(async () => {
        const event = validateEvent(input, validation);
        return writer.saveEvent(event);
      }),

    saveEvents: (input) =>
      guard(async () => {
        const events = validateEventBatch(input, validation);
        return events.length === 0 ? [] : writer.saveEvents(events);
      }),

    appendEvents: (actorIdInput, draftsInput, appendOptions) =>
      guard(async () => {
        const expected = normalizeAppendOptions(appendOptions);
        const drafts = validateDrafts(actorIdInput, draftsInput, newEventId, validation);
        const actorId = validateActorId(actorIdInput);
        if (drafts.length > 0) return writer.appendEvents(actorId, drafts, expected);
        const current = await reader.latestVersion(actorId);
        if (!matchesExpectedVersion(expected, current)) {
          throw expectedVersionMismatch(actorId, expected as number | 'no_stream', current);
        }
        return [];
      }),

    getEvents: (actorIdInput, fromVersionInput) =>
      guard(async () => {
        const actorId = validateActorId(actorIdInput);
        return reader.stream(actorId, validateFromVersion(fromVersionInput));
      }),

    readStream: (actorIdInput, streamOptions) =>
      guard(async () => {
        const { actorId, fromVersion, limit } = normalizeReadStreamOptions(actorIdInput, streamOptions);
        return reader.streamPage(actorId, fromVersion, limit);
      }),

    getEventsWithErrors: (actorIdInput, fromVersionInput) =>
      guard(async () => {
        const actorId = validateActorId(actorIdInput);
        return reader.streamWithErrors(actorId, validateFromVersion(fromVersionInput));
      }),

    getLatestVersion: (actorIdInput) =>
      guard(async () => reader.latestVersion(validateActorId(actorIdInput))),

    getEventById: (idInput) => guard(async () => reader.byId(validateEventId(idInput))),

    listActors: (listOptions) =>
      guard(async () => reader.listActors(normalizeListActorsOptions(listOptions))),

    readAll: (readOptions) =>
      guard(async (): Promise<EventPage> => {
        const { after, limit, eventTypes } = normalizeReadAllOptions(readOptions);
        const { events, next } = await reader.readAll(after, limit, eventTypes, READ_ALL_WAIT_MS);
        return { events, next };
      }),

    findByMetadata: (keyInput, valueInput, findOptions) =>
      guard(async () => {
        const { key, value, after, limit } = normalizeFindByMetadataOptions(
          keyInput,
          valueInput,
          findOptions,
        );
        return reader.findByMetadata(key, value, after, limit);
      }),

    subscribe(subscribeOptions, listener) {
      if (closed) throw storeClosed();
      const read = subscriptionReader();
      const subscription = startSubscription(
        {
          readAll: ({ after, limit, eventTypes }) => read(after, limit, eventTypes),
          watch: feed.watch,
          pollIntervalMs,
        },
        subscribeOptions,
        listener,
      );
      subscriptions.add(subscription);
      void subscription.done.finally(() => subscriptions.delete(subscription)).catch(() => {});
      return subscription;
    },

    getLatestSnapshot: (actorIdInput) => guard(async () => snapshots.latest(validateActorId(actorIdInput))),

    saveSnapshot: (input) =>
      guard(async () => {
        await snapshots.save(validateSnapshot(input, validation));
      }),

    close() {
      // Every caller waits for the same shutdown, however often close() is called.
      closing ??= (async () => {
        closed = true;
        shutdown.abort();
        await Promise.all([...subscriptions].map((subscription) => subscription.close()));
        await feed.close();
        // Waits for queries still running, but not forever: postgres.js never finishes ending a
        // connection the server killed mid-query.
        if (owned) await client.end({ timeout: 2 }).catch(() => {});
      })();
      return closing;
    },
  };
  return store;
}
