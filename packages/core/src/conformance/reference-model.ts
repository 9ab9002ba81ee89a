import type { ErrorCode } from '../errors.ts';
import type { ExpectedVersion } from '../types.ts';

/** What the model tracks of an event: enough to decide every version and id rule. */
export interface ModelEvent {
  id: string;
  actorId: string;
  version: number;
}

export type ModelOutcome = { ok: true; events: ModelEvent[] } | { ok: false; code: ErrorCode };

const ok = (events: ModelEvent[]): ModelOutcome => ({
  ok: true,
  events: events.map((event) => ({ ...event })),
});
const fail = (code: ErrorCode): ModelOutcome => ({ ok: false, code });

/**
 * The version and id rules of the contract in a few lines, for the model-based property test:
 * saveEvent, saveEvents and appendEvents on valid input, answered the way every store must answer.
 */
export class ReferenceModel {
  readonly #streams = new Map<string, ModelEvent[]>();
  readonly #byId = new Map<string, ModelEvent>();
  /** Stored ids in commit order, for commands that reuse one. */
  readonly storedIds: string[] = [];

  latest(actorId: string): number {
    return this.#streams.get(actorId)?.at(-1)?.version ?? 0;
  }

  stream(actorId: string): ModelEvent[] {
    return (this.#streams.get(actorId) ?? []).map((event) => ({ ...event }));
  }

  #isRetry(event: ModelEvent): boolean | 'duplicate' {
    const stored = this.#byId.get(event.id);
    if (stored === undefined) return false;
    return stored.actorId === event.actorId && stored.version === event.version ? true : 'duplicate';
  }

  #commit(events: readonly ModelEvent[]): void {
    for (const event of events) {
      const stored = { ...event };
      const stream = this.#streams.get(event.actorId) ?? [];
      stream.push(stored);
      this.#streams.set(event.actorId, stream);
      this.#byId.set(event.id, stored);
      this.storedIds.push(event.id);
    }
  }

  saveEvent(event: ModelEvent): ModelOutcome {
    const retry = this.#isRetry(event);
    if (retry === 'duplicate') return fail('DUPLICATE_EVENT_ID');
    if (retry) return ok([this.#byId.get(event.id) as ModelEvent]);
    if (event.version <= this.latest(event.actorId)) return fail('VERSION_CONFLICT');
    this.#commit([event]);
    return ok([event]);
  }

  saveEvents(events: readonly ModelEvent[]): ModelOutcome {
    const ids = new Set<string>();
    for (const [index, event] of events.entries()) {
      const previous = events[index - 1];
      if (event.version < 1 || ids.has(event.id)) return fail('INVALID_EVENT');
      if (previous && (event.actorId !== previous.actorId || event.version <= previous.version)) {
        return fail('INVALID_EVENT');
      }
      ids.add(event.id);
    }
    const fresh: ModelEvent[] = [];
    for (const event of events) {
      const retry = this.#isRetry(event);
      if (retry === 'duplicate') return fail('DUPLICATE_EVENT_ID');
      if (!retry) fresh.push(event);
    }
    const first = fresh[0];
    if (first && first.version <= this.latest(first.actorId)) return fail('VERSION_CONFLICT');
    this.#commit(fresh);
    return ok(events.map((event) => this.#byId.get(event.id) as ModelEvent));
  }

  appendEvents(actorId: string, ids: readonly string[], expected: ExpectedVersion): ModelOutcome {
    if (new Set(ids).size !== ids.length) return fail('INVALID_EVENT');
    const stored = ids.map((id) => this.#byId.get(id));
    if (ids.length > 0 && stored.every((event) => event?.actorId === actorId))
      return ok(stored as ModelEvent[]);
    if (stored.some((event) => event !== undefined)) return fail('DUPLICATE_EVENT_ID');
    const current = this.latest(actorId);
    const matches = expected === 'any' || (expected === 'no_stream' ? current === 0 : expected === current);
    if (!matches) return fail('VERSION_CONFLICT');
    const events = ids.map((id, index) => ({ id, actorId, version: current + index + 1 }));
    this.#commit(events);
    return ok(events);
  }
}
