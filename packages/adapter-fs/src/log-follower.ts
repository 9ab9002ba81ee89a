import { fstatSync, ftruncateSync, statSync, writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { storeUnavailable } from '@aether/core';
import type { FileLock, LogPoint } from './file-lock.ts';
import {
  FLAG_COMMIT_END,
  FLAG_COMMIT_START,
  FRAME_KIND_EVENT,
  FRAME_KIND_SNAPSHOT,
  isEventEnvelope,
  isSnapshotEnvelope,
} from './frame-format.ts';
import { findCommitStart, type ScannedFrame, scanFrames } from './frame-scanner.ts';
import type { RecoveryEvent } from './recovery.ts';
import { SEGMENT_HEADER_BYTES } from './segment-file.ts';
import type { SegmentFiles } from './segment-files.ts';
import type { EventEntry, StoreIndex } from './store-index.ts';

/** How an advance ended: caught up, or it met something only the lock holder may judge. */
export type AdvanceResult = 'done' | 'escalate';

type Anomaly = { kind: 'short' | 'invalid'; at: number; reason: string };

/** An empty lock file older than this belongs to a holder that died creating it. */
const EMPTY_LOCK_STALE_MS = 2_000;
/** Times a lock-free reader re-reads a tail that was still being written before asking for the lock. */
const SHORT_RETRIES = 3;

/**
 * Follows the log into the index. `cursor` is where the index ends: always a commit boundary.
 *
 * Without the lock (`free`), it reads only what is durable: everything when no one holds the lock,
 * else what lies before the log point the holder recorded when it took it (its write may be in
 * flight or unsynced). Anything odd there is left to the lock holder (`escalate`).
 *
 * With the lock (`locked`), nobody writes, so what it finds is final: an unreadable stretch followed
 * by a valid commit is a damaged region (skipped and reported); one that runs to the end of the last
 * segment is a torn tail (truncated and reported). Complete commits whose body checksum fails are
 * indexed and served as corrupt records, not cut off (a crash leaves a prefix, never a complete
 * frame with a wrong body; that takes damage to written data, and truncating would hide it).
 */
export class LogFollower {
  cursor: LogPoint = { segment: 1, offset: 0 };
  readonly #segments: SegmentFiles;
  readonly #index: StoreIndex;
  readonly #lock: FileLock;
  readonly #report: (event: RecoveryEvent) => void;

  constructor(
    segments: SegmentFiles,
    index: StoreIndex,
    lock: FileLock,
    report: (event: RecoveryEvent) => void,
  ) {
    this.#segments = segments;
    this.#index = index;
    this.#lock = lock;
    this.#report = report;
  }

  /** The end of the log on disk now: the last segment and its size (recorded in the lock file). */
  endPoint(): LogPoint {
    let segment = this.cursor.segment;
    while (this.#segments.exists(segment + 1)) segment++;
    let offset = 0;
    try {
      offset = statSync(this.#segments.path(segment)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return { segment, offset };
  }

  async advance(mode: 'free' | 'locked', brokeStale = false): Promise<AdvanceResult> {
    let shortRetries = 0;
    let consumed = false;
    for (;;) {
      const { segment } = this.cursor;
      if (this.cursor.offset === 0) {
        const opened = await this.#openSegment(mode);
        if (opened !== 'ready') return opened;
      }
      const handle = await this.#segments.handle(segment);
      // Check for a next segment before the size: once the next one exists, this size is final.
      const nextExists = this.#segments.exists(segment + 1);
      const size = fstatSync(handle.fd).size;
      if (size < this.cursor.offset) {
        throw storeUnavailable(`segment ${segment} shrank below what this store has read; reopen the store`);
      }
      let to = size;
      let final = nextExists;
      if (mode === 'free') {
        if (size === this.cursor.offset && !nextExists) return 'done';
        const lock = this.#lock.read();
        if (lock.held) {
          if (lock.info === null) return lock.ageMs > EMPTY_LOCK_STALE_MS ? 'escalate' : 'done';
          if (segment > lock.info.segment) return 'done';
          if (segment === lock.info.segment) {
            to = Math.min(size, lock.info.offset);
            final = false;
          }
        }
      }
      const start = this.cursor.offset;
      const anomaly = await this.#consume(handle, segment, to);
      if (this.cursor.offset > start) consumed = true;
      if (anomaly !== null) {
        if (mode === 'free') {
          const grew = fstatSync(handle.fd).size > to;
          if (anomaly.kind === 'short' && grew && shortRetries++ < SHORT_RETRIES) continue;
          return 'escalate';
        }
        const cut = await this.#resolve(handle, segment, anomaly, size, nextExists);
        if (cut === 'truncated') break;
        continue;
      }
      if (final && to === size) {
        this.cursor = { segment: segment + 1, offset: 0 };
        continue;
      }
      break;
    }
    // A dead holder's last commits may be complete but unsynced: make them durable before serving.
    if (mode === 'locked' && brokeStale && consumed) {
      await (await this.#segments.handle(this.cursor.segment)).datasync();
    }
    return 'done';
  }

  /** Appends a batch of frames at the end of the log (lock held, caught up), durably. */
  async append(frames: Buffer, segmentBytes: number): Promise<LogPoint> {
    if (this.cursor.offset === 0) await this.#openSegment('locked');
    if (this.cursor.offset >= segmentBytes) {
      await this.#segments.create(this.cursor.segment + 1);
      this.cursor = { segment: this.cursor.segment + 1, offset: SEGMENT_HEADER_BYTES };
    }
    const handle = await this.#segments.handle(this.cursor.segment);
    const base = this.cursor.offset;
    try {
      let written = 0;
      while (written < frames.length) {
        written += writeSync(handle.fd, frames, written, frames.length - written, base + written);
      }
      await handle.datasync();
    } catch (error) {
      // Take the batch back out, so no reader ever meets a commit that was never acknowledged.
      try {
        ftruncateSync(handle.fd, base);
        await handle.datasync();
      } catch (cause) {
        throw storeUnavailable('a write failed and could not be undone; reopen the store', cause);
      }
      throw storeUnavailable('writing to the log failed', error);
    }
    return { segment: this.cursor.segment, offset: base };
  }

  async #openSegment(mode: 'free' | 'locked'): Promise<'ready' | AdvanceResult> {
    const { segment } = this.cursor;
    if (!this.#segments.exists(segment)) {
      if (mode === 'free' || segment !== 1) return 'done';
      await this.#segments.create(segment);
    }
    const check = await this.#segments.readHeader(segment);
    if (check.status === 'newer-format') {
      throw storeUnavailable(
        `segment ${segment} has format version ${check.version}; this release reads version 1 (upgrade @aether/adapter-fs)`,
      );
    }
    if (check.status !== 'ok') {
      const later = this.#segments.exists(segment + 1);
      const size = fstatSync((await this.#segments.handle(segment)).fd).size;
      if (mode === 'free') return later || size > SEGMENT_HEADER_BYTES ? 'escalate' : 'done';
      if (later) {
        this.#report({
          kind: 'damaged-region',
          segment,
          offset: 0,
          bytes: SEGMENT_HEADER_BYTES,
          reason: 'segment header unreadable',
        });
        this.cursor = { segment: segment + 1, offset: 0 };
        return this.#openSegment(mode);
      }
      if (size > SEGMENT_HEADER_BYTES) {
        // Frames follow, so the header was written once: it is damaged, not half-created. Keep the frames.
        this.#report({
          kind: 'damaged-region',
          segment,
          offset: 0,
          bytes: SEGMENT_HEADER_BYTES,
          reason: 'segment header unreadable',
        });
      } else {
        await this.#segments.rewriteHeader(segment);
        this.#report({ kind: 'segment-header-repaired', segment });
      }
    }
    this.cursor = { segment, offset: SEGMENT_HEADER_BYTES };
    return 'ready';
  }

  /** Indexes the complete commits of `[cursor, to)`; returns what stopped it early, if anything. */
  async #consume(handle: FileHandle, segment: number, to: number): Promise<Anomaly | null> {
    let pending: ScannedFrame[] = [];
    let commitStart = this.cursor.offset;
    for await (const item of scanFrames(handle, this.cursor.offset, to)) {
      if (item.type === 'short')
        return { kind: 'short', at: commitStart, reason: 'the log ends inside a frame' };
      if (item.type === 'invalid') return { kind: 'invalid', at: commitStart, reason: item.reason };
      const starts = (item.header.flags & FLAG_COMMIT_START) !== 0;
      if (starts !== (pending.length === 0)) {
        return { kind: 'invalid', at: commitStart, reason: 'a commit is not terminated' };
      }
      pending.push(item);
      if ((item.header.flags & FLAG_COMMIT_END) !== 0) {
        if (!this.#apply(segment, pending)) {
          this.#report({
            kind: 'damaged-region',
            segment,
            offset: commitStart,
            bytes: item.end - commitStart,
            reason: 'a commit contradicts the log before it',
          });
        }
        this.cursor = { segment, offset: item.end };
        commitStart = item.end;
        pending = [];
      }
    }
    return pending.length === 0
      ? null
      : { kind: 'short', at: commitStart, reason: 'the last commit is incomplete' };
  }

  /** Lock held: decides between a damaged region and a torn tail at `anomaly.at`. */
  async #resolve(
    handle: FileHandle,
    segment: number,
    anomaly: Anomaly,
    size: number,
    nextExists: boolean,
  ): Promise<'skipped' | 'truncated'> {
    const next = await findCommitStart(handle, anomaly.at + 1, size);
    if (next !== null || nextExists) {
      const end = next ?? size;
      this.#report({
        kind: 'damaged-region',
        segment,
        offset: anomaly.at,
        bytes: end - anomaly.at,
        reason: anomaly.reason,
      });
      this.cursor = next === null ? { segment: segment + 1, offset: 0 } : { segment, offset: next };
      return 'skipped';
    }
    ftruncateSync(handle.fd, anomaly.at);
    await handle.datasync();
    this.#report({
      kind: 'torn-tail-truncated',
      segment,
      offset: anomaly.at,
      bytes: size - anomaly.at,
      reason: anomaly.reason,
    });
    return 'truncated';
  }

  /** Adds a commit to the index; false (nothing added) when it contradicts what is indexed. */
  #apply(segment: number, frames: readonly ScannedFrame[]): boolean {
    const index = this.#index;
    let position = index.lastPosition;
    const versions = new Map<string, number>();
    const ids = new Set<string>();
    for (const frame of frames) {
      const { envelope } = frame;
      if (frame.header.kind === FRAME_KIND_EVENT) {
        if (!isEventEnvelope(envelope)) return false;
        const latest = versions.get(envelope.a) ?? index.latestVersion(envelope.a);
        if (
          envelope.p <= position ||
          envelope.v <= latest ||
          index.byId.has(envelope.i) ||
          ids.has(envelope.i)
        ) {
          return false;
        }
        position = envelope.p;
        versions.set(envelope.a, envelope.v);
        ids.add(envelope.i);
      } else if (frame.header.kind === FRAME_KIND_SNAPSHOT) {
        if (!isSnapshotEnvelope(envelope)) return false;
      } else {
        return false;
      }
    }
    for (const frame of frames) {
      const location = {
        segment,
        bodyOffset: frame.bodyOffset,
        bodyLength: frame.header.bodyLength,
        bodyCrc: frame.header.bodyCrc,
      };
      if (frame.header.kind === FRAME_KIND_EVENT && isEventEnvelope(frame.envelope)) {
        const e = frame.envelope;
        const entry: EventEntry = {
          position: e.p,
          id: e.i,
          actorId: e.a,
          version: e.v,
          eventType: e.e,
          timestampMs: e.t,
          ...location,
        };
        index.addEvent(entry, e.m);
      } else if (isSnapshotEnvelope(frame.envelope)) {
        const s = frame.envelope;
        index.addSnapshot({ actorId: s.a, version: s.v, ...location }, s.p);
      }
    }
    return true;
  }
}
