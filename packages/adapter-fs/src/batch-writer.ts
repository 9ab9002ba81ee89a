import { decodeEvent, type RecordedEvent } from '@aether/core';
import { asAetherError } from './as-aether-error.ts';
import {
  BatchPlanner,
  type EventRef,
  type PlannedEvent,
  type PlannedRequest,
  type WriteRequest,
} from './commit-planner.ts';
import type { EventReads } from './event-reads.ts';
import type { LogPoint } from './file-lock.ts';
import type { Pending } from './group-commit.ts';
import type { LockLease } from './lock-lease.ts';
import type { LogEnd } from './log-end.ts';
import type { LogFollower } from './log-follower.ts';
import type { StoreIndex } from './store-index.ts';

export interface BatchWriterParts {
  index: StoreIndex;
  follower: LogFollower;
  lease: LockLease;
  logEnd: LogEnd;
  reads: EventReads;
  segmentBytes: number;
  /** Called after a batch reached the disk (wakes subscriptions of this process). */
  onCommitted: () => void;
  /** Keeps `close()` waiting for work that outlives the batch (answering retries from disk). */
  track: <T>(work: Promise<T>) => Promise<T>;
}

interface Outcome {
  plan?: PlannedRequest;
  error?: unknown;
}

/**
 * One group commit: under the write lock (kept across batches while it is busy), decide every
 * request against the index, write all accepted commits with one write and one `fdatasync`,
 * extend the index, publish the new durable end, then answer each caller.
 */
export function createBatchWriter(
  parts: BatchWriterParts,
): (batch: Pending<WriteRequest>[]) => Promise<void> {
  const { index, follower, lease, logEnd, reads } = parts;

  const apply = (outcomes: readonly Outcome[], end: LogPoint) => {
    for (const { plan } of outcomes) {
      if (plan === undefined) continue;
      for (const planned of plan.events) index.addEvent(planned.entry, planned.metadata);
      if (plan.snapshot !== null) index.addSnapshot(plan.snapshot.entry, plan.snapshot.lastPosition);
    }
    follower.cursor = end;
  };

  /** Plans, writes and applies the batch; the outcome of each request, in order. */
  const commit = async (batch: readonly Pending<WriteRequest>[], outcomes: Outcome[]): Promise<boolean> => {
    if (lease.enterHeld() === null) await lease.enter();
    try {
      // The lease is held and caught up: until it is released only this batch touches the index,
      // so planning and applying need no mutex (a lock-free catch-up sees the lock held and stops).
      const at = follower.appendPoint(parts.segmentBytes);
      const planner = new BatchPlanner(index, at);
      for (const pending of batch) {
        try {
          outcomes.push({ plan: planner.plan(pending.request) });
        } catch (error) {
          outcomes.push({ error });
        }
      }
      const bytes = planner.bytes();
      if (bytes.length === 0) return false;
      try {
        const written = await follower.append(bytes, parts.segmentBytes);
        if (written.segment !== at.segment || written.offset !== at.offset) {
          throw new Error(
            `batch written at ${written.segment}:${written.offset}, planned for ${at.segment}:${at.offset}`,
          );
        }
      } catch (error) {
        // Let the next holder (perhaps this store) check the tail from scratch.
        lease.release();
        throw error;
      }
      apply(outcomes, { segment: at.segment, offset: at.offset + bytes.length });
      logEnd.publish(follower.cursor);
      return true;
    } finally {
      lease.leave();
    }
  };

  return async (batch) => {
    const outcomes: Outcome[] = [];
    try {
      if (await commit(batch, outcomes)) parts.onCommitted();
    } catch (error) {
      const failure = asAetherError(error);
      batch.forEach((pending, position) => {
        const own = outcomes[position]?.error;
        pending.reject(own === undefined ? failure : asAetherError(own));
      });
      return;
    }
    batch.forEach((pending, position) => {
      const { plan, error } = outcomes[position] as Outcome;
      if (plan === undefined) pending.reject(asAetherError(error));
      else if (plan.results.every((ref) => 'planned' in ref)) {
        pending.resolve(answer(pending.request, plan.results.map(recorded)));
      } else {
        // Idempotent retries answer with the stored record, read back from the log.
        const read = (ref: EventRef) =>
          'planned' in ref
            ? recorded(ref)
            : reads.events([ref.stored]).then((events) => events[0] as RecordedEvent);
        parts
          .track(Promise.all(plan.results.map(read)))
          .then((events) => pending.resolve(answer(pending.request, events)))
          .catch((failure: unknown) => pending.reject(asAetherError(failure)));
      }
    });
  };
}

function answer(request: WriteRequest, events: RecordedEvent[]): unknown {
  if (request.kind === 'snapshot') return undefined;
  return request.kind === 'save' ? events[0] : events;
}

/** The recorded form of an event just written: the store's own validated copy once, then decoded copies. */
function recorded(ref: EventRef & { planned: PlannedEvent }): RecordedEvent {
  const { planned } = ref;
  const event = planned.event;
  if (event === null) return decodeEvent(planned.body, planned.entry.position);
  planned.event = null;
  return Object.assign(event, { position: planned.entry.position });
}
