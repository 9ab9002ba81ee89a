export type SearchTarget =
  | { view: 'actor'; actorId: string }
  | { view: 'trace'; correlationId: string; eventId?: string }
  | { view: 'event'; eventId: string }
  | { view: 'none' };

/**
 * Where an id typed into the search box goes, given what it matched. A chain's first event is its
 * own correlation id (`causedBy`), so an id that is both an event and a trace of several events opens
 * the trace with that event selected: the trace shows the event too, the event view would hide the
 * trace one click away.
 */
export function resolveSearch(
  q: string,
  found: { actor: boolean; event: boolean; traceSize: number },
): SearchTarget {
  if (found.actor) return { view: 'actor', actorId: q };
  if (found.traceSize > 1)
    return found.event
      ? { view: 'trace', correlationId: q, eventId: q }
      : { view: 'trace', correlationId: q };
  if (found.event) return { view: 'event', eventId: q };
  if (found.traceSize === 1) return { view: 'trace', correlationId: q };
  return { view: 'none' };
}
