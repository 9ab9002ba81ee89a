import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { HealthSchema } from '../schemas.ts';
import { errorResponses, type RouteDeps } from './route-helpers.ts';

const health = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['console'],
  summary: 'Whether the API and its store answer',
  responses: {
    200: {
      description: 'The API and the store answer',
      content: { 'application/json': { schema: HealthSchema } },
    },
    ...errorResponses(503),
  },
});

// Any valid actor id does: an unknown actor costs one index lookup in every adapter.
const PROBE_ACTOR = 'aether/health-probe';

export function createHealthRoutes(deps: RouteDeps) {
  const { store, storeName, writable } = deps;
  return new OpenAPIHono().openapi(health, async (c) => {
    await store.getLatestVersion(PROBE_ACTOR);
    return c.json({ status: 'ok' as const, store: storeName, writable }, 200);
  });
}
