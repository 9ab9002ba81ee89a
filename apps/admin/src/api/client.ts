import { ApiError, CLIENT_ERROR_CODES, errorFromResponse, isNotFound } from './api-error.ts';
import type {
  ActorEventsPage,
  ActorPage,
  ActorSummary,
  EventPage,
  Health,
  RecordedEventJson,
  Snapshot,
  Trace,
} from './wire-types.ts';

async function request<T>(
  path: string,
  query: Record<string, string | string[] | undefined> = {},
): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  }
  const search = params.size > 0 ? `?${params}` : '';
  let response: Response;
  try {
    response = await fetch(`${path}${search}`, { headers: { accept: 'application/json' } });
  } catch (cause) {
    throw new ApiError(CLIENT_ERROR_CODES.unreachable, 'The Aether API cannot be reached.', 0, {
      cause: String(cause),
    });
  }
  if (!response.ok) throw await errorFromResponse(response);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(
      CLIENT_ERROR_CODES.badResponse,
      'The API answered with something that is not JSON.',
      200,
    );
  }
}

const seg = encodeURIComponent;
const num = (value: number | undefined) => (value === undefined ? undefined : String(value));

export const api = {
  health: () => request<Health>('/api/health'),
  listActors: (options: { prefix?: string; after?: string; limit?: number }) =>
    request<ActorPage>('/api/actors', {
      prefix: options.prefix || undefined,
      after: options.after,
      limit: num(options.limit),
    }),
  getActor: (actorId: string) => request<ActorSummary>(`/api/actors/${seg(actorId)}`),
  getActorEvents: (actorId: string, options: { from?: number; limit?: number }) =>
    request<ActorEventsPage>(`/api/actors/${seg(actorId)}/events`, {
      from: num(options.from),
      limit: num(options.limit),
    }),
  /** `null` when the actor has no snapshot (the API answers 404). */
  getSnapshot: (actorId: string) =>
    request<Snapshot>(`/api/actors/${seg(actorId)}/snapshot`).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    }),
  listEvents: (options: { after?: number; limit?: number; types?: string[] }) =>
    request<EventPage>('/api/events', {
      after: num(options.after),
      limit: num(options.limit),
      type: options.types,
    }),
  getEvent: (eventId: string) => request<RecordedEventJson>(`/api/events/${seg(eventId)}`),
  getTrace: (correlationId: string) => request<Trace>(`/api/traces/${seg(correlationId)}`),
};

/** The SSE endpoint of the global log from an exclusive position, optionally filtered by type. */
export function streamUrl(options: { after?: number; types?: readonly string[] }): string {
  const params = new URLSearchParams();
  if (options.after !== undefined) params.set('after', String(options.after));
  for (const type of options.types ?? []) params.append('type', type);
  const search = params.size > 0 ? `?${params}` : '';
  return `/api/stream${search}`;
}
