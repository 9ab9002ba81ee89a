import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ActorPage,
  type ActorSummary,
  type AetherStore,
  compareCodePoints,
  corruptRecord,
  decodeEvent,
  decodeSnapshot,
  type EventPage,
  type EventsWithErrors,
  isAetherError,
  newEventId,
  normalizeAppendOptions,
  normalizeFindByMetadataOptions,
  normalizeListActorsOptions,
  normalizeReadAllOptions,
  type RecordedEvent,
  type ReplayError,
  type Subscription,
  startSubscription,
  storeClosed,
  storeUnavailable,
  type ValidationOptions,
  validateActorId,
  validateDrafts,
  validateEvent,
  validateEventBatch,
  validateEventId,
  validateFromVersion,
  validateSnapshot,
} from '@aether/core';
import { ChangeNotifier } from './change-notifier.ts';
import {
  BatchPlanner,
  type EventRef,
  type PlannedEvent,
  type PlannedRequest,
  type WriteRequest,
} from './commit-planner.ts';
import { FileLock, type LogPoint } from './file-lock.ts';
import { GroupCommit, type Pending } from './group-commit.ts';
import { LockLease } from './lock-lease.ts';
import { LogEnd } from './log-end.ts';
import { LogFollower } from './log-follower.ts';
import { ensureManifest } from './manifest.ts';
import { Mutex } from './mutex.ts';
import { namespaceDirectoryName } from './namespace-path.ts';
import { type FileEventStoreOptions, type ResolvedOptions, resolveOptions } from './options.ts';
import { RecordReader } from './record-reader.ts';
import type { RecoveryEvent, RecoveryReport } from './recovery.ts';
import { SegmentFiles, syncDirectory } from './segment-files.ts';
import { type ActorEntry, type EventEntry, lowerBound, StoreIndex } from './store-index.ts';

/** A store on a local directory: the whole Aether contract plus what it repaired on the way. */
export interface FileEventStore extends AetherStore {
  /** Absolute path of the namespace's directory. */
  readonly path: string;
  readonly namespace: string;
  /** Repairs and findings since the store was opened (torn tails, damaged regions, stale locks). */
  readonly recovery: RecoveryReport;
}

/** Events read per step when `findByMetadata` scans for a key that has no index. */
const SCAN_STEP = 256;
/** A lock held by another host (network file system) is presumed dead after this long. */
const FOREIGN_LOCK_STALE_MS = 30_000;
/** How long an idle store keeps the write lock, so that a sequential writer takes it once. */
const LOCK_LINGER_MS = 5;

/** Wraps what is not already an Aether error (I/O failures) as `STORE_UNAVAILABLE`, keeping the cause. */
function asAetherError(error: unknown): unknown {
  if (isAetherError(error)) return error;
  return storeUnavailable((error as Error | undefined)?.message ?? 'file system error', error);
}

/**
 * Opens (creating when needed) a file store in `options.directory`: append-only segment files of
 * checksummed frames, an in-memory index rebuilt on open, group commit behind an inter-process lock.
 * Any number of stores, in one process or several, may open the same directory and namespace.
 */
export async function createFileEventStore(options: FileEventStoreOptions): Promise<FileEventStore> {
  const config = resolveOptions(options);
  const path = join(config.root, namespaceDirectoryName(config.namespace));
  try {
    await mkdir(path, { recursive: true });
    syncDirectory(config.root);
    await ensureManifest(path);
  } catch (error) {
    throw asAetherError(error);
  }
  const store = openStore(config, path);
  try {
    await store.ready;
  } catch (error) {
    await store.api.close().catch(() => {});
    throw asAetherError(error);
  }
  return store.api;
}

