import {
  type ActorSnapshot,
  checkSnapshotVersion,
  duplicateEventId,
  type Event,
  type ExpectedVersion,
  encodeEvent,
  encodeSnapshot,
  expectedVersionMismatch,
  matchesExpectedVersion,
  STANDARD_METADATA_KEYS,
  type ValidatedDraft,
  versionConflict,
} from '@aether/core';
import type { LogPoint } from './file-lock.ts';
import {
  type EventEnvelope,
  encodeFrame,
  FLAG_COMMIT_END,
  FLAG_COMMIT_START,
  FRAME_KIND_EVENT,
  FRAME_KIND_SNAPSHOT,
  type SnapshotEnvelope,
} from './frame-format.ts';
import type { EventEntry, SnapshotEntry, StoreIndex } from './store-index.ts';

/** A write waiting for the next group commit; inputs are already validated by core. */
export type WriteRequest =
  | { kind: 'save'; event: Event }
  | { kind: 'save-batch'; events: Event[] }
  | { kind: 'append'; actorId: string; drafts: ValidatedDraft[]; expected: ExpectedVersion }
  | { kind: 'snapshot'; snapshot: ActorSnapshot };

/** An event the batch writes, with the index entry it will have once the batch is synced. */
export interface PlannedEvent {
  entry: EventEntry;
  metadata: Record<string, string> | undefined;
  body: string;
  /** The validated copy the frame was encoded from: owned by the store, handed out at most once. */
  event: Event | null;
}

export interface PlannedSnapshot {
  entry: SnapshotEntry;
  lastPosition: number;
}

/** An event a request answers with: one this batch writes, or one already stored. */
export type EventRef = { planned: PlannedEvent } | { stored: EventEntry };

export interface PlannedRequest {
  events: PlannedEvent[];
  snapshot: PlannedSnapshot | null;
  results: EventRef[];
}

interface Known {
  actorId: string;
  version: number;
  ref: EventRef;
}

/**
 * Decides one group commit under the write lock, after catching up with the log: each request is
 * checked against the index plus the requests before it in the batch (the same rules and order of
 * checks as the memory adapter), and the accepted ones become frames, one commit per request.
 */
export class BatchPlanner {
  readonly #index: StoreIndex;
  readonly #ids = new Map<string, Known>();
  readonly #latest = new Map<string, number>();
  readonly #frames: Buffer[] = [];
  #bytes = 0;
  #lastPosition: number;
  readonly #at: LogPoint;

  /** `at`: where the batch's bytes will be written, so entries get their final locations. */
  constructor(index: StoreIndex, at: LogPoint) {
    this.#index = index;
    this.#lastPosition = index.lastPosition;
    this.#at = at;
  }

  /** The bytes of every accepted request, in order. */
  bytes(): Buffer {
    return this.#frames.length === 1 ? (this.#frames[0] as Buffer) : Buffer.concat(this.#frames, this.#bytes);
  }

  plan(request: WriteRequest): PlannedRequest {
    switch (request.kind) {
      case 'save':
        return this.#save(request.event);
      case 'save-batch':
        return this.#saveBatch(request.events);
      case 'append':
        return this.#append(request.actorId, request.drafts, request.expected);
      case 'snapshot':
        return this.#snapshot(request.snapshot);
    }
  }

