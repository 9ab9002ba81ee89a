import {
  MetadataKeys,
  normalizeFindByMetadataOptions,
  normalizeReadAllOptions,
  validateEventId,
} from '@aether/core';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { ApiErrorCode } from '../error-status.ts';
import { EffectsQuery, EventPageSchema, EventParams, EventsQuery, RecordedEventSchema } from '../schemas.ts';
import { eventToJson } from '../serialize.ts';
import { checkFields, errorResponses, optionalNumber, type RouteDeps, typeList } from './route-helpers.ts';

const listEvents = createRoute({
  method: 'get',
  path: '/api/events',
  tags: ['events'],
  summary: 'The global log in position order, paged',
  request: { query: EventsQuery },
  responses: {
    200: { description: 'A page of events', content: { 'application/json': { schema: EventPageSchema } } },
    ...errorResponses(400, 503),
  },
});

const getEvent = createRoute({
  method: 'get',
  path: '/api/events/{eventId}',
  tags: ['events'],
  summary: 'One event by id',
  request: { params: EventParams },
  responses: {
    200: { description: 'The event', content: { 'application/json': { schema: RecordedEventSchema } } },
    ...errorResponses(400, 404, 503),
  },
});

const getEffects = createRoute({
  method: 'get',
  path: '/api/events/{eventId}/effects',
  tags: ['events'],
  summary: 'The events an event caused (their causationId is its id), paged',
  description:
    'Found through the causation index, so effects appear whatever their correlation id and however ' +
    'long the trace is. In position order.',
  request: { params: EventParams, query: EffectsQuery },
  responses: {
    200: {
      description: 'A page of the events it caused',
      content: { 'application/json': { schema: EventPageSchema } },
    },
    ...errorResponses(400, 404, 503),
  },
});

const noEvent = (eventId: string) => ({
  error: { code: ApiErrorCode.NOT_FOUND, message: `no event ${JSON.stringify(eventId)}` },
});

export function createEventRoutes(deps: RouteDeps) {
  const { store } = deps;
  return new OpenAPIHono()
    .openapi(listEvents, async (c) => {
      const query = c.req.valid('query');
      const options = checkFields({ eventTypes: 'type' }, () =>
        normalizeReadAllOptions({
          after: optionalNumber(query.after),
          limit: optionalNumber(query.limit),
          eventTypes: typeList(query.type),
        }),
      );
      const page = await store.readAll(options);
      return c.json({ events: page.events.map(eventToJson), next: page.next }, 200);
    })
    .openapi(getEvent, async (c) => {
      const eventId = checkFields({ id: 'eventId' }, () => validateEventId(c.req.valid('param').eventId));
      const event = await store.getEventById(eventId);
      if (event === null) return c.json(noEvent(eventId), 404);
      return c.json(eventToJson(event), 200);
    })
    .openapi(getEffects, async (c) => {
      const eventId = checkFields({ id: 'eventId' }, () => validateEventId(c.req.valid('param').eventId));
      const query = c.req.valid('query');
      const options = normalizeFindByMetadataOptions(MetadataKeys.causationId, eventId, {
        after: optionalNumber(query.after),
        limit: optionalNumber(query.limit),
      });
      // Effects of an id that names no stored event would be a guess (a command id, a typo): 404.
      if ((await store.getEventById(eventId)) === null) return c.json(noEvent(eventId), 404);
      const page = await store.findByMetadata(options.key, options.value, {
        after: options.after,
        limit: options.limit,
      });
      return c.json({ events: page.events.map(eventToJson), next: page.next }, 200);
    });
}
