import { newEventId } from '../create-event.ts';
import type { AnyEventStore, Event, EventPage, JsonObject, RecordedEvent } from '../types.ts';

/** A fixed base time, so that timestamps in failures are readable. */
export const BASE_TIME = Date.UTC(2024, 0, 1, 12, 0, 0, 0);

/** A valid event with a fresh UUIDv7 id; `overrides` replace any field. */
export function makeEvent(actorId: string, version: number, overrides: Partial<Event> = {}): Event {
  return {
    id: newEventId(),
    eventType: 'Tested',
    actorId,
    version,
    data: { version, note: `event ${version} of ${actorId}` },
    timestamp: new Date(BASE_TIME + (version % 1_000_000) * 1000),
    ...overrides,
  };
}

/** The event part of a recorded event, for comparison with what was saved. */
export function withoutPosition(recorded: RecordedEvent): Event {
  const { position: _position, ...event } = recorded;
  return event;
}

/** What a store must return for `input`: JSON-normalized data (`-0` becomes `0`, `undefined` dropped). */
export function expectedEvent(input: Event): Event {
  const event: Event = {
    id: input.id,
    eventType: input.eventType,
    actorId: input.actorId,
    version: input.version,
    data: JSON.parse(JSON.stringify(input.data)) as JsonObject,
    timestamp: new Date(input.timestamp.getTime()),
  };
  if (input.commandId !== undefined) event.commandId = input.commandId;
  if (input.metadata !== undefined) event.metadata = { ...input.metadata };
  return event;
}

/** `(id, version)` pairs: a compact picture of a stream for equality checks. */
export function idsAndVersions(events: readonly Pick<Event, 'id' | 'version'>[]) {
  return events.map((event) => ({ id: event.id, version: event.version }));
}

const MAX_PAGES = 100_000;

/** Every page of a paged read from `after`, following `next` until it is `null`. */
export async function readAllPages(
  read: (after: number | undefined) => Promise<EventPage>,
  after?: number,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let cursor = after;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await read(cursor);
    events.push(...page.events);
    if (page.next === null) return events;
    if (cursor !== undefined && page.next <= cursor) {
      throw new Error(`paged read did not advance: next ${page.next} after ${cursor}`);
    }
    cursor = page.next;
  }
  throw new Error('paged read did not end');
}

/** The whole global log through `readAll`. */
export function readWholeLog(store: AnyEventStore, after?: number): Promise<RecordedEvent[]> {
  const readAll = store.readAll;
  if (readAll === undefined) throw new Error('the store has no readAll()');
  return readAllPages((cursor) => readAll.call(store, cursor === undefined ? {} : { after: cursor }), after);
}

/**
 * Everything observable about some actors and ids, through every read the store has: used to show
 * that a failed operation left nothing behind.
 */
export async function observe(
  store: AnyEventStore,
  actorIds: readonly string[],
  eventIds: readonly string[],
) {
  const view: Record<string, unknown> = {};
  for (const actorId of actorIds) {
    view[`latest ${actorId}`] = await store.getLatestVersion(actorId);
    view[`events ${actorId}`] = await store.getEvents(actorId);
  }
  if (store.getEventById !== undefined) {
    for (const id of eventIds) view[`byId ${id}`] = await store.getEventById(id);
  }
  if (store.readAll !== undefined) view.log = await readWholeLog(store);
  if (store.listActors !== undefined) view.actors = await store.listActors({ limit: 1000 });
  return view;
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it holds or `budgetMs` passes; then fails naming what it waited for. */
export async function waitFor(condition: () => boolean, what: string, budgetMs: number): Promise<void> {
  const deadline = Date.now() + budgetMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${budgetMs} ms waiting for ${what}`);
    await delay(5);
  }
}

/** Settles `promise` or fails after `budgetMs` naming what it waited for. */
export async function within<T>(promise: Promise<T>, what: string, budgetMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${budgetMs} ms waiting for ${what}`)),
      budgetMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