  #lookup(id: string): Known | undefined {
    const planned = this.#ids.get(id);
    if (planned !== undefined) return planned;
    const stored = this.#index.byId.get(id);
    return stored === undefined
      ? undefined
      : { actorId: stored.actorId, version: stored.version, ref: { stored } };
  }

  #latestVersion(actorId: string): number {
    return this.#latest.get(actorId) ?? this.#index.latestVersion(actorId);
  }

  /** The stored event when `event` is an idempotent retry; throws when it reuses an id. */
  #retryOf(event: Event): EventRef | undefined {
    const known = this.#lookup(event.id);
    if (known === undefined) return undefined;
    if (known.actorId === event.actorId && known.version === event.version) return known.ref;
    throw duplicateEventId(event.id);
  }

  #save(event: Event): PlannedRequest {
    const retry = this.#retryOf(event);
    if (retry !== undefined) return { events: [], snapshot: null, results: [retry] };
    const current = this.#latestVersion(event.actorId);
    if (event.version <= current) throw versionConflict(event.actorId, event.version, current);
    const events = this.#write([event]);
    return { events, snapshot: null, results: events.map((planned) => ({ planned })) };
  }

  #saveBatch(events: Event[]): PlannedRequest {
    const retries = events.map((event) => this.#retryOf(event));
    const fresh = events.filter((_, index) => retries[index] === undefined);
    const first = fresh[0];
    if (first !== undefined) {
      const current = this.#latestVersion(first.actorId);
      if (first.version <= current) throw versionConflict(first.actorId, first.version, current);
    }
    const written = this.#write(fresh);
    let next = 0;
    const results = retries.map((retry): EventRef => retry ?? { planned: written[next++] as PlannedEvent });
    return { events: written, snapshot: null, results };
  }

  #append(actorId: string, drafts: ValidatedDraft[], expected: ExpectedVersion): PlannedRequest {
    const known = drafts.map((draft) => this.#lookup(draft.id));
    if (drafts.length > 0 && known.every((item) => item?.actorId === actorId)) {
      // The same append again (a retry): answer with what the first one stored.
      return { events: [], snapshot: null, results: known.map((item) => (item as Known).ref) };
    }
    const reused = drafts.find((_, index) => known[index] !== undefined);
    if (reused !== undefined) throw duplicateEventId(reused.id);
    const current = this.#latestVersion(actorId);
    if (!matchesExpectedVersion(expected, current)) {
      throw expectedVersionMismatch(actorId, expected as number | 'no_stream', current);
    }
    const events = this.#write(drafts.map((draft, index) => ({ ...draft, version: current + index + 1 })));
    return { events, snapshot: null, results: events.map((planned) => ({ planned })) };
  }

  #snapshot(snapshot: ActorSnapshot): PlannedRequest {
    checkSnapshotVersion(snapshot, this.#latestVersion(snapshot.actorId));
    const envelope: SnapshotEnvelope = { a: snapshot.actorId, v: snapshot.version, p: this.#lastPosition };
    const frame = encodeFrame(
      FRAME_KIND_SNAPSHOT,
      FLAG_COMMIT_START | FLAG_COMMIT_END,
      JSON.stringify(envelope),
      encodeSnapshot(snapshot),
    );
    const bodyLength = frame.readUInt32LE(12);
    const planned: PlannedSnapshot = {
      entry: {
        actorId: snapshot.actorId,
        version: snapshot.version,
        segment: this.#at.segment,
        bodyOffset: this.#at.offset + this.#bytes + frame.length - bodyLength,
        bodyLength,
        bodyCrc: frame.readUInt32LE(16),
      },
      lastPosition: this.#lastPosition,
    };
    this.#push(frame);
    return { events: [], snapshot: planned, results: [] };
  }

  /** One commit: frames for `events` (checked already), recorded in the batch's view of the log. */
  #write(events: readonly Event[]): PlannedEvent[] {
    return events.map((event, index) => {
      const position = ++this.#lastPosition;
      const metadata = standardMetadata(event);
      const envelope: EventEnvelope = {
        p: position,
        i: event.id,
        a: event.actorId,
        v: event.version,
        e: event.eventType,
        t: event.timestamp.getTime(),
      };
      if (metadata !== undefined) envelope.m = metadata;
      const body = encodeEvent(event);
      const flags =
        (index === 0 ? FLAG_COMMIT_START : 0) | (index === events.length - 1 ? FLAG_COMMIT_END : 0);
      const frame = encodeFrame(FRAME_KIND_EVENT, flags, JSON.stringify(envelope), body);
      const bodyLength = frame.readUInt32LE(12);
      const planned: PlannedEvent = {
        entry: {
          position,
          id: event.id,
          actorId: event.actorId,
          version: event.version,
          eventType: event.eventType,
          timestampMs: envelope.t,
          segment: this.#at.segment,
          bodyOffset: this.#at.offset + this.#bytes + frame.length - bodyLength,
          bodyLength,
          bodyCrc: frame.readUInt32LE(16),
        },
        metadata,
        body,
        event,
      };
      this.#push(frame);
      this.#ids.set(event.id, { actorId: event.actorId, version: event.version, ref: { planned } });
      this.#latest.set(event.actorId, event.version);
      return planned;
    });
  }

  #push(frame: Buffer): void {
    this.#frames.push(frame);
    this.#bytes += frame.length;
  }
}

function standardMetadata(event: Event): Record<string, string> | undefined {
  if (event.metadata === undefined) return undefined;
  let picked: Record<string, string> | undefined;
  for (const key of STANDARD_METADATA_KEYS) {
    const value = event.metadata[key];
    if (value === undefined) continue;
    picked ??= {};
    picked[key] = value;
  }
  return picked;
}
