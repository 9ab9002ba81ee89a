import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AetherStore,
  newEventId,
  normalizeAppendOptions,
  normalizeFindByMetadataOptions,
  normalizeListActorsOptions,
  normalizeReadAllOptions,
  normalizeReadStreamOptions,
  type RecordedEvent,
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
} from '@aether/core';
import { asAetherError } from './as-aether-error.ts';
import { createBatchWriter } from './batch-writer.ts';
import { ChangeNotifier } from './change-notifier.ts';
import type { WriteRequest } from './commit-planner.ts';
import { EventReads } from './event-reads.ts';
import { FileLock } from './file-lock.ts';
import { GroupCommit } from './group-commit.ts';
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
import { StoreIndex } from './store-index.ts';

/** A store on a local directory: the whole Aether contract plus what it repaired on the way. */
export interface FileEventStore extends AetherStore {
  /** Absolute path of the namespace's directory. */
  readonly path: string;
  readonly namespace: string;
  /** Repairs and findings since the store was opened (torn tails, damaged regions, stale locks). */
  readonly recovery: RecoveryReport;
}

/** A lock held by another host (network file system) is presumed dead after this long. */
const FOREIGN_LOCK_STALE_MS = 30_000;
/** How long an idle store keeps the write lock, so that a sequential writer takes it once. */
const LOCK_LINGER_MS = 5;

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
  const reads = new EventReads(index, new RecordReader(segments));
  const notifier = new ChangeNotifier(path);
  // Serialises every change to the index (catching up, applying a commit) within this store.
  const mutex = new Mutex();
  const subscriptions = new Set<Subscription>();
  /** Reads (and retry answers) under way, and the callback `close()` waits on until they are done. */
  let running = 0;
  let settled: (() => void) | undefined;
  let holdingLock = false;
  let closed = false;
  let closing: Promise<void> | null = null;

  const track = async <T>(work: Promise<T>): Promise<T> => {
    running++;
    try {
      return await work;
    } finally {
      if (--running === 0) settled?.();
    }
  };

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

  const commits = new GroupCommit<WriteRequest>(
    createBatchWriter({
      index,
      follower,
      lease,
      logEnd,
      reads,
      segmentBytes: config.segmentBytes,
      onCommitted: () => notifier.notifyProcess(),
      track,
    }),
  );

  /** A read: `STORE_CLOSED` after close, caught up first, I/O errors as `STORE_UNAVAILABLE`. */
  const read = <T>(body: () => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(storeClosed());
    return track(
      (async () => {
        try {
          return await body();
        } catch (error) {
          throw asAetherError(error);
        }
      })(),
    );
  };

  /**
   * Starts a write: `STORE_CLOSED` after close, invalid input rejected before it is queued (`close()`
   * waits for the group commit to drain). A builder may answer at once (an empty batch) with an array.
   */
  const write = <V>(build: () => WriteRequest | V): Promise<V> => {
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
      return write<RecordedEvent>(() => ({ kind: 'save', event: validateEvent(input, validation) }));
    },

    saveEvents(input) {
      return write<RecordedEvent[]>(() => {
        const events = validateEventBatch(input, validation);
        return events.length === 0 ? [] : { kind: 'save-batch', events };
      });
    },

    appendEvents(actorIdInput, draftsInput, appendOptions) {
      return write<RecordedEvent[]>(() => {
        const expected = normalizeAppendOptions(appendOptions);
        const drafts = validateDrafts(actorIdInput, draftsInput, newEventId, validation);
        const actorId = validateActorId(actorIdInput);
        return { kind: 'append', actorId, drafts, expected };
      });
    },

    saveSnapshot(input) {
      return write<void>(() => ({ kind: 'snapshot', snapshot: validateSnapshot(input, validation) }));
    },

    getEvents(actorIdInput, fromVersionInput) {
      return read(async () => {
        const actorId = validateActorId(actorIdInput);
        const fromVersion = validateFromVersion(fromVersionInput);
        await catchUp();
        return reads.events(reads.stream(actorId, fromVersion));
      });
    },

    readStream(actorIdInput, streamOptions) {
      return read(async () => {
        const { actorId, fromVersion, limit } = normalizeReadStreamOptions(actorIdInput, streamOptions);
        await catchUp();
        return reads.streamPage(actorId, fromVersion, limit);
      });
    },

    getEventsWithErrors(actorIdInput, fromVersionInput) {
      return read(async () => {
        const actorId = validateActorId(actorIdInput);
        const fromVersion = validateFromVersion(fromVersionInput);
        await catchUp();
        return reads.withErrors(reads.stream(actorId, fromVersion));
      });
    },

    getLatestVersion(actorIdInput) {
      return read(async () => {
        const actorId = validateActorId(actorIdInput);
        await catchUp();
        return index.latestVersion(actorId);
      });
    },

    getEventById(idInput) {
      return read(async () => {
        const id = validateEventId(idInput);
        await catchUp();
        const entry = index.byId.get(id);
        return entry === undefined ? null : ((await reads.events([entry]))[0] as RecordedEvent);
      });
    },

    listActors(listOptions) {
      return read(async () => {
        const { prefix, after, limit } = normalizeListActorsOptions(listOptions);
        await catchUp();
        return reads.listActors(prefix, after, limit);
      });
    },

    readAll(readOptions) {
      return read(async () => {
        const { after, limit, eventTypes } = normalizeReadAllOptions(readOptions);
        await catchUp();
        return reads.readAll(after, limit, eventTypes);
      });
    },

    findByMetadata(keyInput, valueInput, findOptions) {
      return read(async () => {
        const { key, value, after, limit } = normalizeFindByMetadataOptions(
          keyInput,
          valueInput,
          findOptions,
        );
        await catchUp();
        return reads.findByMetadata(key, value, after, limit);
      });
    },

    getLatestSnapshot(actorIdInput) {
      return read(async () => {
        const actorId = validateActorId(actorIdInput);
        await catchUp();
        return reads.latestSnapshot(actorId);
      });
    },

    subscribe(subscribeOptions, listener) {
      if (closed) throw storeClosed();
      const subscription = startSubscription(
        {
          readAll: async ({ after, limit, eventTypes }) => {
            try {
              await catchUp();
              return await reads.readAll(after, limit, eventTypes);
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

    close() {
      if (closing === null) {
        closed = true;
        closing = (async () => {
          await Promise.all([...subscriptions].map((subscription) => subscription.close()));
          await commits.idle();
          if (running > 0) await new Promise<void>((resolve) => (settled = resolve));
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
