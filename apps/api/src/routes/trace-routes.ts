import { MAX_PAGE_LIMIT, MetadataKeys, type RecordedEvent, validateEventId } from '@aether/core';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { buildCausationTree } from '../causation-tree.ts';
import { TraceParams, TraceSchema } from '../schemas.ts';
import { eventToJson } from '../serialize.ts';
import { checkFields, errorResponses, type RouteDeps } from './route-helpers.ts';

const getTrace = createRoute({
  method: 'get',
  path: '/api/traces/{correlationId}',
  tags: ['traces'],
  summary: 'A trace: every event of a correlation id, in position order, and its causation tree',
  request: { params: TraceParams },
  responses: {
    200: {
      description: 'The trace (empty when nothing carries the id)',
      content: { 'application/json': { schema: TraceSchema } },
    },
    ...errorResponses(400, 503),
  },
});

/**
 * The events of a trace, in position order, at most `limit` of them. The event whose id is the
 * correlation id started the chain (`causedBy` gives its followers that correlation id) even when
 * it carries no correlation id itself, so it belongs to the trace too.
 */
export async function readTrace(
  store: RouteDeps['store'],
  correlationId: string,
  limit: number,
): Promise<{ events: RecordedEvent[]; truncated: boolean }> {
  const events: RecordedEvent[] = [];
  let after = 0;
  let truncated = false;
  for (;;) {
    const page = await store.findByMetadata(MetadataKeys.correlationId, correlationId, {
      after,
      limit: Math.min(MAX_PAGE_LIMIT, limit + 1 - events.length),
    });
    events.push(...page.events);
    if (events.length > limit) {
      events.length = limit;
      truncated = true;
      break;
    }
    if (page.next === null) break;
    after = page.next;
  }
  const origin = await store.getEventById(correlationId);
  if (origin !== null && !events.some((event) => event.id === origin.id)) {
    const index = events.findIndex((event) => event.position > origin.position);
    if (index >= 0) events.splice(index, 0, origin);
    else if (!truncated) events.push(origin);
    if (events.length > limit) {
      events.length = limit;
      truncated = true;
    }
  }
  return { events, truncated };
}

export function createTraceRoutes(deps: RouteDeps) {
  const { store, traceLimit } = deps;
  return new OpenAPIHono().openapi(getTrace, async (c) => {
    // A correlation id follows the rules of an event id (it usually is one).
    const correlationId = checkFields({ id: 'correlationId' }, () =>
      validateEventId(c.req.valid('param').correlationId),
    );
    const { events, truncated } = await readTrace(store, correlationId, traceLimit);
    return c.json(
      {
        correlationId,
        events: events.map(eventToJson),
        tree: buildCausationTree(events),
        truncated,
        limit: traceLimit,
      },
      200,
    );
  });
}
