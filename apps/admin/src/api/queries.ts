import { infiniteQueryOptions, QueryClient, queryOptions } from '@tanstack/react-query';
import { isApiError } from './api-error.ts';
import { api } from './client.ts';

export const ACTOR_PAGE_SIZE = 100;
export const STREAM_PAGE_SIZE = 500;
export const EFFECTS_PAGE_SIZE = 50;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Stored events never change; new ones arrive at the end and the views ask for them.
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        // A store that is briefly unavailable (503) is worth a second try; a 4xx or a dead API is not.
        retry: (failureCount, error) => isApiError(error) && error.status === 503 && failureCount < 2,
      },
    },
  });
}

// Health is polled every 15 s anyway; retrying a failed check would only delay showing the API as down.
export const healthQuery = () =>
  queryOptions({ queryKey: ['health'], queryFn: api.health, refetchInterval: 15_000, retry: false });

export const actorsQuery = (prefix: string) =>
  infiniteQueryOptions({
    queryKey: ['actors', prefix],
    queryFn: ({ pageParam }) => api.listActors({ prefix, after: pageParam, limit: ACTOR_PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });

export const actorQuery = (actorId: string) =>
  queryOptions({ queryKey: ['actor', actorId], queryFn: () => api.getActor(actorId) });

export const actorEventsQuery = (actorId: string) =>
  infiniteQueryOptions({
    queryKey: ['actor-events', actorId],
    queryFn: ({ pageParam }) => api.getActorEvents(actorId, { from: pageParam, limit: STREAM_PAGE_SIZE }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.next ?? undefined,
  });

export const snapshotQuery = (actorId: string) =>
  queryOptions({ queryKey: ['snapshot', actorId], queryFn: () => api.getSnapshot(actorId) });

export const eventQuery = (eventId: string) =>
  queryOptions({ queryKey: ['event', eventId], queryFn: () => api.getEvent(eventId) });

export const effectsQuery = (eventId: string) =>
  infiniteQueryOptions({
    queryKey: ['effects', eventId],
    queryFn: ({ pageParam }) => api.getEffects(eventId, { after: pageParam, limit: EFFECTS_PAGE_SIZE }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.next ?? undefined,
  });

export const traceQuery = (correlationId: string) =>
  queryOptions({ queryKey: ['trace', correlationId], queryFn: () => api.getTrace(correlationId) });
