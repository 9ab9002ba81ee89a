import { compareCodePoints, STANDARD_METADATA_KEYS } from '@aether/core';

/** Where a record's body lies on disk, and the checksum it must have. */
export interface BodyLocation {
  segment: number;
  bodyOffset: number;
  bodyLength: number;
  bodyCrc: number;
}

/** One stored event as the index knows it: its identity plus where its record lies. */
export interface EventEntry extends BodyLocation {
  position: number;
  id: string;
  actorId: string;
  version: number;
  eventType: string;
  timestampMs: number;
}

export interface SnapshotEntry extends BodyLocation {
  actorId: string;
  version: number;
}

export interface ActorEntry {
  actorId: string;
  latestVersion: number;
  firstEventAt: number;
  lastEventAt: number;
  lastEventType: string;
  /** The actor's events in version (and so position) order. */
  entries: EventEntry[];
}

/** Index of the first element for which `isAtOrAfter` holds, in an array sorted by that predicate. */
export function lowerBound<T>(items: readonly T[], isAtOrAfter: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAtOrAfter(items[middle] as T)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The in-memory index of one namespace, rebuilt from the log on open and extended as the log grows:
 * O(1) latest version and id lookups, an actor's events in order (O(k) reads), the global log by
 * position, the standard metadata keys, actors in code-point order, the best snapshot of each actor.
 */
export class StoreIndex {
  /** Every event in position order (positions may skip a damaged region). */
  readonly log: EventEntry[] = [];
  readonly byId = new Map<string, EventEntry>();
  readonly actors = new Map<string, ActorEntry>();
  readonly metadata = new Map<string, Map<string, EventEntry[]>>(
    STANDARD_METADATA_KEYS.map((key) => [key, new Map()]),
  );
  readonly snapshots = new Map<string, SnapshotEntry>();
  /** Highest position the log has used (events, or recorded by snapshots after them). */
  lastPosition = 0;
  /**
   * Positions skipped by the log: events lost to a damaged region (positions are otherwise dense,
   * each writer taking the next one under the lock). `readAll` refuses to pass over them silently.
   */
  readonly lostPositions: Array<{ from: number; to: number }> = [];
  #sortedActorIds: string[] = [];
  #newActorIds: string[] = [];

  latestVersion(actorId: string): number {
    return this.actors.get(actorId)?.latestVersion ?? 0;
  }

  addEvent(entry: EventEntry, metadata: Record<string, string> | undefined): void {
    if (entry.position > this.lastPosition + 1) {
      this.lostPositions.push({ from: this.lastPosition + 1, to: entry.position - 1 });
    }
    this.log.push(entry);
    this.byId.set(entry.id, entry);
    this.lastPosition = Math.max(this.lastPosition, entry.position);
    let actor = this.actors.get(entry.actorId);
    if (actor === undefined) {
      actor = {
        actorId: entry.actorId,
        latestVersion: entry.version,
        firstEventAt: entry.timestampMs,
        lastEventAt: entry.timestampMs,
        lastEventType: entry.eventType,
        entries: [],
      };
      this.actors.set(entry.actorId, actor);
      this.#newActorIds.push(entry.actorId);
    }
    actor.entries.push(entry);
    actor.latestVersion = entry.version;
    actor.lastEventAt = entry.timestampMs;
    actor.lastEventType = entry.eventType;
    if (metadata === undefined) return;
    for (const [key, byValue] of this.metadata) {
      const value = metadata[key];
      if (typeof value !== 'string') continue;
      const list = byValue.get(value);
      if (list === undefined) byValue.set(value, [entry]);
      else list.push(entry);
    }
  }

  /** Keeps the snapshot with the highest version; of equal versions the later one wins. */
  addSnapshot(entry: SnapshotEntry, lastPosition: number): void {
    this.lastPosition = Math.max(this.lastPosition, lastPosition);
    const current = this.snapshots.get(entry.actorId);
    if (current === undefined || entry.version >= current.version) this.snapshots.set(entry.actorId, entry);
  }

  /** Actor ids in code-point order; new actors are merged in lazily, once per listing. */
  sortedActorIds(): readonly string[] {
    if (this.#newActorIds.length > 0) {
      const fresh = this.#newActorIds.sort(compareCodePoints);
      this.#newActorIds = [];
      const merged: string[] = new Array(this.#sortedActorIds.length + fresh.length);
      let i = 0;
      let j = 0;
      let k = 0;
      const old = this.#sortedActorIds;
      while (i < old.length && j < fresh.length) {
        merged[k++] =
          compareCodePoints(old[i] as string, fresh[j] as string) <= 0
            ? (old[i++] as string)
            : (fresh[j++] as string);
      }
      while (i < old.length) merged[k++] = old[i++] as string;
      while (j < fresh.length) merged[k++] = fresh[j++] as string;
      this.#sortedActorIds = merged;
    }
    return this.#sortedActorIds;
  }

  /** The first run of lost positions within `(after, through]`, if any. */
  lostBetween(after: number, through: number): { from: number; to: number } | undefined {
    return this.lostPositions.find((range) => range.to > after && range.from <= through);
  }

  /** Index in `log` of the first event with a position above `after`. */
  firstAfter(after: number): number {
    if (after <= 0) return 0;
    // Positions are usually dense: try the direct slot before searching.
    const guess = this.log[after];
    if (
      guess !== undefined &&
      guess.position === after + 1 &&
      (this.log[after - 1]?.position ?? 0) <= after
    ) {
      return after;
    }
    return lowerBound(this.log, (entry) => entry.position > after);
  }
}
