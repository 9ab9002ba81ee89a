import {
  type ActorPage,
  type ActorSnapshot,
  type ActorSummary,
  compareCodePoints,
  corruptRecord,
  decodeEvent,
  decodeSnapshot,
  type EventPage,
  type EventsWithErrors,
  isAetherError,
  type RecordedEvent,
  type ReplayError,
  type StreamPage,
  storeUnavailable,
} from '@aether/core';
import type { RecordReader } from './record-reader.ts';
import { type ActorEntry, type EventEntry, lowerBound, type StoreIndex } from './store-index.ts';

/** Events read per step when `findByMetadata` scans for a key that has no index. */
const SCAN_STEP = 256;

/**
 * Answers the read methods from the index and the records on disk, with the memory adapter's
 * paging rules. A record that fails its checksum or does not decode is `CORRUPT_RECORD`.
 */
export class EventReads {
  readonly #index: StoreIndex;
  readonly #reader: RecordReader;

  constructor(index: StoreIndex, reader: RecordReader) {
    this.#index = index;
    this.#reader = reader;
  }

  async events(entries: readonly EventEntry[]): Promise<RecordedEvent[]> {
    const texts = await this.#reader.read(entries, (at) => (entries[at] as EventEntry).position);
    return texts.map((text, at) => {
      if (!text.ok) throw text.cause;
      return decodeEvent(text.text, (entries[at] as EventEntry).position);
    });
  }

  /** An actor's entries with `version >= fromVersion`, at most `count` of them. */
  stream(actorId: string, fromVersion: number, count = Number.POSITIVE_INFINITY): EventEntry[] {
    const entries = this.#index.actors.get(actorId)?.entries ?? [];
    const start = lowerBound(entries, (entry) => entry.version >= fromVersion);
    return entries.slice(start, start + count);
  }

  /** One page of an actor's stream; `next` is the version after the page's last when more follow. */
  async streamPage(actorId: string, fromVersion: number, limit: number): Promise<StreamPage> {
    const entries = this.stream(actorId, fromVersion, limit + 1);
    const events = await this.events(entries.slice(0, limit));
    const last = events.at(-1);
    return { events, next: entries.length > limit && last !== undefined ? last.version + 1 : null };
  }

  /** The good events of `entries` plus one `ReplayError` per record that cannot be served. */
  async withErrors(entries: readonly EventEntry[]): Promise<EventsWithErrors> {
    const texts = await this.#reader.read(entries, (at) => (entries[at] as EventEntry).position);
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
  }

  /** Up to `limit` of `entries` (which holds at most `limit + 1`); `next` when there are more. */
  async page(entries: readonly EventEntry[], limit: number): Promise<EventPage> {
    const events = await this.events(entries.slice(0, limit));
    const last = events.at(-1);
    return { events, next: entries.length > limit && last !== undefined ? last.position : null };
  }

  readAll(after: number, limit: number, eventTypes: readonly string[] | undefined): Promise<EventPage> {
    const index = this.#index;
    const types = eventTypes === undefined ? undefined : new Set(eventTypes);
    const picked: EventEntry[] = [];
    for (let at = index.firstAfter(after); at < index.log.length && picked.length <= limit; at++) {
      const entry = index.log[at] as EventEntry;
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
    return this.page(picked, limit);
  }

  listActors(prefix: string, after: string | undefined, limit: number): ActorPage {
    const ids = this.#index.sortedActorIds();
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
      actors.push(summarize(this.#index.actors.get(id) as ActorEntry));
    }
    const page = actors.slice(0, limit);
    return { actors: page, next: actors.length > limit ? (page.at(-1)?.actorId ?? null) : null };
  }

  async findByMetadata(key: string, value: string, after: number, limit: number): Promise<EventPage> {
    const index = this.#index;
    const indexed = index.metadata.get(key);
    if (indexed !== undefined) {
      const entries = indexed.get(value) ?? [];
      const start = lowerBound(entries, (entry) => entry.position > after);
      return this.page(entries.slice(start, start + limit + 1), limit);
    }
    // Not a standard key: scan the log from the cursor, decoding as the memory adapter does.
    const matches: RecordedEvent[] = [];
    for (
      let at = index.firstAfter(after);
      at < index.log.length && matches.length <= limit;
      at += SCAN_STEP
    ) {
      for (const event of await this.events(index.log.slice(at, at + SCAN_STEP))) {
        if (event.metadata?.[key] === value && matches.length <= limit) matches.push(event);
      }
    }
    const events = matches.slice(0, limit);
    const last = events.at(-1);
    return { events, next: matches.length > limit && last !== undefined ? last.position : null };
  }

  async latestSnapshot(actorId: string): Promise<ActorSnapshot | null> {
    const entry = this.#index.snapshots.get(actorId);
    if (entry === undefined) return null;
    const [text] = await this.#reader.read([entry], () => null);
    if (text === undefined || !text.ok) throw text?.cause ?? storeUnavailable('snapshot unreadable');
    return decodeSnapshot(text.text);
  }
}

function summarize(actor: ActorEntry): ActorSummary {
  return {
    actorId: actor.actorId,
    latestVersion: actor.latestVersion,
    eventCount: actor.entries.length,
    firstEventAt: new Date(actor.firstEventAt),
    lastEventAt: new Date(actor.lastEventAt),
    lastEventType: actor.lastEventType,
  };
}
