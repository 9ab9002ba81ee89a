import {
  AetherError,
  type EventDraft,
  isAetherError,
  normalizeReadAllOptions,
  validateActorId,
  validateFromVersion,
} from '@aether/core';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { ApiErrorCode } from '../error-status.ts';
import {
  ActorEventsPageSchema,
  ActorEventsQuery,
  ActorListQuery,
  ActorPageSchema,
  ActorParams,
  ActorSummarySchema,
  AppendBodySchema,
  AppendResultSchema,
  SnapshotSchema,
} from '../schemas.ts';
import { eventToJson, replayErrorToJson, snapshotToJson, summaryToJson } from '../serialize.ts';
import { checkFields, errorResponses, optionalNumber, type RouteDeps } from './route-helpers.ts';
import { readActorStreamPage } from './stream-page.ts';

const listActors = createRoute({
  method: 'get',
  path: '/api/actors',
  tags: ['actors'],
  summary: 'List actors by id, paged',
  request: { query: ActorListQuery },
  responses: {
    200: {
      description: 'A page of actor summaries',
      content: { 'application/json': { schema: ActorPageSchema } },
    },
    ...errorResponses(400, 503),
  },
});

const getActor = createRoute({
  method: 'get',
  path: '/api/actors/{actorId}',
  tags: ['actors'],
  summary: "An actor's summary",
  request: { params: ActorParams },
  responses: {
    200: { description: 'The summary', content: { 'application/json': { schema: ActorSummarySchema } } },
    ...errorResponses(400, 404, 503),
  },
});

const getActorEvents = createRoute({
  method: 'get',
  path: '/api/actors/{actorId}/events',
  tags: ['actors'],
  summary: "An actor's events from a version, paged",
  request: { params: ActorParams, query: ActorEventsQuery },
  responses: {
    200: {
      description: 'Events in version order; `next` is the `from` of the following page',
      content: { 'application/json': { schema: ActorEventsPageSchema } },
    },
    ...errorResponses(400, 503),
  },
});

const getSnapshot = createRoute({
  method: 'get',
  path: '/api/actors/{actorId}/snapshot',
  tags: ['actors'],
  summary: "The actor's latest snapshot",
  request: { params: ActorParams },
  responses: {
    200: {
      description: 'The snapshot with the highest version',
      content: { 'application/json': { schema: SnapshotSchema } },
    },
    ...errorResponses(400, 404, 503),
  },
});

const appendEvents = createRoute({
  method: 'post',
  path: '/api/actors/{actorId}/events',
  tags: ['actors'],
  summary: 'Append events (store-assigned versions); needs the bearer token',
  security: [{ bearerAuth: [] }],
  request: {
    params: ActorParams,
    body: { required: true, content: { 'application/json': { schema: AppendBodySchema } } },
  },
  responses: {
    201: {
      description: 'The recorded events',
      content: { 'application/json': { schema: AppendResultSchema } },
    },
    ...errorResponses(400, 401, 403, 409, 413, 415, 503),
  },
});

const notFound = (message: string) => ({ error: { code: ApiErrorCode.NOT_FOUND, message } });

/** Core's paths for a batch start at the draft index (`[2].data`); the request nests it under `events`. */
function underEvents(error: unknown): unknown {
  if (!isAetherError(error) || error.path === undefined || error.code === 'INVALID_ARGUMENT') return error;
  const field = error.path.startsWith('[') ? `events${error.path}` : error.path;
  return new AetherError(error.code, error.message, {
    path: error.path,
    details: { ...error.details, field },
  });
}

function toDraft(input: {
  id?: string | undefined;
  eventType: string;
  data: Record<string, unknown>;
  metadata?: Record<string, string> | undefined;
  commandId?: string | undefined;
  timestamp?: string | undefined;
}): EventDraft {
  const draft: Record<string, unknown> = { eventType: input.eventType, data: input.data };
  if (input.id !== undefined) draft.id = input.id;
  if (input.metadata !== undefined) draft.metadata = input.metadata;
  if (input.commandId !== undefined) draft.commandId = input.commandId;
  if (input.timestamp !== undefined) draft.timestamp = new Date(input.timestamp);
  // Core validates every field again (JSON domain, id rules, sizes) and names the failing path.
  return draft as unknown as EventDraft;
}

export function createActorRoutes(deps: RouteDeps) {
  const { store } = deps;
  return new OpenAPIHono()
    .openapi(listActors, async (c) => {
      const { prefix, after, limit } = c.req.valid('query');
      const page = await store.listActors({ prefix, after, limit: optionalNumber(limit) });
      return c.json({ actors: page.actors.map(summaryToJson), next: page.next }, 200);
    })
    .openapi(getActor, async (c) => {
      const actorId = validateActorId(c.req.valid('param').actorId);
      // The actor's own id sorts first among the ids it prefixes.
      const page = await store.listActors({ prefix: actorId, limit: 1 });
      const summary = page.actors[0];
      if (summary === undefined || summary.actorId !== actorId) {
        return c.json(notFound(`no actor ${JSON.stringify(actorId)}`), 404);
      }
      return c.json(summaryToJson(summary), 200);
    })
    .openapi(getActorEvents, async (c) => {
      const actorId = validateActorId(c.req.valid('param').actorId);
      const query = c.req.valid('query');
      const from = checkFields({ fromVersion: 'from' }, () =>
        validateFromVersion(optionalNumber(query.from)),
      );
      // The same limit rule as the store's paged reads.
      const { limit } = normalizeReadAllOptions({ limit: optionalNumber(query.limit) });
      const page = await readActorStreamPage(store, actorId, from, limit);
      return c.json(
        { events: page.events.map(eventToJson), errors: page.errors.map(replayErrorToJson), next: page.next },
        200,
      );
    })
    .openapi(getSnapshot, async (c) => {
      const actorId = validateActorId(c.req.valid('param').actorId);
      const snapshot = await store.getLatestSnapshot(actorId);
      if (snapshot === null) return c.json(notFound(`actor ${JSON.stringify(actorId)} has no snapshot`), 404);
      return c.json(snapshotToJson(snapshot), 200);
    })
    .openapi({ ...appendEvents, middleware: [deps.writeGuard] as const }, async (c) => {
      const actorId = c.req.valid('param').actorId;
      const body = c.req.valid('json');
      try {
        const recorded = await store.appendEvents(actorId, body.events.map(toDraft), {
          expectedVersion: body.expectedVersion,
        });
        return c.json({ events: recorded.map(eventToJson) }, 201);
      } catch (error) {
        throw underEvents(error);
      }
    });
}