function openStore(config: ResolvedOptions, path: string): { api: FileEventStore; ready: Promise<void> } {
  const validation: ValidationOptions = { maxEventBytes: config.maxEventBytes };
  const recoveryEvents: RecoveryEvent[] = [];
  const report = (event: RecoveryEvent) => {
    recoveryEvents.push(event);
    try {
      config.onRecovery?.(event);
    } catch {
      // A failing observer must not undo a repair.
    }
  };
  const index = new StoreIndex();
  const segments = new SegmentFiles(path);
  const logEnd = new LogEnd(path);
  const lock = new FileLock(path, {
    timeoutMs: config.lockTimeoutMs,
    foreignStaleMs: FOREIGN_LOCK_STALE_MS,
    onStaleBroken: (pid, reason) => report({ kind: 'stale-lock-broken', pid, reason }),
  });
  const follower = new LogFollower(segments, index, logEnd, report);
  const reader = new RecordReader(segments);
  const notifier = new ChangeNotifier(path);
  // Serialises every change to the index (catching up, applying a commit) within this store.
  const mutex = new Mutex();
  const subscriptions = new Set<Subscription>();
  /** Operations under way, and the callback `close()` waits on until they are done. */
  let running = 0;
  let settled: (() => void) | undefined;
  let holdingLock = false;
  let closed = false;
  let closing: Promise<void> | null = null;

  const lease = new LockLease(lock, {
    onAcquired: (held) =>
      mutex.run(async () => {
        await follower.advanceLocked(held.brokeStale);
        holdingLock = true;
        logEnd.publish(follower.cursor);
      }),
    onReleased: () => {
      holdingLock = false;
    },
    lingerMs: LOCK_LINGER_MS,
  });

  /** Brings the index up to what other stores have durably written; repairs under the lock if needed. */
  const catchUp = async (): Promise<void> => {
    // While this store holds the lock nobody else writes, and its index is current.
    const result = await mutex.run(() => (holdingLock ? 'done' : follower.advanceFree()));
    if (result === 'escalate') await catchUpLocked();
  };

  /** Takes the lock once (which catches up and repairs under it) and lets it go after the linger. */
  const catchUpLocked = async (): Promise<void> => {
    await lease.enter();
    lease.leave();
  };

  const applyCommitted = (outcomes: Outcome[], end: LogPoint) => {
    for (const outcome of outcomes) {
      const plan = outcome.plan;
      if (plan === undefined) continue;
      for (const planned of plan.events) index.addEvent(planned.entry, planned.metadata);
      if (plan.snapshot !== null) index.addSnapshot(plan.snapshot.entry, plan.snapshot.lastPosition);
    }
    follower.cursor = end;
  };

  /** One group commit: decide every request under the lock, one write, one fdatasync, publish. */
  const runBatch = async (batch: Pending<WriteRequest>[]): Promise<void> => {
    const outcomes: Outcome[] = [];
    let wrote = false;
    try {
      if (lease.enterHeld() === null) await lease.enter();
      try {
        // The lease is held and caught up: until it is released, only this batch touches the index, so
        // planning and applying need no mutex (a lock-free catch-up sees `holdingLock` and stops).
        const at = follower.appendPoint(config.segmentBytes);
        const planner = new BatchPlanner(index, at);
        for (const pending of batch) {
          try {
            outcomes.push({ plan: planner.plan(pending.request) });
          } catch (error) {
            outcomes.push({ error });
          }
        }
        const bytes = planner.bytes();
        if (bytes.length > 0) {
          try {
            const written = await follower.append(bytes, config.segmentBytes);
            if (written.segment !== at.segment || written.offset !== at.offset) {
              throw new Error(
                `the batch was written at ${written.segment}:${written.offset}, planned for ${at.segment}:${at.offset}`,
              );
            }
          } catch (error) {
            // Let the next holder (perhaps this store) check the tail from scratch.
            lease.release();
            throw error;
          }
          applyCommitted(outcomes, { segment: at.segment, offset: at.offset + bytes.length });
          logEnd.publish(follower.cursor);
          wrote = true;
        }
      } finally {
        lease.leave();
      }
    } catch (error) {
      const failure = asAetherError(error);
      batch.forEach((pending, position) => {
        const own = outcomes[position]?.error;
        pending.reject(own === undefined ? failure : asAetherError(own));
      });
      return;
    }
    if (wrote) notifier.notifyProcess();
    for (const [position, pending] of batch.entries()) {
      const outcome = outcomes[position] as Outcome;
      if (outcome.plan === undefined) pending.reject(asAetherError(outcome.error));
      else if (outcome.plan.results.every((ref) => 'planned' in ref))
        pending.resolve(answer(pending.request, outcome.plan.results.map(recorded)));
      else {
        // Idempotent retries answer with the stored record, read back from the log.
        const refs = outcome.plan.results;
        Promise.all(
          refs.map((ref) =>
            'planned' in ref
              ? recorded(ref)
              : readEvents([ref.stored]).then((events) => events[0] as RecordedEvent),
          ),
        )
          .then((events) => pending.resolve(answer(pending.request, events)))
          .catch((error: unknown) => pending.reject(asAetherError(error)));
      }
    }
  };

  const answer = (request: WriteRequest, events: RecordedEvent[]): unknown => {
    if (request.kind === 'snapshot') return undefined;
    return request.kind === 'save' ? events[0] : events;
  };

  /** The recorded form of an event this store just wrote: its own validated copy once, then decoded copies. */
  const recorded = (ref: EventRef & { planned: PlannedEvent }): RecordedEvent => {
    const { planned } = ref;
    const event = planned.event;
    if (event === null) return decodeEvent(planned.body, planned.entry.position);
    planned.event = null;
    return Object.assign(event, { position: planned.entry.position });
  };

  const commits = new GroupCommit<WriteRequest>(runBatch);

  /** Reads and decodes events; a record that fails its checksum or does not decode is `CORRUPT_RECORD`. */
  const readEvents = async (entries: readonly EventEntry[]): Promise<RecordedEvent[]> => {
    const texts = await reader.read(entries, (at) => (entries[at] as EventEntry).position);
    return texts.map((text, at) => {
      if (!text.ok) throw text.cause;
      return decodeEvent(text.text, (entries[at] as EventEntry).position);
    });
  };

  const streamFrom = (actorId: string, fromVersion: number): EventEntry[] => {
    const entries = index.actors.get(actorId)?.entries ?? [];
    return entries.slice(lowerBound(entries, (entry) => entry.version >= fromVersion));
  };

  const pageOf = async (entries: EventEntry[], limit: number): Promise<EventPage> => {
    const events = await readEvents(entries.slice(0, limit));
    const last = events.at(-1);
    return { events, next: entries.length > limit && last !== undefined ? last.position : null };
  };

  const readAllPage = (after: number, limit: number, eventTypes: readonly string[] | undefined) => {
    const types = eventTypes === undefined ? undefined : new Set(eventTypes);
    const picked: EventEntry[] = [];
    const log = index.log;
    for (let at = index.firstAfter(after); at < log.length && picked.length <= limit; at++) {
      const entry = log[at] as EventEntry;
      if (types === undefined || types.has(entry.eventType)) picked.push(entry);
    }
    // A page never steps over events lost to damage without saying so (as a corrupt record would).
    const through =
      picked.length > limit ? (picked[limit - 1] as EventEntry).position : Number.MAX_SAFE_INTEGER;
    const lost = index.lostBetween(after, through);
    if (lost !== undefined) {
      throw corruptRecord(`positions ${lost.from} to ${lost.to} were lost to damage in the log`, {
        details: { position: lost.from, lostFrom: lost.from, lostTo: lost.to },
      });
    }
    return pageOf(picked, limit);
  };

  const summarize = (actor: ActorEntry): ActorSummary => ({
    actorId: actor.actorId,
    latestVersion: actor.latestVersion,
    eventCount: actor.entries.length,
    firstEventAt: new Date(actor.firstEventAt),
    lastEventAt: new Date(actor.lastEventAt),
    lastEventType: actor.lastEventType,
  });

  /** Runs a public operation: `STORE_CLOSED` after close, I/O errors as `STORE_UNAVAILABLE`, counted for close. */
  const operation = async <T>(body: () => Promise<T>): Promise<T> => {
    if (closed) throw storeClosed();
    running++;
    try {
      return await body();
    } catch (error) {
      throw asAetherError(error);
    } finally {
      if (--running === 0) settled?.();
    }
  };

  /**
   * Starts a write: `STORE_CLOSED` after close, invalid input rejected before it is queued. Writes
   * are not counted in `running`: `close()` waits for the group commit to drain instead. A request
   * builder may answer at once (an empty batch) by returning the result instead of a request.
   */
  const submitWrite = <V>(build: () => WriteRequest | V): Promise<V> => {
    if (closed) return Promise.reject(storeClosed());
    let built: WriteRequest | V;
    try {
      built = build();
    } catch (error) {
      return Promise.reject(asAetherError(error));
    }
    if (Array.isArray(built)) return Promise.resolve(built as V);
    return commits.submit<V>(built as WriteRequest);
  };

  const api: FileEventStore = {
    path,
    namespace: config.namespace,
    recovery: { events: recoveryEvents },

    saveEvent(input) {
      return submitWrite<RecordedEvent>(() => ({ kind: 'save', event: validateEvent(input, validation) }));
    },

    saveEvents(input) {
      return submitWrite<RecordedEvent[]>(() => {
        const events = validateEventBatch(input, validation);
        return events.length === 0 ? [] : { kind: 'save-batch', events };
      });
    },

    appendEvents(actorIdInput, draftsInput, appendOptions) {
      return submitWrite<RecordedEvent[]>(() => {
        const expected = normalizeAppendOptions(appendOptions);
        const drafts = validateDrafts(actorIdInput, draftsInput, newEventId, validation);
        const actorId = validateActorId(actorIdInput);
        return { kind: 'append', actorId, drafts, expected };
      });
    },

    getEvents(actorIdInput, fromVersionInput) {
      return operation(async () => {
        const actorId = validateActorId(actorIdInput);
        const fromVersion = validateFromVersion(fromVersionInput);
        await catchUp();
        return readEvents(streamFrom(actorId, fromVersion));
      });
    },

    getEventsWithErrors(actorIdInput, fromVersionInput) {
      return operation(async (): Promise<EventsWithErrors> => {
        const actorId = validateActorId(actorIdInput);
        const fromVersion = validateFromVersion(fromVersionInput);
        await catchUp();
        const entries = streamFrom(actorId, fromVersion);
        const texts = await reader.read(entries, (at) => (entries[at] as EventEntry).position);
        const events: RecordedEvent[] = [];
        const errors: ReplayError[] = [];
        texts.forEach((text, at) => {
          const position = (entries[at] as EventEntry).position;
          if (!text.ok) {
            errors.push({ position, raw: text.raw, cause: text.cause });
            return;
          }
          try {
            events.push(decodeEvent(text.text, position));
          } catch (cause) {
            if (!isAetherError(cause, 'CORRUPT_RECORD')) throw cause;
            errors.push({ position, raw: text.text, cause });
          }
        });
        return { events, errors };
      });
    },

    getLatestVersion(actorIdInput) {
      return operation(async () => {
        const actorId = validateActorId(actorIdInput);
        await catchUp();
        return index.latestVersion(actorId);
      });
    },

    getEventById(idInput) {
      return operation(async () => {
        const id = validateEventId(idInput);
        await catchUp();
        const entry = index.byId.get(id);
        if (entry === undefined) return null;
        const [event] = await readEvents([entry]);
        return event as RecordedEvent;
      });
    },

    listActors(listOptions) {
      return operation(async (): Promise<ActorPage> => {
        const { prefix, after, limit } = normalizeListActorsOptions(listOptions);
        await catchUp();
        const ids = index.sortedActorIds();
        let at = lowerBound(ids, (id) => compareCodePoints(id, prefix) >= 0);
        if (after !== undefined) {
          at = Math.max(
            at,
            lowerBound(ids, (id) => compareCodePoints(id, after) > 0),
          );
        }
        const actors: ActorSummary[] = [];
        for (; at < ids.length && actors.length <= limit; at++) {
          const id = ids[at] as string;
          if (!id.startsWith(prefix)) break;
          actors.push(summarize(index.actors.get(id) as ActorEntry));
        }
        const page = actors.slice(0, limit);
        return { actors: page, next: actors.length > limit ? (page.at(-1)?.actorId ?? null) : null };
      });
    },

    readAll(readOptions) {
      return operation(async () => {
        const { after, limit, eventTypes } = normalizeReadAllOptions(readOptions);
        await catchUp();
        return readAllPage(after, limit, eventTypes);
      });
    },

    findByMetadata(keyInput, valueInput, findOptions) {
      return operation(async (): Promise<EventPage> => {
        const { key, value, after, limit } = normalizeFindByMetadataOptions(
          keyInput,
          valueInput,
          findOptions,
        );
        await catchUp();
        const indexed = index.metadata.get(key);
        if (indexed !== undefined) {
          const entries = indexed.get(value) ?? [];
          const start = lowerBound(entries, (entry) => entry.position > after);
          return pageOf(entries.slice(start, start + limit + 1), limit);
        }
        // Not a standard key: scan the log from the cursor, decoding as the memory adapter does.
        const matches: RecordedEvent[] = [];
        const log = index.log;
        for (let at = index.firstAfter(after); at < log.length && matches.length <= limit; at += SCAN_STEP) {
          for (const event of await readEvents(log.slice(at, at + SCAN_STEP))) {
            if (event.metadata?.[key] === value && matches.length <= limit) matches.push(event);
          }
        }
        const events = matches.slice(0, limit);
        const last = events.at(-1);
        return { events, next: matches.length > limit && last !== undefined ? last.position : null };
      });
    },

    subscribe(subscribeOptions, listener) {
      if (closed) throw storeClosed();
      const subscription = startSubscription(
        {
          readAll: async ({ after, limit, eventTypes }) => {
            try {
              await catchUp();
              return await readAllPage(after, limit, eventTypes);
            } catch (error) {
              throw asAetherError(error);
            }
          },
          watch: (onChange) => notifier.add(onChange),
          pollIntervalMs: config.pollIntervalMs,
        },
        subscribeOptions,
        listener,
      );
      subscriptions.add(subscription);
      void subscription.done.finally(() => subscriptions.delete(subscription)).catch(() => {});
      return subscription;
    },

    getLatestSnapshot(actorIdInput) {
      return operation(async () => {
        const actorId = validateActorId(actorIdInput);
        await catchUp();
        const entry = index.snapshots.get(actorId);
        if (entry === undefined) return null;
        const [text] = await reader.read([entry], () => null);
        if (text === undefined || !text.ok) throw text?.cause ?? storeUnavailable('snapshot unreadable');
        return decodeSnapshot(text.text);
      });
    },

    saveSnapshot(input) {
      return submitWrite<void>(() => ({ kind: 'snapshot', snapshot: validateSnapshot(input, validation) }));
    },

    close() {
      if (closing === null) {
        closed = true;
        closing = (async () => {
          await Promise.all([...subscriptions].map((subscription) => subscription.close()));
          if (running > 0) await new Promise<void>((resolve) => (settled = resolve));
          await commits.idle();
          lease.release();
          notifier.close();
          logEnd.close();
          await segments.closeAll();
        })();
      }
      return closing;
    },
  };

  // Open: index what is durable without the lock (the bulk), then once under the lock, which
  // repairs a torn tail left by a crashed writer and creates the first segment of a new store.
  const ready = (async () => {
    await mutex.run(() => follower.advanceFree());
    await catchUpLocked();
  })();
  return { api, ready };
}

interface Outcome {
  plan?: PlannedRequest;
  error?: unknown;
}
