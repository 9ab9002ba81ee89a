import { ApiError, CLIENT_ERROR_CODES, errorFromResponse, isNotFound } from './api-error.ts';
import { createRpcClient, type RpcClient } from './rpc.ts';

// The page's own origin: in production the API serves the console; in dev Vite proxies /api.
let rpc: RpcClient | undefined;
const client = (): RpcClient => {
  rpc ??= createRpcClient(window.location.origin);
  return rpc;
};

interface JsonResponse<T> {
  ok: boolean;
  json(): Promise<T>;
}

/** Sends one RPC call; a non-2xx answer or no answer becomes an `ApiError`. */
async function call<T>(send: () => Promise<JsonResponse<T>>): Promise<T> {
  let response: JsonResponse<T>;
  try {
    response = await send();
  } catch (cause) {
    throw new ApiError(CLIENT_ERROR_CODES.unreachable, 'The Aether API cannot be reached.', 0, {
      cause: String(cause),
    });
  }
  if (!response.ok) throw await errorFromResponse(response as unknown as Response);
  try {
    return await response.json();
  } catch {
    throw new ApiError(
      CLIENT_ERROR_CODES.badResponse,
      'The API answered with something that is not JSON.',
      200,
    );
  }
}

// Hono's client puts path params into the URL as given: encode them, so ids with `/`, `%`, spaces
// or unicode reach the API as one segment.
const seg = encodeURIComponent;
const num = (value: number | undefined) => (value === undefined ? undefined : String(value));

/** Only 2xx bodies: `call` has turned every other answer into an `ApiError`. */
type Ok<R> = R extends { ok: true } ? R : never;
const ok = <R extends JsonResponse<unknown>>(response: Promise<R>) =>
  response as unknown as Promise<Ok<R> & JsonResponse<Awaited<ReturnType<Ok<R>['json']>>>>;

export const api = {
  health: () => call(() => ok(client().api.health.$get())),
  listActors: (options: { prefix?: string; after?: string; limit?: number }) =>
    call(() =>
      ok(
        client().api.actors.$get({
          query: { prefix: options.prefix || undefined, after: options.after, limit: num(options.limit) },
        }),
      ),
    ),
  getActor: (actorId: string) =>
    call(() => ok(client().api.actors[':actorId'].$get({ param: { actorId: seg(actorId) } }))),
  getActorEvents: (actorId: string, options: { from?: number; limit?: number }) =>
    call(() =>
      ok(
        client().api.actors[':actorId'].events.$get({
          param: { actorId: seg(actorId) },
          query: { from: num(options.from), limit: num(options.limit) },
        }),
      ),
    ),
  /** `null` when the actor has no snapshot (the API answers 404). */
  getSnapshot: (actorId: string) =>
    call(() => ok(client().api.actors[':actorId'].snapshot.$get({ param: { actorId: seg(actorId) } }))).catch(
      (error: unknown) => {
        if (isNotFound(error)) return null;
        throw error;
      },
    ),
  listEvents: (options: { after?: number; limit?: number; types?: string[] }) =>
    call(() =>
      ok(
        client().api.events.$get({
          query: { after: num(options.after), limit: num(options.limit), type: options.types },
        }),
      ),
    ),
  getEvent: (eventId: string) =>
    call(() => ok(client().api.events[':eventId'].$get({ param: { eventId: seg(eventId) } }))),
  /** Events whose `causationId` is this event's id, paged by position. */
  getEffects: (eventId: string, options: { after?: number; limit?: number }) =>
    call(() =>
      ok(
        client().api.events[':eventId'].effects.$get({
          param: { eventId: seg(eventId) },
          query: { after: num(options.after), limit: num(options.limit) },
        }),
      ),
    ),
  getTrace: (correlationId: string) =>
    call(() =>
      ok(client().api.traces[':correlationId'].$get({ param: { correlationId: seg(correlationId) } })),
    ),
};

/**
 * The SSE endpoint of the global log, optionally filtered by type: from an exclusive position, or
 * (`tail`) opening with the last events, which the API finds without the client probing the log.
 */
export function streamUrl(options: {
  after?: number | null;
  tail?: number;
  types?: readonly string[];
}): string {
  const after = options.after === undefined || options.after === null ? undefined : String(options.after);
  const url = client().api.stream.$url({
    query: {
      after,
      tail: after === undefined && options.tail !== undefined ? String(options.tail) : undefined,
      type: options.types && options.types.length > 0 ? [...options.types] : undefined,
    },
  });
  return `${url.pathname}${url.search}`;
}
