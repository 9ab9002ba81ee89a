import { type AetherStore, isAetherError, type RecordedEvent, type ReplayError } from '@aether/core';

export interface ActorStreamPage {
  events: RecordedEvent[];
  errors: ReplayError[];
  next: number | null;
}

/**
 * One page of an actor's stream with the corrupt records that fall in it. `readStream` reads just the
 * page; only when it meets a corrupt record does the page come from `getEventsWithErrors`, which reads
 * the rest of the stream but reports each damaged record instead of failing the whole page.
 */
export async function readActorStreamPage(
  store: AetherStore,
  actorId: string,
  fromVersion: number,
  limit: number,
): Promise<ActorStreamPage> {
  try {
    const page = await store.readStream(actorId, { fromVersion, limit });
    return { ...page, errors: [] };
  } catch (error) {
    if (!isAetherError(error, 'CORRUPT_RECORD')) throw error;
  }
  const { events, errors } = await store.getEventsWithErrors(actorId, fromVersion);
  const page = events.slice(0, limit);
  const more = events.length > limit;
  const last = page.at(-1);
  // Corrupt records are reported with the page they fall in (all of them on the last page).
  const pageErrors = errors.filter(
    (error) => !more || last === undefined || error.position === null || error.position < last.position,
  );
  return { events: page, errors: pageErrors, next: more && last !== undefined ? last.version + 1 : null };
}
