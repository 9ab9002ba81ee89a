import { STANDARD_METADATA_KEYS } from '@aether/core';

/** One stored event: its JSON text (deep copy by construction) plus the fields the indexes need. */
export interface StoredRecord {
  position: number;
  id: string;
  actorId: string;
  version: number;
  eventType: string;
  text: string;
}

export interface ActorState {
  actorId: string;
  latestVersion: number;
  firstEventAt: Date;
  lastEventAt: Date;
  lastEventType: string;
  /** The actor's records in version order. */
  records: StoredRecord[];
}

/** Everything one namespace holds. */
export class NamespaceState {
  /** The global log: `log[position - 1]`. */
  readonly log: StoredRecord[] = [];
  readonly actors = new Map<string, ActorState>();
  /** Actor ids in code-unit order, for paged `listActors`. */
  readonly sortedActorIds: string[] = [];
  readonly byId = new Map<string, StoredRecord>();
  /** `metadataIndex.get(key)?.get(value)`: records in position order, for the standard keys. */
  readonly metadataIndex = new Map<string, Map<string, StoredRecord[]>>(
    STANDARD_METADATA_KEYS.map((key) => [key, new Map()]),
  );
  /** Snapshot JSON by actor, then by version. */
  readonly snapshots = new Map<string, Map<number, string>>();
  /** Wake-ups for subscriptions of every store open on this namespace. */
  readonly watchers = new Set<() => void>();

  notify(): void {
    for (const watcher of this.watchers) watcher();
  }
}

/**
 * The storage behind memory stores. Stores created on the same backend and namespace share their
 * data, as two connections to one database do; give each store its own backend for isolation.
 */
export class MemoryBackend {
  readonly #namespaces = new Map<string, NamespaceState>();

  /** @internal */
  namespace(name: string): NamespaceState {
    let state = this.#namespaces.get(name);
    if (state === undefined) {
      state = new NamespaceState();
      this.#namespaces.set(name, state);
    }
    return state;
  }
}

export function createMemoryBackend(): MemoryBackend {
  return new MemoryBackend();
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
